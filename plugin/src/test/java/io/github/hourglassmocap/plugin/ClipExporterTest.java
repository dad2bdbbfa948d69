package io.github.hourglassmocap.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.AnimClip;
import com.jme3.anim.Armature;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.retarget.bvh.BvhMotion;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.record.ClipRecorder;
import io.github.hourglassmocap.retarget.record.KeyReduction;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipExporterTest {
    @TempDir
    Path dir;

    @Test
    void theBvhExporterWritesARecordingResampledAtItsRate() throws Exception {
        DesktopAssetManager assets = new DesktopAssetManager(true);
        Spatial jaime = BuiltInCharacters.load(assets, BuiltInCharacters.assetPath("jaime"));
        Armature a = Armatures.getArmature(jaime);
        int arm = a.getJointIndex(BuiltInCharacters.map("jaime").getJoint(HumanoidBone.LEFT_UPPER_ARM));
        ClipRecorder r = ClipRecorder.allJoints(a);
        for (int k = 0; k <= 10; k++) {
            a.getJoint(arm).setLocalRotation(new Quaternion().fromAngleAxis(0.1f * k, Vector3f.UNIT_Z));
            r.record(k * 0.1);
        }
        AnimClip clip = r.build("take", KeyReduction.NONE);
        ClipExporter bvh = ClipExporter.bvh(30);
        assertEquals("bvh", bvh.extension());
        Path file = dir.resolve("take." + bvh.extension());
        bvh.export(clip, jaime, file);
        BvhMotion m = BvhReader.readAll(file);
        assertEquals(1 / 30.0, m.frameTimeSeconds(), 1e-6);
        assertEquals(31, m.frameCount(), "1 s at 30 Hz, both ends");
        String armName = a.getJoint(arm).getName();
        assertTrue(m.skeleton().findIndex(armName) >= 0, "the BVH holds the character's joint " + armName);
    }

    @Test
    void factoriesValidateTheirArguments() {
        assertThrows(IllegalArgumentException.class, () -> ClipExporter.bvh(0));
        assertThrows(IllegalArgumentException.class, () -> ClipExporter.bvh(Double.NaN));
        assertThrows(NullPointerException.class, () -> ClipExporter.glb(null));
        assertInstanceOf(GlbClipExporter.class, ClipExporter.glb(new DesktopAssetManager(true)));
    }
}
