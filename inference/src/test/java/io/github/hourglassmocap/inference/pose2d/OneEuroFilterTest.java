package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OneEuroFilterTest {
    private static final long DT = 33_333_333L;

    @Test
    void firstSamplePassesAndConstantStaysConstant() {
        OneEuroFilter f = new OneEuroFilter(1, 0.05, 1);
        float[] x = {3, 4};
        f.filter(x, 0);
        assertEquals(3f, x[0], 0f);
        for (int i = 1; i < 20; i++) {
            x[0] = 3;
            x[1] = 4;
            f.filter(x, i * DT);
            assertEquals(3f, x[0], 1e-5f);
            assertEquals(4f, x[1], 1e-5f);
        }
    }

    @Test
    void reducesJitterOfAStillPoint() {
        OneEuroFilter f = new OneEuroFilter(1, 0.0, 1);
        Random r = new Random(3);
        double rawVar = 0;
        double outVar = 0;
        float[] x = new float[1];
        for (int i = 0; i < 300; i++) {
            float noise = (float) r.nextGaussian();
            x[0] = 100 + noise;
            f.filter(x, i * DT);
            if (i > 30) {
                rawVar += noise * noise;
                outVar += (x[0] - 100) * (x[0] - 100);
            }
        }
        assertTrue(outVar < rawVar * 0.3, "filtered variance " + outVar + " vs raw " + rawVar);
    }

    @Test
    void higherBetaLagsLessOnFastMotion() {
        float slow = rampLag(0.0);
        float fast = rampLag(1.0);
        assertTrue(fast < slow * 0.5, "lag with beta 1: " + fast + ", with beta 0: " + slow);
    }

    private static float rampLag(double beta) {
        OneEuroFilter f = new OneEuroFilter(1, beta, 1);
        float[] x = new float[1];
        float lag = 0;
        for (int i = 0; i < 60; i++) {
            float target = 20f * i; // 600 px/s
            x[0] = target;
            f.filter(x, i * DT);
            lag = target - x[0];
        }
        return lag;
    }

    @Test
    void resetAndTimeGoingBackRestart() {
        OneEuroFilter f = new OneEuroFilter(1, 0, 1);
        float[] x = {0};
        f.filter(x, 0);
        x[0] = 100;
        f.filter(x, DT);
        assertTrue(x[0] < 100);
        f.reset();
        x[0] = 50;
        f.filter(x, 2 * DT);
        assertEquals(50f, x[0], 0f);
        x[0] = 10;
        f.filter(x, DT); // earlier than the last sample
        assertEquals(10f, x[0], 0f);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(Double.NaN, 0, 1));
    }
}
