package io.github.hourglassmocap.retarget.filter;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class OneEuroFilterTest {
    static final double DT = 1.0 / 30;

    @Test
    void firstSamplePassesThrough() {
        assertEquals(3.5, new OneEuroFilter(1, 0, 1).filter(3.5, DT), 0.0);
    }

    @Test
    void stepIsApproachedMonotonicallyWithoutOvershoot() {
        OneEuroFilter f = new OneEuroFilter(1.0, 0.5, 1.0);
        for (int i = 0; i < 30; i++) {
            assertEquals(0.0, f.filter(0.0, DT), 1e-12);
        }
        double prev = 0;
        double y = 0;
        for (int i = 0; i < 60; i++) {
            y = f.filter(1.0, DT);
            assertTrue(y >= prev - 1e-12 && y <= 1.0 + 1e-12, "monotone, no overshoot at " + i + ": " + y);
            prev = y;
        }
        assertEquals(1.0, y, 0.01, "settled after 2 s");
        assertTrue(new OneEuroFilter(1.0, 0.5, 1.0).filter(0, DT) == 0.0);
    }

    @Test
    void rampLagShrinksWithBeta() {
        double lagSlow = rampLag(0.0);
        double lagFast = rampLag(5.0);
        // A first-order low-pass at 1 Hz lags a ramp by about 1/(2 pi fc) s: 0.16 s of a 1 unit/s ramp.
        assertEquals(1 / (2 * Math.PI) + DT / 2, lagSlow, 0.05);
        assertTrue(lagFast < 0.5 * lagSlow, "beta 5: " + lagFast + " vs beta 0: " + lagSlow);
    }

    private static double rampLag(double beta) {
        OneEuroFilter f = new OneEuroFilter(1.0, beta, 1.0);
        double y = 0;
        double x = 0;
        for (int i = 0; i < 300; i++) {
            x = i * DT;
            y = f.filter(x, DT);
        }
        return x - y;
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(1, 0, Double.NaN));
        OneEuroFilter f = new OneEuroFilter(1, 0, 1);
        f.filter(0, DT);
        assertThrows(IllegalArgumentException.class, () -> f.filter(1, 0));
        assertThrows(IllegalArgumentException.class, () -> f.filter(Double.NaN, DT));
    }

    @Test
    void resetForgetsHistory() {
        OneEuroFilter f = new OneEuroFilter(1, 0, 1);
        f.filter(0, DT);
        f.filter(0, DT);
        f.reset();
        assertEquals(7.0, f.filter(7.0, DT), 0.0);
    }
}
