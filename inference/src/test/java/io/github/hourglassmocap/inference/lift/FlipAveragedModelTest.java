package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import org.junit.jupiter.api.Test;

class FlipAveragedModelTest {
    @Test
    void mirrorSwapsSidesAndNegatesX() {
        float[][][] w = FakeModels.clip(2);
        float[][][] m = FlipAveragedModel.mirror2d(w);
        assertEquals(-w[1][H36mJoints.R_WRIST][0], m[1][H36mJoints.L_WRIST][0], 0f);
        assertEquals(w[1][H36mJoints.R_WRIST][1], m[1][H36mJoints.L_WRIST][1], 0f);
        assertEquals(-w[0][H36mJoints.HEAD][0], m[0][H36mJoints.HEAD][0], 0f);
    }

    @Test
    void averagesOutAnAsymmetricBiasAndKeepsShape() throws Exception {
        WindowModel biased = FakeModels.perFrame(5, 1, 0.2f);
        FlipAveragedModel flip = new FlipAveragedModel(biased);
        assertEquals(5, flip.frames());
        assertEquals(1, flip.outputFrames());
        float[][][] w = FakeModels.clip(5);
        float[][][] out = flip.run(w);
        for (int j = 0; j < 17; j++) {
            float[] e = FakeModels.expected(w[2][j]);
            for (int d = 0; d < 3; d++) {
                assertEquals(e[d], out[0][j][d], 1e-6f);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new FlipAveragedModel(null));
    }
}
