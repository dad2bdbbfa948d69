package io.github.hourglassmocap.retarget.internal.filter;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import org.junit.jupiter.api.Test;

class ZeroPhaseFilterTest {
    final ZeroPhaseFilter filter = new ZeroPhaseFilter(4.0, 30.0);

    @Test
    void constantPassesUnchanged() {
        double[] x = new double[50];
        java.util.Arrays.fill(x, 2.5);
        for (double y : filter.filter(x)) {
            assertEquals(2.5, y, 1e-9);
        }
    }

    @Test
    void stepIsSymmetricAboutTheEdgeSoItHasNoLag() {
        int n = 120;
        double[] x = new double[n];
        for (int i = n / 2; i < n; i++) {
            x[i] = 1.0;
        }
        double[] y = filter.filter(x);
        // Zero phase: the response is antisymmetric about the edge (between samples n/2-1 and n/2).
        for (int k = 0; k < 20; k++) {
            assertEquals(1.0, y[n / 2 + k] + y[n / 2 - 1 - k], 1e-3, "antisymmetry at " + k);
        }
        assertEquals(0.0, y[5], 1e-3, "flat far before");
        assertEquals(1.0, y[n - 5], 1e-3, "flat far after");
        assertTrue(y[n / 2] > 0.5 && y[n / 2 - 1] < 0.5);
    }

    @Test
    void rampComesOutWithoutLag() {
        int n = 150;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 * i;
        }
        double[] y = filter.filter(x);
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], y[i], 1e-3, "sample " + i);
        }
    }

    @Test
    void highFrequencyNoiseIsRemoved() {
        int n = 200;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? 1 : -1;
        }
        double[] y = filter.filter(x);
        for (int i = 20; i < n - 20; i++) {
            assertEquals(0.0, y[i], 0.02);
        }
    }

    @Test
    void rotationRampAcrossTheHemisphereBoundaryKeepsItsAngles() {
        int n = 121;
        Quaternion[] q = new Quaternion[n];
        for (int i = 0; i < n; i++) {
            q[i] = new Quaternion().fromAngleNormalAxis((float) Math.toRadians(3.0 * i), Vector3f.UNIT_Y);
            if (i % 3 == 0) {
                q[i].negateLocal();
            }
        }
        Quaternion[] out = filter.filter(q);
        for (int i = 0; i < n; i++) {
            assertEquals(1f, out[i].norm(), 1e-5f);
            assertEquals(0.0, Math.toDegrees(QuaternionSequences.angleBetween(out[i], q[i])), 0.2, "frame " + i);
        }
    }

    @Test
    void rotationStepSettlesToBothSides() {
        int n = 90;
        Quaternion a = new Quaternion();
        Quaternion b = new Quaternion().fromAngleNormalAxis((float) Math.toRadians(60), Vector3f.UNIT_X);
        Quaternion[] q = new Quaternion[n];
        for (int i = 0; i < n; i++) {
            q[i] = i < n / 2 ? a : b;
        }
        Quaternion[] out = filter.filter(q);
        assertEquals(0.0, Math.toDegrees(QuaternionSequences.angleBetween(out[3], a)), 0.1);
        assertEquals(0.0, Math.toDegrees(QuaternionSequences.angleBetween(out[n - 3], b)), 0.1);
        double mid = Math.toDegrees(QuaternionSequences.angleBetween(out[n / 2], a))
                + Math.toDegrees(QuaternionSequences.angleBetween(out[n / 2 - 1], a));
        assertEquals(60.0, mid, 1.5, "the two samples around the edge straddle the midpoint");
    }

    @Test
    void vectorsAreFilteredPerComponent() {
        Vector3f[] v = new Vector3f[40];
        for (int i = 0; i < v.length; i++) {
            v[i] = new Vector3f(i, -2 * i, 5);
        }
        Vector3f[] out = filter.filter(v);
        for (int i = 0; i < v.length; i++) {
            assertEquals(0f, out[i].distance(v[i]), 1e-3f);
        }
    }

    @Test
    void rejectsCutoffAtOrAboveNyquist() {
        assertThrows(IllegalArgumentException.class, () -> new ZeroPhaseFilter(15.0, 30.0));
        assertThrows(IllegalArgumentException.class, () -> new ZeroPhaseFilter(0.0, 30.0));
        assertThrows(IllegalArgumentException.class, () -> new ZeroPhaseFilter(1.0, -1.0));
        assertEquals(1, filter.filter(new double[] {4.0}).length);
    }
}
