package io.github.hourglassmocap.retarget.internal.filter;

import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;

/**
 * A zero-phase low-pass for offline use: a second-order Butterworth filter run forwards and then backwards
 * over the whole sequence (as {@code filtfilt} does), so the result has no lag and a fourth-order magnitude
 * response. The ends are padded with an odd reflection of the signal so they do not droop. Immutable.
 */
public final class ZeroPhaseFilter {
    private final double cutoffHz;
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private final int padding;

    /**
     * Creates a filter.
     *
     * @param cutoffHz the -3 dB cutoff of one pass (in hertz, &gt;0, below half the sample rate)
     * @param sampleRateHz the sample rate of the sequences it will filter (in hertz, &gt;0)
     */
    public ZeroPhaseFilter(double cutoffHz, double sampleRateHz) {
        if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("sampleRateHz must be finite and > 0, got " + sampleRateHz);
        }
        if (!(cutoffHz > 0) || !(cutoffHz < sampleRateHz / 2)) {
            throw new IllegalArgumentException("cutoffHz must be in (0, " + sampleRateHz / 2 + ") for a sample rate of "
                    + sampleRateHz + " Hz, got " + cutoffHz);
        }
        this.cutoffHz = cutoffHz;
        double k = Math.tan(Math.PI * cutoffHz / sampleRateHz);
        double norm = 1 / (1 + Math.sqrt(2) * k + k * k);
        b0 = k * k * norm;
        b1 = 2 * b0;
        b2 = b0;
        a1 = 2 * (k * k - 1) * norm;
        a2 = (1 - Math.sqrt(2) * k + k * k) * norm;
        // About three time constants of the slowest pole, so start-up transients die out inside the padding.
        padding = (int) Math.ceil(3 * sampleRateHz / cutoffHz);
    }

    /**
     * Returns the cutoff.
     *
     * @return the cutoff of one pass (in hertz)
     */
    public double getCutoffHz() {
        return cutoffHz;
    }

    /**
     * Filters a scalar sequence.
     *
     * @param x the samples (not null, finite, unaffected)
     * @return a new array of the same length; a copy for fewer than two samples
     */
    public double[] filter(double[] x) {
        int n = x.length;
        if (n < 2) {
            return x.clone();
        }
        int pad = Math.min(padding, n - 1);
        double[] ext = new double[n + 2 * pad];
        for (int i = 0; i < pad; i++) {
            ext[i] = 2 * x[0] - x[pad - i];
            ext[n + pad + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, pad, n);
        pass(ext);
        reverse(ext);
        pass(ext);
        reverse(ext);
        double[] out = new double[n];
        System.arraycopy(ext, pad, out, 0, n);
        return out;
    }

    private void pass(double[] s) {
        // Start in the steady state of the first sample, so a constant signal passes unchanged.
        double x1 = s[0];
        double x2 = s[0];
        double y1 = s[0];
        double y2 = s[0];
        for (int i = 0; i < s.length; i++) {
            double x0 = s[i];
            double y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x0;
            y2 = y1;
            y1 = y0;
            s[i] = y0;
        }
    }

    private static void reverse(double[] s) {
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
    }

    /**
     * Filters a rotation sequence: hemispheres are aligned first, the four components are filtered, and the
     * results are normalised.
     *
     * @param rotations the rotations in time order (not null, elements not null and non-zero, unaffected)
     * @return a new array of new unit quaternions
     */
    public Quaternion[] filter(Quaternion[] rotations) {
        int n = rotations.length;
        Quaternion[] q = new Quaternion[n];
        for (int i = 0; i < n; i++) {
            q[i] = rotations[i].clone().normalizeLocal();
        }
        QuaternionSequences.alignHemispheres(q);
        double[][] c = new double[4][n];
        for (int i = 0; i < n; i++) {
            c[0][i] = q[i].getX();
            c[1][i] = q[i].getY();
            c[2][i] = q[i].getZ();
            c[3][i] = q[i].getW();
        }
        for (int k = 0; k < 4; k++) {
            c[k] = filter(c[k]);
        }
        Quaternion[] out = new Quaternion[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Quaternion((float) c[0][i], (float) c[1][i], (float) c[2][i], (float) c[3][i]);
            if (out[i].norm() < 1e-12f) {
                out[i].set(q[i]);
            }
            out[i].normalizeLocal();
        }
        return out;
    }

    /**
     * Filters a vector sequence component by component.
     *
     * @param vectors the vectors in time order (not null, elements not null, unaffected)
     * @return a new array of new vectors
     */
    public Vector3f[] filter(Vector3f[] vectors) {
        int n = vectors.length;
        double[][] c = new double[3][n];
        for (int i = 0; i < n; i++) {
            c[0][i] = vectors[i].x;
            c[1][i] = vectors[i].y;
            c[2][i] = vectors[i].z;
        }
        for (int k = 0; k < 3; k++) {
            c[k] = filter(c[k]);
        }
        Vector3f[] out = new Vector3f[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Vector3f((float) c[0][i], (float) c[1][i], (float) c[2][i]);
        }
        return out;
    }
}
