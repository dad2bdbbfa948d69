package io.github.hourglassmocap.retarget.export;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimTrack;
import com.jme3.anim.Armature;
import com.jme3.anim.TransformTrack;
import com.jme3.anim.util.HasLocalTransform;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.retarget.bvh.BvhJme;
import io.github.hourglassmocap.retarget.bvh.BvhMotion;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BvhClipExporterTest {
    @TempDir
    Path dir;

    private static void pose(AnimClip clip, Armature armature, double t) {
        armature.applyInitialPose();
        Transform store = new Transform();
        for (AnimTrack<?> track : clip.getTracks()) {
            TransformTrack tt = (TransformTrack) track;
            HasLocalTransform target = tt.getTarget();
            store.set(target.getLocalTransform());
            tt.getDataAtTime(t, store);
            target.setLocalTransform(store);
        }
        armature.update();
    }

    @Test
    void writtenBvhReproducesTheJointPositions() throws Exception {
        AnimClip[] clip = new AnimClip[1];
        Spatial model = J3oExporterTest.recordedModel("sinbad", clip);
        Armature armature = BuiltInCharacters.findSkinning(model).getArmature();
        Path file = dir.resolve("clip.bvh");
        BvhClipExporter.export(clip[0], armature, 30, file);

        BvhMotion motion = BvhReader.readAll(file);
        assertEquals(30.0, 1 / motion.frameTimeSeconds(), 1e-3);
        Armature back = BvhJme.toArmature(motion.skeleton(), 1.0);
        AnimClip backClip = BvhJme.toClip(motion, back, "back", 1.0);
        double worst = 0;
        for (double t : new double[] {0.0, 0.5, 1.0}) {
            pose(clip[0], armature, t);
            pose(backClip, back, t);
            for (String name : new String[] {"Hand.L", "Hand.R", "Foot.L", "Foot.R", "Head", "Root"}) {
                Vector3f a = armature.getJoint(name).getModelTransform().getTranslation();
                Vector3f b = back.getJoint(name).getModelTransform().getTranslation();
                worst = Math.max(worst, a.distance(b));
            }
        }
        // Sinbad is about 9 units tall; BVH text keeps a few decimals.
        assertEquals(0.0, worst, 0.01, "worst joint position difference (model units)");
    }
}
