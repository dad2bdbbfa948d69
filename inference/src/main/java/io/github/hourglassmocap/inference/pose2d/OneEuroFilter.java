package io.github.hourglassmocap.inference.pose2d;

/**
 * The One Euro filter (Casiez, Roussel, Vogel, CHI 2012) over a vector of values: a low-pass filter whose
 * cut-off rises with the speed of the signal, so slow jitter is smoothed and fast motion lags little.
 * Not thread-safe.
 */
public final class OneEuroFilter {
    private final double minCutoffHz;
    private final double beta;
    private final double derivativeCutoffHz;
    private double[] value;
    private double[] derivative;
    private long lastNanos;

    /**
     * Creates a filter.
     *
     * @param minCutoffHz the cut-off at rest (in Hz, &gt;0): lower smooths more
     * @param beta how fast the cut-off rises with speed (&ge;0): higher lags less
     * @param derivativeCutoffHz the cut-off of the speed estimate (in Hz, &gt;0; 1 is the usual value)
     */
    public OneEuroFilter(double minCutoffHz, double beta, double derivativeCutoffHz) {
        if (!(minCutoffHz > 0) || !(beta >= 0) || !(derivativeCutoffHz > 0) || !Double.isFinite(minCutoffHz + beta + derivativeCutoffHz)) {
            throw new IllegalArgumentException("One Euro parameters must be finite with minCutoffHz > 0, beta >= 0, derivativeCutoffHz > 0; got "
                    + minCutoffHz + ", " + beta + ", " + derivativeCutoffHz);
        }
        this.minCutoffHz = minCutoffHz;
        this.beta = beta;
        this.derivativeCutoffHz = derivativeCutoffHz;
    }

    /**
     * Forgets the history: the next sample passes through unchanged.
     */
    public void reset() {
        value = null;
        derivative = null;
    }

    private static double alpha(double cutoffHz, double dtSeconds) {
        double tau = 1 / (2 * Math.PI * cutoffHz);
        return 1 / (1 + tau / dtSeconds);
    }

    /**
     * Filters one sample.
     *
     * @param x the sample (not null, finite values, same length every call since the last reset; modified
     *     in place to the filtered values)
     * @param timestampNanos the sample's time (in nanoseconds); a time not after the previous one resets
     */
    public void filter(float[] x, long timestampNanos) {
        if (value == null || value.length != x.length || timestampNanos <= lastNanos) {
            value = new double[x.length];
            derivative = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                value[i] = x[i];
            }
            lastNanos = timestampNanos;
            return;
        }
        double dt = (timestampNanos - lastNanos) * 1e-9;
        lastNanos = timestampNanos;
        double ad = alpha(derivativeCutoffHz, dt);
        for (int i = 0; i < x.length; i++) {
            double dx = (x[i] - value[i]) / dt;
            derivative[i] += ad * (dx - derivative[i]);
            double a = alpha(minCutoffHz + beta * Math.abs(derivative[i]), dt);
            value[i] += a * (x[i] - value[i]);
            x[i] = (float) value[i];
        }
    }
}
