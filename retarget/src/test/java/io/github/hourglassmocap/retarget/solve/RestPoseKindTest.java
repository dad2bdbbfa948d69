package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RestPoseKindTest {
    @Test
    void classifiesByArmDrop() {
        assertEquals(RestPoseKind.T_POSE, RestPoseKind.classify(0f));
        assertEquals(RestPoseKind.T_POSE, RestPoseKind.classify(-15f));
        assertEquals(RestPoseKind.A_POSE, RestPoseKind.classify(45f));
        assertEquals(RestPoseKind.OTHER, RestPoseKind.classify(80f));
        assertEquals(RestPoseKind.OTHER, RestPoseKind.classify(-40f));
    }
}
