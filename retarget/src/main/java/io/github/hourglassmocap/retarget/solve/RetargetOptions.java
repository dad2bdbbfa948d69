package io.github.hourglassmocap.retarget.solve;

/**
 * Settings of a retargeting run. Immutable; change one setting with the {@code with...} methods, which
 * return new instances. The defaults suit a 30 Hz clip of a walking or dancing person.
 */
public final class RetargetOptions {
    private final boolean inPlace;
    private final boolean footLocking;
    private final double offlineCutoffHz;
    private final double oneEuroMinCutoffHz;
    private final double oneEuroBeta;
    private final float contactHeightRatio;
    private final float contactSpeedRatio;
    private final float lowConfidence;
    private final int warmUpFrames;

    private RetargetOptions(boolean inPlace, boolean footLocking, double offlineCutoffHz, double oneEuroMinCutoffHz,
            double oneEuroBeta, float contactHeightRatio, float contactSpeedRatio, float lowConfidence, int warmUpFrames) {
        this.inPlace = inPlace;
        this.footLocking = footLocking;
        this.offlineCutoffHz = offlineCutoffHz;
        this.oneEuroMinCutoffHz = oneEuroMinCutoffHz;
        this.oneEuroBeta = oneEuroBeta;
        this.contactHeightRatio = contactHeightRatio;
        this.contactSpeedRatio = contactSpeedRatio;
        this.lowConfidence = lowConfidence;
        this.warmUpFrames = warmUpFrames;
    }

    /** @return the defaults: root motion on, foot locking on, 6 Hz zero-phase offline, One Euro 1 Hz / beta 3 live */
    public static RetargetOptions defaults() {
        return new RetargetOptions(false, true, 6.0, 1.0, 3.0, 0.12f, 0.6f, 0.5f, 30);
    }

    /** @return whether the hips stay over the origin (no horizontal root motion) */
    public boolean isInPlace() {
        return inPlace;
    }

    /**
     * @param value true to keep the character in place horizontally
     * @return new options
     */
    public RetargetOptions withInPlace(boolean value) {
        return new RetargetOptions(value, footLocking, offlineCutoffHz, oneEuroMinCutoffHz, oneEuroBeta,
                contactHeightRatio, contactSpeedRatio, lowConfidence, warmUpFrames);
    }

    /** @return whether feet in contact are locked with two-bone IK */
    public boolean isFootLocking() {
        return footLocking;
    }

    /**
     * @param value true to lock feet in contact
     * @return new options
     */
    public RetargetOptions withFootLocking(boolean value) {
        return new RetargetOptions(inPlace, value, offlineCutoffHz, oneEuroMinCutoffHz, oneEuroBeta,
                contactHeightRatio, contactSpeedRatio, lowConfidence, warmUpFrames);
    }

    /** @return the zero-phase cutoff for offline runs (hertz; 0 turns offline smoothing off) */
    public double getOfflineCutoffHz() {
        return offlineCutoffHz;
    }

    /**
     * @param hz the offline zero-phase cutoff (in hertz, &ge;0; 0 = off; must be below half the frame rate)
     * @return new options
     */
    public RetargetOptions withOfflineCutoffHz(double hz) {
        if (!(hz >= 0) || Double.isInfinite(hz)) {
            throw new IllegalArgumentException("offline cutoff must be finite and >= 0 Hz, got " + hz);
        }
        return new RetargetOptions(inPlace, footLocking, hz, oneEuroMinCutoffHz, oneEuroBeta,
                contactHeightRatio, contactSpeedRatio, lowConfidence, warmUpFrames);
    }

    /** @return the One Euro minimum cutoff for live runs (hertz; 0 turns live smoothing off) */
    public double getOneEuroMinCutoffHz() {
        return oneEuroMinCutoffHz;
    }

    /** @return the One Euro speed coefficient (hertz per radian per second) */
    public double getOneEuroBeta() {
        return oneEuroBeta;
    }

    /**
     * @param minCutoffHz the One Euro minimum cutoff (in hertz, &ge;0; 0 = off)
     * @param beta the speed coefficient (&ge;0)
     * @return new options
     */
    public RetargetOptions withOneEuro(double minCutoffHz, double beta) {
        if (!(minCutoffHz >= 0) || Double.isInfinite(minCutoffHz) || !(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("One Euro minCutoffHz and beta must be finite and >= 0, got "
                    + minCutoffHz + ", " + beta);
        }
        return new RetargetOptions(inPlace, footLocking, offlineCutoffHz, minCutoffHz, beta,
                contactHeightRatio, contactSpeedRatio, lowConfidence, warmUpFrames);
    }

    /** @return a foot is in contact below this height over the ground, as a share of the actor's leg length */
    public float getContactHeightRatio() {
        return contactHeightRatio;
    }

    /** @return ...and below this horizontal speed, in actor leg lengths per second */
    public float getContactSpeedRatio() {
        return contactSpeedRatio;
    }

    /**
     * @param heightRatio contact height threshold (share of leg length, &gt;0)
     * @param speedRatio contact speed threshold (leg lengths per second, &gt;0)
     * @return new options
     */
    public RetargetOptions withContactThresholds(float heightRatio, float speedRatio) {
        if (!(heightRatio > 0) || !(speedRatio > 0) || Float.isInfinite(heightRatio) || Float.isInfinite(speedRatio)) {
            throw new IllegalArgumentException("contact thresholds must be finite and > 0, got " + heightRatio + ", " + speedRatio);
        }
        return new RetargetOptions(inPlace, footLocking, offlineCutoffHz, oneEuroMinCutoffHz, oneEuroBeta,
                heightRatio, speedRatio, lowConfidence, warmUpFrames);
    }

    /** @return frames whose mean joint confidence is below this (or that are invalid) count as low-confidence */
    public float getLowConfidence() {
        return lowConfidence;
    }

    /** @return frames in the live skeleton-fit and ground warm-up window */
    public int getWarmUpFrames() {
        return warmUpFrames;
    }

    /**
     * @param frames the live warm-up window (&ge;1)
     * @return new options
     */
    public RetargetOptions withWarmUpFrames(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("warm-up frames must be >= 1, got " + frames);
        }
        return new RetargetOptions(inPlace, footLocking, offlineCutoffHz, oneEuroMinCutoffHz, oneEuroBeta,
                contactHeightRatio, contactSpeedRatio, lowConfidence, frames);
    }

    @Override
    public String toString() {
        return "RetargetOptions[inPlace=" + inPlace + ", footLocking=" + footLocking + ", offlineCutoffHz=" + offlineCutoffHz
                + ", oneEuro=" + oneEuroMinCutoffHz + "/" + oneEuroBeta + ", contact=" + contactHeightRatio + "/"
                + contactSpeedRatio + ", lowConfidence=" + lowConfidence + ", warmUpFrames=" + warmUpFrames + "]";
    }
}
