package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RootEstimatorTest {
    static float[][] body() {
        float[][] p = new float[17][3];
        for (int j = 1; j < 17; j++) {
            p[j][0] = (float) (0.3 * Math.sin(j * 1.7));
            p[j][1] = (float) (-0.8 * Math.cos(j * 0.9));
            p[j][2] = (float) (0.15 * Math.sin(j * 2.3));
        }
        return p;
    }

    static float[][] project(float[][] body, float[] root, double f, double cx, double cy) {
        float[][] uv = new float[17][2];
        for (int j = 0; j < 17; j++) {
            double x = body[j][0] + root[0];
            double y = body[j][1] + root[1];
            double z = body[j][2] + root[2];
            uv[j][0] = (float) (f * x / z + cx);
            uv[j][1] = (float) (f * y / z + cy);
        }
        return uv;
    }

    @Test
    void recoversTheRootOfAnExactProjection() {
        RootEstimator e = new RootEstimator(641, 479, 700);
        float[][] body = body();
        float[] root = {0.4f, -0.2f, 4.5f};
        float[][] uv = project(body, root, 700, 320.5, 239.5);
        float[] w = new float[17];
        java.util.Arrays.fill(w, 1f);
        float[] got = e.solve(uv, w, body);
        assertEquals(0.4f, got[0], 2e-3f);
        assertEquals(-0.2f, got[1], 2e-3f);
        assertEquals(4.5f, got[2], 2e-2f);
        assertEquals(700, e.focalPixels(), 0);
        assertEquals(0.8660254 * 641, RootEstimator.defaultFocal(641), 1e-4);
    }

    @Test
    void degenerateBodyIsClampedToMinimumDepth() {
        RootEstimator e = new RootEstimator(641, 479, 700);
        float[][] flat = new float[17][3];
        float[][] uv = new float[17][2];
        for (float[] p : uv) {
            p[0] = 320.5f;
            p[1] = 239.5f;
        }
        float[] got = e.solve(uv, new float[17], flat);
        assertEquals(RootEstimator.MIN_DEPTH_METRES, got[2], 1e-6);
        assertEquals(0, got[0], 1e-6f);
    }

    @Test
    void gaussianSmoothingSkipsInvalidFramesAndKeepsConstants() {
        float[][] roots = new float[9][];
        boolean[] valid = new boolean[9];
        for (int i = 0; i < 9; i++) {
            roots[i] = new float[] {1, 2, 3};
            valid[i] = true;
        }
        roots[4] = new float[] {100, 100, 100};
        valid[4] = false;
        roots[6] = new float[] {1, 2, 6};
        RootEstimator.smoothGaussian(roots, valid, 1.0);
        assertEquals(100, roots[4][0], 0f);
        assertEquals(1, roots[0][0], 1e-6f);
        assertEquals(3, roots[0][2], 1e-6f);
        float mid = roots[6][2];
        assertEquals(true, mid > 3.5f && mid < 6f, "smoothed " + mid);
        assertThrows(IllegalArgumentException.class, () -> RootEstimator.smoothGaussian(roots, valid, -1));
    }

    @Test
    void causalSmootherConverges() {
        RootEstimator.CausalSmoother s = new RootEstimator.CausalSmoother(0.5f);
        assertEquals(0, s.next(new float[] {0, 0, 0})[0], 0f);
        assertEquals(1, s.next(new float[] {2, 0, 0})[0], 1e-6f);
        assertEquals(1.5f, s.next(new float[] {2, 0, 0})[0], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> new RootEstimator.CausalSmoother(0));
        assertThrows(IllegalArgumentException.class, () -> new RootEstimator(0, 10, 100));
        assertThrows(IllegalArgumentException.class, () -> new RootEstimator(10, 10, Double.NaN));
    }
}
