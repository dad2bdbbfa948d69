package io.github.hourglassmocap.inference.pipeline;

import io.github.hourglassmocap.inference.video.Frame;

/**
 * One frame's way through the pipeline: the frame (for preview), its 2D joints and its 3D pose, with timing.
 *
 * @param frame a private copy of the captured frame, or null if the pipeline was built without preview
 * @param pose2d the 2D joints of that frame (not null)
 * @param pose3d the 3D pose of that frame, or null if the pipeline has no lifting stage
 * @param captureNanos {@link System#nanoTime()} when the frame was grabbed
 * @param doneNanos {@link System#nanoTime()} when the result left the last stage
 * @param processingLatencyNanos capture-to-pose latency excluding look-ahead: from the grab of the newest frame
 *     the lifter had consumed when it emitted this pose, to {@code doneNanos} (in nanoseconds, &ge;0)
 */
public record PipelineResult(Frame frame, Pose2dSample pose2d, Pose3dSample pose3d, long captureNanos,
        long doneNanos, long processingLatencyNanos) {
    /**
     * Returns the source frame index.
     *
     * @return the index of the frame in its source
     */
    public long frameIndex() {
        return pose2d.frameIndex();
    }
}
