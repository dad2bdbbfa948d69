package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RoiTest {
    private static final double EPS = 1e-9;

    @Test
    void uprightPersonHasNoRotation() {
        // hip centre at (300, 400), scale point straight above it, 100 px away
        Roi r = Roi.fromAlignment(300, 400, 300, 300);
        assertEquals(300, r.cx(), EPS);
        assertEquals(400, r.cy(), EPS);
        assertEquals(2 * 100 * 1.25, r.size(), EPS);
        assertEquals(0, r.rotationRadians(), EPS);
    }

    @Test
    void lyingPersonIsRotatedSoTheHeadIsUpInTheCrop() {
        Roi r = Roi.fromAlignment(300, 400, 400, 400); // head to the right
        assertEquals(Math.PI / 2, r.rotationRadians(), EPS);
        double[] p = new double[2];
        r.toImage(0.5, 0.0, p); // top centre of the crop
        assertEquals(300 + r.size() / 2, p[0], 1e-6);
        assertEquals(400, p[1], 1e-6);
        Roi upsideDown = Roi.fromAlignment(300, 400, 300, 500);
        assertEquals(Math.PI, Math.abs(upsideDown.rotationRadians()), EPS);
    }

    @Test
    void toImageMapsCornersAndCentre() {
        Roi r = new Roi(100, 50, 40, 0);
        double[] p = new double[2];
        r.toImage(0.5, 0.5, p);
        assertEquals(100, p[0], EPS);
        assertEquals(50, p[1], EPS);
        r.toImage(0, 0, p);
        assertEquals(80, p[0], EPS);
        assertEquals(30, p[1], EPS);
        r.toImage(1, 1, p);
        assertEquals(120, p[0], EPS);
        assertEquals(70, p[1], EPS);
    }

    @Test
    void cropMatrixAgreesWithToImage() {
        Roi r = new Roi(320.3, 239.7, 311.1, 0.7);
        int n = 256;
        double[] m = r.cropToImage(n);
        double[] p = new double[2];
        for (int u : new int[] {0, 31, 255}) {
            for (int v : new int[] {0, 128, 255}) {
                r.toImage((u + 0.5) / n, (v + 0.5) / n, p);
                assertEquals(p[0] - 0.5, m[0] * u + m[1] * v + m[2], 1e-6);
                assertEquals(p[1] - 0.5, m[3] * u + m[4] * v + m[5], 1e-6);
            }
        }
    }

    @Test
    void degenerateAndInvalidInput() {
        assertNull(Roi.fromAlignment(10, 10, 10, 10));
        assertNull(Roi.fromAlignment(Float.NaN, 10, 10, 20));
        assertThrows(IllegalArgumentException.class, () -> new Roi(0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Roi(Double.NaN, 0, 10, 0));
    }

    @Test
    void normalizeWrapsIntoMinusPiToPi() {
        assertEquals(-Math.PI / 2, Roi.normalize(3 * Math.PI / 2), EPS);
        assertEquals(Math.PI / 4, Roi.normalize(Math.PI / 4 + 4 * Math.PI), 1e-9);
    }
}
