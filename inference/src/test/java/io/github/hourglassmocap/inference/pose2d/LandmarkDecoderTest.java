package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LandmarkDecoderTest {
    private static final float EPS = 1e-3f;

    @Test
    void mapsCropPixelsThroughTheRotatedRegion() {
        float[] raw = new float[39 * 5];
        // landmark 0 at the crop centre, landmark 11 at the top-left quarter point, landmark 5 on the right edge middle
        raw[0] = 128;
        raw[1] = 128;
        raw[2] = 25.6f;
        raw[3] = 0f; // visibility logit 0 -> 0.5
        raw[4] = 100f; // presence -> 1
        raw[11 * 5] = 64;
        raw[11 * 5 + 1] = 64;
        raw[5 * 5] = 256;
        raw[5 * 5 + 1] = 128;
        raw[33 * 5] = 128; // alignment: hip centre at the crop centre,
        raw[33 * 5 + 1] = 128;
        raw[34 * 5] = 128; // scale point a quarter crop above
        raw[34 * 5 + 1] = 64;
        Roi roi = new Roi(300, 200, 100, Math.PI / 2); // crop "up" is image +x
        PoseLandmarks lm = LandmarkDecoder.decode(raw, 0.9f, roi, 256);
        assertEquals(300, lm.x(0), EPS);
        assertEquals(200, lm.y(0), EPS);
        assertEquals(10, lm.z(0), EPS);
        assertEquals(0.5f, lm.visibility(0), 1e-6f);
        assertEquals(1f, lm.presence(0), 1e-6f);
        // crop offset (-25, -25) rotated by +90 degrees: (x, y) -> (-y, x) = (25, -25)
        assertEquals(325, lm.x(11), EPS);
        assertEquals(175, lm.y(11), EPS);
        // crop offset (50, 0) -> (0, 50)
        assertEquals(300, lm.x(5), EPS);
        assertEquals(250, lm.y(5), EPS);
        assertEquals(0.9f, lm.score(), 1e-6f);
        Roi next = lm.nextRoi();
        assertEquals(300, next.cx(), EPS);
        assertEquals(2 * 25 * 1.25, next.size(), EPS);
        assertEquals(Math.PI / 2, next.rotationRadians(), 1e-6);
    }

    @Test
    void nonFiniteOutputMeansNoPerson() {
        float[] raw = new float[39 * 5];
        Roi roi = new Roi(10, 10, 20, 0);
        raw[7] = Float.NaN;
        assertNull(LandmarkDecoder.decode(raw, 0.9f, roi, 256));
        assertNull(LandmarkDecoder.decode(new float[39 * 5], Float.NaN, roi, 256));
        float[] inf = new float[39 * 5];
        inf[34 * 5] = Float.POSITIVE_INFINITY;
        assertNull(LandmarkDecoder.decode(inf, 0.9f, roi, 256));
    }

    @Test
    void rejectsShortOutput() {
        assertThrows(IllegalArgumentException.class, () -> LandmarkDecoder.decode(new float[10], 1f, new Roi(1, 1, 1, 0), 256));
    }
}
