package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PoseMetricsTest {
    static float[][] transform(float[][] p, double angle, double[] axis, double scale, double[] shift) {
        double n = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        double x = axis[0] / n;
        double y = axis[1] / n;
        double z = axis[2] / n;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[][] r = {
            {c + x * x * (1 - c), x * y * (1 - c) - z * s, x * z * (1 - c) + y * s},
            {y * x * (1 - c) + z * s, c + y * y * (1 - c), y * z * (1 - c) - x * s},
            {z * x * (1 - c) - y * s, z * y * (1 - c) + x * s, c + z * z * (1 - c)}};
        float[][] out = new float[p.length][3];
        for (int i = 0; i < p.length; i++) {
            for (int a = 0; a < 3; a++) {
                double v = shift[a];
                for (int b = 0; b < 3; b++) {
                    v += scale * r[a][b] * p[i][b];
                }
                out[i][a] = (float) v;
            }
        }
        return out;
    }

    @Test
    void procrustesUndoesASimilarityTransform() {
        float[][] truth = RootEstimatorTest.body();
        for (double angle : new double[] {0.0, 0.3, 2.0, Math.PI - 0.01}) {
            float[][] moved = transform(truth, angle, new double[] {0.2, 1, -0.4}, 1.3, new double[] {0.1, -0.2, 0.05});
            float[][] back = PoseMetrics.procrustes(moved, truth);
            for (int j = 0; j < 17; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(truth[j][k], back[j][k], 1e-4f, "angle " + angle);
                }
            }
        }
    }

    @Test
    void velocityErrorMeasuresJitterNotOffset() {
        float[][] truth = RootEstimatorTest.body();
        float[][] shifted = transform(truth, 0, new double[] {0, 1, 0}, 1, new double[] {0.05, 0, 0});
        PoseMetrics m = new PoseMetrics();
        m.addVelocity(shifted, shifted, truth, truth);
        assertEquals(0, m.meanVelocityError(), 1e-9);
        float[][] jumped = transform(truth, 0, new double[] {0, 1, 0}, 1, new double[] {0, 0.02, 0});
        m.addVelocity(truth, jumped, truth, truth);
        assertEquals(0.01, m.meanVelocityError(), 1e-6); // (0 + 0.02) / 2
    }

    @Test
    void mpjpeAndPaMpjpeOfKnownErrors() {
        float[][] truth = RootEstimatorTest.body();
        PoseMetrics m = new PoseMetrics();
        m.add(truth, truth);
        assertEquals(0, m.mean(false), 1e-9);
        float[][] shifted = new float[17][];
        for (int j = 0; j < 17; j++) {
            shifted[j] = new float[] {truth[j][0] + 0.03f, truth[j][1], truth[j][2] + 0.04f};
        }
        m.add(shifted, truth);
        assertEquals(2, m.frames());
        assertEquals(0.025, m.mean(false), 1e-6); // (0 + 0.05) / 2
        assertEquals(0.0, m.mean(true), 1e-5);    // a pure shift is removed by the alignment
        assertEquals(0.025, m.jointError(5, false), 1e-6);
        float[][] rotated = transform(truth, 0.5, new double[] {0, 1, 0}, 1, new double[3]);
        PoseMetrics r = new PoseMetrics();
        r.add(rotated, truth);
        assertEquals(true, r.mean(false) > 0.01);
        assertEquals(0, r.mean(true), 1e-5);
    }
}
