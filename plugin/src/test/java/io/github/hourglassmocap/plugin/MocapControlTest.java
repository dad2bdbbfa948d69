package io.github.hourglassmocap.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.Armature;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import org.junit.jupiter.api.Test;

class MocapControlTest {
    /** Turns joint 3 about Z by the pose's left-wrist x (radians). */
    static final class TurnJoint implements CharacterRetargeter {
        int calls;

        @Override
        public void apply(Pose3dSample pose, Armature armature) {
            calls++;
            armature.getJoint(3).setLocalRotation(new Quaternion().fromAngleAxis(pose.joints()[3 * 13], Vector3f.UNIT_Z));
        }
    }

    private static Pose3dSample pose(long frame, float angle, boolean valid) {
        float[] j = new float[51];
        j[3 * 13] = angle;
        return new Pose3dSample(frame, frame * 1000, valid, j, null);
    }

    private static float angleOf(Armature a) {
        return a.getJoint(3).getLocalRotation().toAngleAxis(new Vector3f());
    }

    private static Spatial jaime() {
        return new DesktopAssetManager(true).loadModel("Models/Jaime/Jaime.j3o");
    }

    @Test
    void appliesPosesInUpdateAndEasesWithSmoothing() {
        Spatial m = jaime();
        TurnJoint r = new TurnJoint();
        MocapControl c = new MocapControl(r);
        m.addControl(c);
        Armature a = c.armature();
        c.setPose(pose(0, 1.0f, true));
        assertEquals(0, r.calls, "nothing happens before the update");
        c.update(0.016f);
        assertEquals(1.0f, angleOf(a), 1e-4f);
        assertEquals(1, c.getPosesApplied());

        c.setSmoothingSeconds(0.1f);
        c.setPose(pose(1, 0.0f, true));
        c.update(0.1f);
        // one time constant: 1 - 1/e of the way from 1.0 to 0.0
        assertEquals((float) Math.exp(-1), angleOf(a), 0.02f);
        for (int i = 0; i < 50; i++) {
            c.update(0.1f);
        }
        assertEquals(0f, angleOf(a), 1e-3f);
    }

    @Test
    void invalidPosesHoldTheLastPose() {
        Spatial m = jaime();
        TurnJoint r = new TurnJoint();
        MocapControl c = new MocapControl(r);
        m.addControl(c);
        c.applyNow(pose(0, 0.5f, true));
        c.applyNow(pose(1, 2.0f, false));
        c.setPose(pose(2, 2.0f, false));
        c.update(0.016f);
        assertEquals(0.5f, angleOf(c.armature()), 1e-4f);
        assertEquals(1, c.getPosesApplied());
        assertEquals(1, r.calls);
    }

    @Test
    void badArgumentsAndDetachedUseFailClearly() {
        MocapControl c = new MocapControl(new TurnJoint());
        assertThrows(IllegalStateException.class, c::armature);
        assertThrows(IllegalArgumentException.class, () -> c.setSmoothingSeconds(-1));
        assertThrows(IllegalArgumentException.class, () -> c.setSmoothingSeconds(Float.NaN));
        assertThrows(NullPointerException.class, () -> new MocapControl(null));
        assertTrue(FastMath.PI > 3);
    }
}
