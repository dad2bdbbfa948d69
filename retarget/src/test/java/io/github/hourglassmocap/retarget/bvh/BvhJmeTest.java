package io.github.hourglassmocap.retarget.bvh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimComposer;
import com.jme3.anim.AnimTrack;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.SkinningControl;
import com.jme3.anim.TransformTrack;
import com.jme3.anim.util.AnimMigrationUtils;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.retarget.internal.skeleton.ForwardKinematics;
import io.github.hourglassmocap.retarget.testutil.TestBvh;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BvhJmeTest {
    @TempDir
    Path tmp;

    /** Poses an armature with a clip at a time the way an AnimComposer would, then updates model transforms. */
    static void pose(Armature armature, AnimClip clip, double time) {
        armature.applyInitialPose();
        for (AnimTrack<?> t : clip.getTracks()) {
            if (t instanceof TransformTrack tt && tt.getTarget() instanceof Joint j) {
                Transform tr = j.getInitialTransform().clone();
                tt.getDataAtTime(time, tr);
                j.setLocalTransform(tr);
            }
        }
        armature.update();
    }

    @Test
    void bvhBecomesAnArmatureAndClipWithTheSameJointPositions() throws Exception {
        BvhMotion m = BvhReader.readAll(TestBvh.path(TestBvh.ACRNN));
        double scale = 0.01;
        Armature a = BvhJme.toArmature(m.skeleton(), scale);
        AnimClip clip = BvhJme.toClip(m, a, "salsa", scale);
        assertEquals(m.skeleton().size(), a.getJointCount());
        assertEquals("hip", a.getRoots()[0].getName());
        assertEquals(12 * m.frameTimeSeconds(), clip.getLength(), 1e-6);
        ForwardKinematics fk = new ForwardKinematics(m.skeleton());
        double[] ch = new double[m.skeleton().channelCount()];
        for (int f = 0; f < m.frameCount(); f += 3) {
            fk.setFrame(m.frame(f, ch));
            pose(a, clip, f * m.frameTimeSeconds());
            for (int j = 0; j < a.getJointCount(); j++) {
                Vector3f p = a.getJoint(j).getModelTransform().getTranslation();
                assertEquals(fk.worldPositions()[j * 3] * scale, p.x, 1e-4, m.skeleton().joint(j).name());
                assertEquals(fk.worldPositions()[j * 3 + 1] * scale, p.y, 1e-4);
                assertEquals(fk.worldPositions()[j * 3 + 2] * scale, p.z, 1e-4);
            }
        }
    }

    @Test
    void clipOnArmatureBecomesBvhAndRoundTripsThroughAFile() throws Exception {
        BvhMotion m = BvhReader.readAll(TestBvh.path(TestBvh.ICLONE));
        Armature a = BvhJme.toArmature(m.skeleton(), 0.01);
        AnimClip clip = BvhJme.toClip(m, a, "take", 0.01);
        BvhMotion back = BvhJme.fromClip(clip, a, 60, 100);
        assertEquals(m.frameCount(), back.frameCount());
        assertEquals(m.skeleton().names(), back.skeleton().names());
        Path file = tmp.resolve("take.bvh");
        BvhWriter.write(file, back);
        BvhMotion reread = BvhReader.readAll(file);
        ForwardKinematics fa = new ForwardKinematics(m.skeleton());
        ForwardKinematics fb = new ForwardKinematics(reread.skeleton());
        for (int f = 0; f < m.frameCount(); f++) {
            fa.setFrame(m.frame(f, new double[m.skeleton().channelCount()]));
            fb.setFrame(reread.frame(f, new double[reread.skeleton().channelCount()]));
            for (int k = 0; k < fa.worldPositions().length; k++) {
                // 1e-4 of the 185 cm rig, after float keyframes
                assertEquals(fa.worldPositions()[k], fb.worldPositions()[k], 0.0185, "frame " + f + " value " + k);
            }
        }
    }

    @Test
    void jaimesWalkClipExportsToBvhWithTheSameJointPositions() throws Exception {
        Spatial jaime = new DesktopAssetManager(true).loadModel("Models/Jaime/Jaime.j3o");
        AnimMigrationUtils.migrate(jaime);
        List<SkinningControl> sc = new ArrayList<>();
        List<AnimComposer> ac = new ArrayList<>();
        jaime.depthFirstTraversal(s -> {
            if (s.getControl(SkinningControl.class) != null) {
                sc.add(s.getControl(SkinningControl.class));
            }
            if (s.getControl(AnimComposer.class) != null) {
                ac.add(s.getControl(AnimComposer.class));
            }
        });
        Armature a = sc.get(0).getArmature();
        AnimClip walk = ac.get(0).getAnimClip("Walk");
        assertNotNull(walk);
        BvhMotion bvh = BvhJme.fromClip(walk, a, 30, 100);
        assertTrue(bvh.frameCount() > 10);
        assertEquals("Root", bvh.skeleton().joint(0).name());
        Path file = tmp.resolve("walk.bvh");
        BvhWriter.write(file, bvh);
        BvhMotion reread = BvhReader.readAll(file);
        ForwardKinematics fk = new ForwardKinematics(reread.skeleton());
        for (int f = 0; f < reread.frameCount(); f += 5) {
            fk.setFrame(reread.frame(f, new double[reread.skeleton().channelCount()]));
            pose(a, walk, Math.min(f / 30.0, walk.getLength()));
            for (int j = 0; j < reread.skeleton().size(); j++) {
                Vector3f p = a.getJoint(reread.skeleton().joint(j).name()).getModelTransform().getTranslation();
                // Jaime is about 1.2 m tall: 1e-4 of that in centimetres
                assertEquals(p.x * 100, fk.worldPositions()[j * 3], 0.012, reread.skeleton().joint(j).name());
                assertEquals(p.y * 100, fk.worldPositions()[j * 3 + 1], 0.012);
                assertEquals(p.z * 100, fk.worldPositions()[j * 3 + 2], 0.012);
            }
        }
    }
}
