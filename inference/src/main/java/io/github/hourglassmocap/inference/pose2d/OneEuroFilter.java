package io.github.hourglassmocap.inference.pose2d;

/**
 * The One Euro filter (Casiez, Roussel, Vogel, CHI 2012): a first-order low-pass whose cut-off rises with the
 * speed of the signal, so slow jitter is smoothed hard and fast motion lags little. Causal, for live use. The
 * project's one implementation: on one scalar ({@link #filter(double, double)}), on a vector of independent
 * values ({@link #filter(float[], long)}, the 2D keypoints), and, through {@link #step(double, double)}, on
 * anything with a distance, such as the retargeter's rotation filter. Not thread-safe.
 */
public final class OneEuroFilter {
    private final double minCutoffHz;
    private final double beta;
    private final double derivativeCutoffHz;
    private boolean primed;
    private double previous;
    private double speed;
    /** One filter per value of the vector form, made on its first sample. */
    private OneEuroFilter[] components;
    private long lastNanos;

    /**
     * Creates a filter.
     *
     * @param minCutoffHz the cut-off at rest (in Hz, &gt;0, finite): lower smooths more
     * @param beta how fast the cut-off rises with speed (in Hz per unit per second, &ge;0, finite): higher lags less
     * @param derivativeCutoffHz the cut-off of the speed estimate (in Hz, &gt;0, finite; 1 is the usual value)
     * @throws IllegalArgumentException naming the parameter that is out of range
     */
    public OneEuroFilter(double minCutoffHz, double beta, double derivativeCutoffHz) {
        if (!(minCutoffHz > 0) || Double.isInfinite(minCutoffHz)) {
            throw new IllegalArgumentException("minCutoffHz must be finite and > 0, got " + minCutoffHz);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
        }
        if (!(derivativeCutoffHz > 0) || Double.isInfinite(derivativeCutoffHz)) {
            throw new IllegalArgumentException("derivativeCutoffHz must be finite and > 0, got " + derivativeCutoffHz);
        }
        this.minCutoffHz = minCutoffHz;
        this.beta = beta;
        this.derivativeCutoffHz = derivativeCutoffHz;
    }

    /**
     * Forgets the history: the next sample passes through unchanged.
     */
    public void reset() {
        primed = false;
        speed = 0;
        components = null;
    }

    /**
     * Returns whether the filter has seen a sample since it was made or reset.
     *
     * @return true once primed
     */
    public boolean isPrimed() {
        return primed;
    }

    /**
     * Smoothing factor of an exponential filter with the given cut-off at the given sample interval.
     *
     * @param cutoffHz the cut-off (in Hz, &gt;0)
     * @param dtSeconds the sample interval (in seconds, &gt;0)
     * @return the factor in (0, 1]
     */
    public static double alpha(double cutoffHz, double dtSeconds) {
        double tau = 1 / (2 * Math.PI * cutoffHz);
        return 1 / (1 + tau / dtSeconds);
    }

    /**
     * One step of the filter expressed as a distance, for signals that are not plain numbers: updates the speed
     * estimate with {@code distance / dtSeconds} and returns the share of the way from the previous output to
     * the new sample that the output moves. The scalar filter is {@code previous + share * (x - previous)}; a
     * rotation filter passes the angle to the new sample and slerps by the share. Primes the filter.
     *
     * @param distance from the previous output to the new sample (finite; its sign is ignored for the cut-off)
     * @param dtSeconds time since the previous sample (in seconds, &gt;0)
     * @return the share in (0, 1]
     * @throws IllegalArgumentException if {@code dtSeconds} is not &gt;0 or {@code distance} is not finite
     */
    public double step(double distance, double dtSeconds) {
        if (!(dtSeconds > 0) || Double.isInfinite(dtSeconds)) {
            throw new IllegalArgumentException("dtSeconds must be finite and > 0, got " + dtSeconds);
        }
        if (!Double.isFinite(distance)) {
            throw new IllegalArgumentException("distance must be finite, got " + distance);
        }
        primed = true;
        speed += alpha(derivativeCutoffHz, dtSeconds) * (distance / dtSeconds - speed);
        return alpha(minCutoffHz + beta * Math.abs(speed), dtSeconds);
    }

    /**
     * Filters one sample of a scalar signal.
     *
     * @param value the new sample (finite)
     * @param dtSeconds time since the previous sample (in seconds, &gt;0; ignored for the first sample)
     * @return the filtered value
     * @throws IllegalArgumentException if the value is not finite, or {@code dtSeconds} is not &gt;0 after the
     *     first sample
     */
    public double filter(double value, double dtSeconds) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
        if (!primed) {
            primed = true;
            previous = value;
            speed = 0;
            return value;
        }
        previous += step(value - previous, dtSeconds) * (value - previous);
        return previous;
    }

    /**
     * Filters one sample of a vector of independent values (each with its own speed estimate).
     *
     * @param x the sample (not null, finite values, same length every call since the last reset; modified
     *     in place to the filtered values)
     * @param timestampNanos the sample's time (in nanoseconds); a time not after the previous one, or a change
     *     of length, restarts the filter
     */
    public void filter(float[] x, long timestampNanos) {
        if (components == null || components.length != x.length || timestampNanos <= lastNanos) {
            components = new OneEuroFilter[x.length];
            for (int i = 0; i < x.length; i++) {
                components[i] = new OneEuroFilter(minCutoffHz, beta, derivativeCutoffHz);
                components[i].filter(x[i], 0);
            }
            primed = true;
            lastNanos = timestampNanos;
            return;
        }
        double dt = (timestampNanos - lastNanos) * 1e-9;
        lastNanos = timestampNanos;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) components[i].filter(x[i], dt);
        }
    }
}
