package io.github.hourglassmocap.inference.pose2d;

import io.github.hourglassmocap.inference.model.PoseModelFile;

/**
 * Settings of a {@link PoseTracker}. Immutable; start from {@link #defaults()} and change with the
 * {@code with...} methods.
 *
 * @param model the landmark model: LITE, FULL or HEAVY (not DETECTOR)
 * @param threads interpreter threads per model (&ge;1)
 * @param minDetectionScore the detector's score threshold (0..1; MediaPipe: 0.5)
 * @param minPoseScore the landmark model's pose score below which tracking is lost (0..1; MediaPipe: 0.5)
 * @param smoothing whether the 2D output is smoothed with a One Euro filter (off by default: the lifter
 *     wants raw keypoints)
 * @param smoothingMinCutoffHz the One Euro cut-off at rest (in Hz, &gt;0)
 * @param smoothingBeta the One Euro speed coefficient (&ge;0)
 */
public record PoseTrackerOptions(PoseModelFile model, int threads, float minDetectionScore, float minPoseScore,
        boolean smoothing, double smoothingMinCutoffHz, double smoothingBeta) {
    /**
     * Validates the fields.
     */
    public PoseTrackerOptions {
        if (model == null || model == PoseModelFile.DETECTOR) {
            throw new IllegalArgumentException("model " + model + " is not a landmark model; expected one of [lite, full, heavy]");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads " + threads + " out of range; expected 1..64");
        }
        if (!(minDetectionScore >= 0 && minDetectionScore <= 1) || !(minPoseScore >= 0 && minPoseScore <= 1)) {
            throw new IllegalArgumentException("minDetectionScore " + minDetectionScore + " and minPoseScore " + minPoseScore + " must lie in 0..1");
        }
        if (!(smoothingMinCutoffHz > 0) || !(smoothingBeta >= 0) || !Double.isFinite(smoothingMinCutoffHz + smoothingBeta)) {
            throw new IllegalArgumentException("smoothing needs minCutoffHz > 0 and beta >= 0, finite; got " + smoothingMinCutoffHz + ", " + smoothingBeta);
        }
    }

    /**
     * Returns the defaults: full model, 1 thread, MediaPipe's thresholds (0.5, 0.5), no smoothing
     * (One Euro settings 1 Hz, beta 0.05 in pixel units when enabled).
     *
     * @return new options
     */
    public static PoseTrackerOptions defaults() {
        return new PoseTrackerOptions(PoseModelFile.FULL, 1, 0.5f, 0.5f, false, 1.0, 0.05);
    }

    /**
     * Returns a copy with another landmark model.
     *
     * @param m LITE, FULL or HEAVY (not null)
     * @return new options
     */
    public PoseTrackerOptions withModel(PoseModelFile m) {
        return new PoseTrackerOptions(m, threads, minDetectionScore, minPoseScore, smoothing, smoothingMinCutoffHz, smoothingBeta);
    }

    /**
     * Returns a copy with another thread count.
     *
     * @param n threads per model (1..64)
     * @return new options
     */
    public PoseTrackerOptions withThreads(int n) {
        return new PoseTrackerOptions(model, n, minDetectionScore, minPoseScore, smoothing, smoothingMinCutoffHz, smoothingBeta);
    }

    /**
     * Returns a copy with smoothing switched on or off.
     *
     * @param on true to smooth
     * @return new options
     */
    public PoseTrackerOptions withSmoothing(boolean on) {
        return new PoseTrackerOptions(model, threads, minDetectionScore, minPoseScore, on, smoothingMinCutoffHz, smoothingBeta);
    }
}
