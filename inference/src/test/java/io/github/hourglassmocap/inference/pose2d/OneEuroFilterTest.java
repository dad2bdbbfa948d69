package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(1, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(1, Double.POSITIVE_INFINITY, 1));
    }

    // The scalar form (used by the retargeter: hips position, grounding offset).
    private static final double DT_S = 1.0 / 30;

    @Test
    void scalarFirstSamplePassesThrough() {
        assertEquals(3.5, new OneEuroFilter(1, 0, 1).filter(3.5, DT_S), 0.0);
    }

    @Test
    void scalarStepIsApproachedMonotonicallyWithoutOvershoot() {
        OneEuroFilter f = new OneEuroFilter(1.0, 0.5, 1.0);
        for (int i = 0; i < 30; i++) {
            assertEquals(0.0, f.filter(0.0, DT_S), 1e-12);
        }
        double prev = 0;
        double y = 0;
        for (int i = 0; i < 60; i++) {
            y = f.filter(1.0, DT_S);
            assertTrue(y >= prev - 1e-12 && y <= 1.0 + 1e-12, "monotone, no overshoot at " + i + ": " + y);
            prev = y;
        }
        assertEquals(1.0, y, 0.01, "settled after 2 s");
    }

    @Test
    void scalarRampLagMatchesAFirstOrderLowPassAndShrinksWithBeta() {
        double lagSlow = scalarRampLag(0.0);
        double lagFast = scalarRampLag(5.0);
        // A first-order low-pass at 1 Hz lags a ramp by about 1/(2 pi fc) s: 0.16 s of a 1 unit/s ramp.
        assertEquals(1 / (2 * Math.PI) + DT_S / 2, lagSlow, 0.05);
        assertTrue(lagFast < 0.5 * lagSlow, "beta 5: " + lagFast + " vs beta 0: " + lagSlow);
    }

    private static double scalarRampLag(double beta) {
        OneEuroFilter f = new OneEuroFilter(1.0, beta, 1.0);
        double y = 0;
        double x = 0;
        for (int i = 0; i < 300; i++) {
            x = i * DT_S;
            y = f.filter(x, DT_S);
        }
        return x - y;
    }

    @Test
    void scalarAndVectorFormsAgree() {
        OneEuroFilter scalar = new OneEuroFilter(1.5, 0.3, 1.0);
        OneEuroFilter vector = new OneEuroFilter(1.5, 0.3, 1.0);
        Random r = new Random(5);
        float[] x = new float[1];
        for (int i = 0; i < 100; i++) {
            float v = (float) (10 * Math.sin(i * 0.1) + r.nextGaussian());
            x[0] = v;
            vector.filter(x, i * DT);
            assertEquals(scalar.filter(v, DT * 1e-9), x[0], 1e-4);
        }
    }

    @Test
    void scalarRejectsBadSamplesAndResetForgetsHistory() {
        OneEuroFilter f = new OneEuroFilter(1, 0, 1);
        f.filter(0, DT_S);
        assertThrows(IllegalArgumentException.class, () -> f.filter(1, 0));
        assertThrows(IllegalArgumentException.class, () -> f.filter(Double.NaN, DT_S));
        assertThrows(IllegalArgumentException.class, () -> f.step(Double.POSITIVE_INFINITY, DT_S));
        assertTrue(f.isPrimed());
        f.filter(0, DT_S);
        f.reset();
        assertFalse(f.isPrimed());
        assertEquals(7.0, f.filter(7.0, DT_S), 0.0);
    }

    @Test
    void stepReturnsTheShareOfAFirstOrderFilterAtRest() {
        OneEuroFilter f = new OneEuroFilter(2.0, 0.0, 1.0);
        assertEquals(OneEuroFilter.alpha(2.0, DT_S), f.step(0.5, DT_S), 1e-12);
        assertEquals(1 / (1 + 1 / (2 * Math.PI * 2.0) / DT_S), OneEuroFilter.alpha(2.0, DT_S), 1e-12);
    }
}
