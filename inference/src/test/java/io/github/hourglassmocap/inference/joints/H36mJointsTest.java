package io.github.hourglassmocap.inference.joints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class H36mJointsTest {
    @Test
    void tableMatchesTheDocumentedOrder() {
        int[] parents = {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 9, 8, 11, 12, 8, 14, 15};
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            assertEquals(parents[j], H36mJoints.parent(j), "parent of " + H36mJoints.name(j));
        }
        assertEquals("l_wrist", H36mJoints.name(H36mJoints.L_WRIST));
        assertEquals("pelvis", H36mJoints.name(H36mJoints.PELVIS));
    }

    @Test
    void mirrorSwapsSidesAndIsAnInvolution() {
        assertEquals(H36mJoints.R_KNEE, H36mJoints.mirror(H36mJoints.L_KNEE));
        assertEquals(H36mJoints.HEAD, H36mJoints.mirror(H36mJoints.HEAD));
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            assertEquals(j, H36mJoints.mirror(H36mJoints.mirror(j)));
        }
    }

    @Test
    void rejectsOutOfRangeIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> H36mJoints.parent(17));
        assertEquals("joint index 17 out of range; expected 0..16", e.getMessage());
    }
}
