package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import org.junit.jupiter.api.Test;

class Keypoints2DTest {
    @Test
    void personAndNoPerson() {
        Keypoints2D k = KeypointsFileTest.personFrame(3);
        assertTrue(k.hasPerson());
        PoseLandmarks lm = k.landmarks();
        assertEquals(lm.x(PoseLandmarks.LEFT_WRIST), k.jointX(H36mJoints.L_WRIST), 0f);
        assertEquals(lm.y(PoseLandmarks.LEFT_WRIST), k.jointY(H36mJoints.L_WRIST), 0f);
        assertEquals(lm.visibility(PoseLandmarks.LEFT_WRIST), k.jointConfidence(H36mJoints.L_WRIST), 0f);
        Keypoints2D none = Keypoints2D.noPerson(4, 5, 8, 8, true);
        assertFalse(none.hasPerson());
        assertThrows(IllegalStateException.class, () -> none.jointX(0));
        assertThrows(IllegalArgumentException.class, () -> k.jointX(17));
    }

    @Test
    void rejectsInconsistentFields() {
        Keypoints2D k = KeypointsFileTest.personFrame(0);
        assertThrows(IllegalArgumentException.class, () -> new Keypoints2D(0, 0, 10, 10, k.roi(), null, null, false));
        assertThrows(IllegalArgumentException.class, () -> new Keypoints2D(0, 0, 10, 10, k.roi(), k.landmarks(), new float[3], false));
        assertThrows(IllegalArgumentException.class, () -> Keypoints2D.noPerson(0, 0, 0, 10, false));
        assertThrows(IllegalArgumentException.class, () -> Keypoints2D.noPerson(-1, 0, 10, 10, false));
    }
}
