package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import org.junit.jupiter.api.Test;

class PckTest {
    @Test
    void countsJointsWithinTheTorsoTolerance() {
        Keypoints2D k = KeypointsFileTest.personFrame(0);
        float[] truth = new float[24];
        for (int i = 0; i < 12; i++) {
            int j = Pck.LIMB_JOINTS[i];
            truth[2 * i] = k.jointX(j);
            truth[2 * i + 1] = k.jointY(j);
        }
        double torso = Pck.torsoSize(truth);
        double expected = Math.hypot(k.jointX(H36mJoints.L_SHOULDER) - k.jointX(H36mJoints.R_HIP),
                k.jointY(H36mJoints.L_SHOULDER) - k.jointY(H36mJoints.R_HIP));
        assertEquals(expected, torso, 1e-4);
        assertEquals(12, Pck.correct(k, truth, 0.2));
        // move one truth joint (the left wrist, slot 8) just outside and another just inside the tolerance
        float[] moved = truth.clone();
        moved[16] += (float) (0.21 * torso);
        moved[2] += (float) (0.19 * torso);
        assertEquals(11, Pck.correct(k, moved, 0.2));
        assertEquals(0, Pck.correct(Keypoints2D.noPerson(0, 0, 10, 10, true), truth, 0.2));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Pck.torsoSize(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Pck.correct(KeypointsFileTest.personFrame(0), new float[24], 0));
    }
}
