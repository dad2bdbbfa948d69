package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import org.junit.jupiter.api.Test;

class LifterEvaluatorTest {
    /** A model that returns a constant root-relative pose, whatever it is shown. */
    static WindowModel constant(float[][] pose, int frames) {
        return new WindowModel() {
            @Override
            public int frames() {
                return frames;
            }

            @Override
            public int outputFrames() {
                return frames;
            }

            @Override
            public float[][][] run(float[][][] window) {
                float[][][] out = new float[frames][H36mJoints.COUNT][3];
                for (float[][] f : out) {
                    for (int j = 0; j < H36mJoints.COUNT; j++) {
                        f[j] = pose[j].clone();
                    }
                }
                return out;
            }
        };
    }

    @Test
    void zeroPoseScoresTheMeanJointDistanceAndIsSeeded() throws Exception {
        float[][][] world = SyntheticCameraTest.standing(50, 0, 0);
        ClipLifter offline = new ClipLifter(ClipLifter.Mode.OFFLINE, 0, 0, false, 0);
        LifterEvaluator e = new LifterEvaluator(constant(new float[17][3], 9), offline, false, 1, 20);
        e.add(world);
        // Predicting every joint at the pelvis: MPJPE = mean distance of the joints from the pelvis.
        double want = 0;
        for (int j = 0; j < 17; j++) {
            double dx = world[0][j][0] - world[0][0][0];
            double dy = world[0][j][1] - world[0][0][1];
            double dz = world[0][j][2] - world[0][0][2];
            want += Math.sqrt(dx * dx + dy * dy + dz * dz) / 17;
        }
        assertEquals(50, e.metrics().frames());
        assertEquals(want, e.metrics().mean(false), 1e-4);
        assertTrue(e.windows() > 0 && e.msPerWindow() >= 0);
        LifterEvaluator again = new LifterEvaluator(constant(new float[17][3], 9), offline, true, 1, 20);
        again.add(world);
        assertEquals(want, again.metrics().mean(false), 1e-4);
        assertThrows(IllegalArgumentException.class, () -> new LifterEvaluator(null, offline, false, 1, 20));
    }
}
