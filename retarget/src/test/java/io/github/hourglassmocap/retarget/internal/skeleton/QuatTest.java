package io.github.hourglassmocap.retarget.internal.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QuatTest {
    private static double[] euler(int[] axes, double a, double b, double c) {
        double[] q = new double[4];
        double[] t = new double[4];
        Quat.identity(q, 0);
        double[] angles = {a, b, c};
        for (int i = 0; i < 3; i++) {
            Quat.axisAngle(axes[i], angles[i], t, 0);
            Quat.multiply(q, 0, t, 0, q, 0);
        }
        return q;
    }

    @Test
    void eulerDecompositionInvertsCompositionForAllSixOrders() {
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        Random r = new Random(7);
        for (int[] axes : orders) {
            for (int k = 0; k < 200; k++) {
                double a = (r.nextDouble() * 2 - 1) * Math.PI;
                double b = (r.nextDouble() * 2 - 1) * Math.PI / 2 * 0.98;
                double c = (r.nextDouble() * 2 - 1) * Math.PI;
                double[] q = euler(axes, a, b, c);
                double[] out = new double[3];
                Quat.toEuler(q, 0, axes, out);
                double[] q2 = euler(axes, out[0], out[1], out[2]);
                double dot = Math.abs(q[0] * q2[0] + q[1] * q2[1] + q[2] * q2[2] + q[3] * q2[3]);
                assertEquals(1.0, dot, 1e-9, "order " + axes[0] + axes[1] + axes[2]);
            }
            // gimbal lock: middle angle at +-90 degrees still composes back to the same rotation
            double[] q = euler(axes, 0.3, Math.PI / 2, 0.2);
            double[] out = new double[3];
            Quat.toEuler(q, 0, axes, out);
            double[] q2 = euler(axes, out[0], out[1], out[2]);
            assertEquals(1.0, Math.abs(q[0] * q2[0] + q[1] * q2[1] + q[2] * q2[2] + q[3] * q2[3]), 1e-9);
        }
    }

    @Test
    void rotateAndSlerp() {
        double[] q = new double[4];
        Quat.axisAngle(2, Math.PI / 2, q, 0);
        double[] v = {1, 0, 0};
        double[] out = new double[3];
        Quat.rotate(q, 0, v, 0, out, 0);
        assertEquals(0, out[0], 1e-12);
        assertEquals(1, out[1], 1e-12);
        double[] id = new double[4];
        Quat.identity(id, 0);
        double[] half = new double[4];
        Quat.slerp(id, 0, q, 0, 0.5, half, 0);
        Quat.rotate(half, 0, v, 0, out, 0);
        assertEquals(Math.sqrt(0.5), out[0], 1e-12);
        assertEquals(Math.sqrt(0.5), out[1], 1e-12);
        // the shorter arc: -q is the same rotation
        double[] neg = {-q[0], -q[1], -q[2], -q[3]};
        Quat.slerp(id, 0, neg, 0, 0.5, half, 0);
        Quat.rotate(half, 0, v, 0, out, 0);
        assertEquals(Math.sqrt(0.5), out[0], 1e-12);
    }
}
