package io.github.hourglassmocap.retarget.filter;

/**
 * The One Euro filter of Casiez, Roussel and Vogel (CHI 2012) on one scalar signal: a first-order low-pass
 * whose cutoff rises with the signal's speed, so slow motion is smoothed hard and fast motion lags little.
 * Causal, for live use. Not thread-safe.
 */
public final class OneEuroFilter {
    private final double minCutoffHz;
    private final double beta;
    private final double derivativeCutoffHz;
    private boolean primed;
    private double previous;
    private double previousDerivative;

    /**
     * Creates a filter.
     *
     * @param minCutoffHz the cutoff at rest (in hertz, &gt;0); lower smooths more
     * @param beta how fast the cutoff rises with speed (in cutoff hertz per unit per second, &ge;0)
     * @param derivativeCutoffHz the cutoff of the speed estimate (in hertz, &gt;0; 1 is usual)
     */
    public OneEuroFilter(double minCutoffHz, double beta, double derivativeCutoffHz) {
        checkParameters(minCutoffHz, beta, derivativeCutoffHz);
        this.minCutoffHz = minCutoffHz;
        this.beta = beta;
        this.derivativeCutoffHz = derivativeCutoffHz;
    }

    static void checkParameters(double minCutoffHz, double beta, double derivativeCutoffHz) {
        if (!(minCutoffHz > 0) || Double.isInfinite(minCutoffHz)) {
            throw new IllegalArgumentException("minCutoffHz must be finite and > 0, got " + minCutoffHz);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
        }
        if (!(derivativeCutoffHz > 0) || Double.isInfinite(derivativeCutoffHz)) {
            throw new IllegalArgumentException("derivativeCutoffHz must be finite and > 0, got " + derivativeCutoffHz);
        }
    }

    /**
     * Smoothing factor of an exponential filter with the given cutoff at the given sample interval.
     *
     * @param cutoffHz the cutoff (in hertz, &gt;0)
     * @param dtSeconds the sample interval (in seconds, &gt;0)
     * @return the factor in (0, 1]
     */
    static double alpha(double cutoffHz, double dtSeconds) {
        double tau = 1.0 / (2 * Math.PI * cutoffHz);
        return 1.0 / (1.0 + tau / dtSeconds);
    }

    /**
     * Filters one sample.
     *
     * @param value the new sample (finite)
     * @param dtSeconds time since the previous sample (in seconds, &gt;0; ignored for the first sample)
     * @return the filtered value
     */
    public double filter(double value, double dtSeconds) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
        if (!primed) {
            primed = true;
            previous = value;
            previousDerivative = 0;
            return value;
        }
        if (!(dtSeconds > 0)) {
            throw new IllegalArgumentException("dtSeconds must be > 0, got " + dtSeconds);
        }
        double derivative = (value - previous) / dtSeconds;
        double aD = alpha(derivativeCutoffHz, dtSeconds);
        previousDerivative += aD * (derivative - previousDerivative);
        double cutoff = minCutoffHz + beta * Math.abs(previousDerivative);
        previous += alpha(cutoff, dtSeconds) * (value - previous);
        return previous;
    }

    /** Forgets the history; the next sample passes through unchanged. */
    public void reset() {
        primed = false;
    }
}
