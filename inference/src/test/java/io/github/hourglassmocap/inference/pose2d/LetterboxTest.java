package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LetterboxTest {
    private static final double EPS = 1e-4;

    @Test
    void oddLandscapeFrameIsCentredVertically() {
        Letterbox lb = new Letterbox(641, 479);
        assertEquals(0, lb.toImageX(0), EPS);
        assertEquals(641, lb.toImageX(1), EPS);
        assertEquals(320.5, lb.toImageX(0.5f), EPS);
        assertEquals(-81, lb.toImageY(0), EPS); // (641 - 479) / 2 of padding above
        assertEquals(239.5, lb.toImageY(0.5f), EPS);
        assertEquals(560, lb.toImageY(1), EPS);
    }

    @Test
    void inputMatrixAgreesWithTheNormalisedMapping() {
        Letterbox lb = new Letterbox(479, 641);
        int n = 224;
        double[] m = lb.inputToImage(n);
        for (int u : new int[] {0, 17, 223}) {
            for (int v : new int[] {0, 100, 223}) {
                // pixel centre (u + 0.5) / n in normalised terms; image pixel index = continuous - 0.5
                double x = m[0] * u + m[1] * v + m[2];
                double y = m[3] * u + m[4] * v + m[5];
                assertEquals(lb.toImageX((u + 0.5f) / n) - 0.5, x, EPS);
                assertEquals(lb.toImageY((v + 0.5f) / n) - 0.5, y, EPS);
            }
        }
    }

    @Test
    void rejectsEmptyImage() {
        assertThrows(IllegalArgumentException.class, () -> new Letterbox(0, 10));
    }
}
