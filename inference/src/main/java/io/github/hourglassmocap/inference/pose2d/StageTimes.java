package io.github.hourglassmocap.inference.pose2d;

/**
 * Where one {@link PoseTracker#process} call spent its time (nanoseconds). Stages that did not run are 0.
 *
 * @param detectWarpNanos letterboxing the frame into the detector input
 * @param detectInvokeNanos running the detector model
 * @param detectDecodeNanos decoding anchors and weighted NMS
 * @param cropWarpNanos warping the region into the landmark input
 * @param landmarkInvokeNanos running the landmark model
 * @param postNanos decoding landmarks, joint mapping, smoothing, bookkeeping
 * @param totalNanos the whole call
 * @param detectorRuns how many times the detector ran (0 or 1)
 * @param landmarkRuns how many times the landmark model ran (0..2)
 */
public record StageTimes(long detectWarpNanos, long detectInvokeNanos, long detectDecodeNanos, long cropWarpNanos,
        long landmarkInvokeNanos, long postNanos, long totalNanos, int detectorRuns, int landmarkRuns) {
    /** All zero. */
    public static final StageTimes ZERO = new StageTimes(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
