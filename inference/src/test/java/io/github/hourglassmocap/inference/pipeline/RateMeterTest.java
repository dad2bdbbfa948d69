package io.github.hourglassmocap.inference.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RateMeterTest {
    @Test
    void rateOverTheWindowAndMeans() {
        RateMeter m = new RateMeter(1.0, 0.5);
        assertEquals(0, m.ratePerSecond(0), 0);
        assertEquals(0, m.meanMillis(), 0);
        long t = 1_000_000_000L;
        for (int i = 0; i < 11; i++) {
            m.record(t + i * 50_000_000L, (i + 1) * 1_000_000L);
        }
        // 11 events 50 ms apart: 10 intervals in 0.5 s
        assertEquals(20.0, m.ratePerSecond(t + 500_000_000L), 1e-9);
        assertEquals(6.0, m.overallMeanMillis(), 1e-9);
        // running mean with weight 0.5 leans to the recent durations (10, 11 ms)
        assertEquals(10.0, m.meanMillis(), 0.01);
        assertEquals(11, m.count());
        // two seconds later the window is empty
        assertEquals(0, m.ratePerSecond(t + 3_000_000_000L), 0);
        assertEquals(6.0, m.overallMeanMillis(), 1e-9);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(1, 1.5));
    }
}
