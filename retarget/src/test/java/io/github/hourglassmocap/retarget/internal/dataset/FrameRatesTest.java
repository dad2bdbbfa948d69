package io.github.hourglassmocap.retarget.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameRatesTest {
    @Test
    void roundedFrameTimesSnapToWholeRates() {
        assertEquals(60, FrameRates.fromFrameTime(0.016667), 0);
        assertEquals(120, FrameRates.fromFrameTime(0.00833333), 0);
        assertEquals(30, FrameRates.fromFrameTime(0.03333), 0);
        assertEquals(1 / 0.0173, FrameRates.fromFrameTime(0.0173), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> FrameRates.fromFrameTime(0));
    }

    @Test
    void resampledCounts() {
        assertEquals(0, FrameRates.resampledCount(0, 60, 30));
        assertEquals(1, FrameRates.resampledCount(1, 60, 30));
        assertEquals(3, FrameRates.resampledCount(5, 60, 30));
        assertEquals(4, FrameRates.resampledCount(13, 120, 30));
        assertEquals(688, FrameRates.resampledCount(1376, 60, 30));
        assertEquals(7, FrameRates.resampledCount(4, 30, 60));
    }
}
