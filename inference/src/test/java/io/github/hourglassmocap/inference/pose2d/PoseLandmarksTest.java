package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PoseLandmarksTest {
    static PoseLandmarks sample() {
        float[] v = new float[33 * 5];
        for (int i = 0; i < 33; i++) {
            v[i * 5] = i;
            v[i * 5 + 1] = 100 + i;
            v[i * 5 + 2] = -i;
            v[i * 5 + 3] = 0.5f;
            v[i * 5 + 4] = 0.75f;
        }
        return new PoseLandmarks(v, new float[] {1, 2, 3, 4}, 0.8f);
    }

    @Test
    void accessorsAndCopies() {
        PoseLandmarks p = sample();
        assertEquals(7f, p.x(7), 0f);
        assertEquals(107f, p.y(7), 0f);
        assertEquals(-7f, p.z(7), 0f);
        assertEquals(0.5f, p.visibility(7), 0f);
        assertEquals(0.75f, p.presence(7), 0f);
        float[] v = p.values();
        v[0] = 99;
        assertEquals(0f, p.x(0), 0f); // a copy
        float[] xy = new float[66];
        xy[2 * 7] = -5;
        xy[2 * 7 + 1] = -6;
        PoseLandmarks q = p.withXy(xy);
        assertEquals(-5f, q.x(7), 0f);
        assertEquals(-6f, q.y(7), 0f);
        assertEquals(-7f, q.z(7), 0f);
        assertNotEquals(p, q);
        assertEquals(p, sample());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new PoseLandmarks(new float[5], new float[4], 1));
        float[] v = new float[165];
        v[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> new PoseLandmarks(v, new float[4], 1));
        assertThrows(IllegalArgumentException.class, () -> new PoseLandmarks(new float[165], new float[3], 1));
    }
}
