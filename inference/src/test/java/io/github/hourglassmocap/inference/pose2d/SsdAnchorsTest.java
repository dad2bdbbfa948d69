package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SsdAnchorsTest {
    private static final float EPS = 1e-6f;

    @Test
    void blazePoseGridMatchesTheDetectorOutput() {
        SsdAnchors a = SsdAnchors.blazePose();
        // 28x28x2 (stride 8) + 14x14x2 (stride 16) + 7x7x6 (three stride-32 layers merged)
        assertEquals(28 * 28 * 2 + 14 * 14 * 2 + 7 * 7 * 6, a.count());
        assertEquals(2254, a.count());
        assertEquals(0.5f / 28, a.x(0), EPS);
        assertEquals(0.5f / 28, a.y(0), EPS);
        assertEquals(0.5f / 28, a.x(1), EPS); // two anchors per location
        assertEquals(1.5f / 28, a.x(2), EPS);
        assertEquals(0.5f / 28, a.y(2), EPS);
        assertEquals(0.5f / 28, a.x(56), EPS); // second row starts after 28 x 2
        assertEquals(1.5f / 28, a.y(56), EPS);
        assertEquals(0.5f / 14, a.x(1568), EPS);
        assertEquals(0.5f / 14, a.y(1568), EPS);
        assertEquals(0.5f / 7, a.x(1960), EPS);
        assertEquals(0.5f / 7, a.x(1965), EPS); // 6 anchors at the first stride-32 location
        assertEquals(1.5f / 7, a.x(1966), EPS);
        assertEquals(6.5f / 7, a.x(2253), EPS);
        assertEquals(6.5f / 7, a.y(2253), EPS);
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new SsdAnchors(0, 224, new int[] {8}, 2, 0.5f, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> new SsdAnchors(224, 224, new int[0], 2, 0.5f, 0.5f));
    }
}
