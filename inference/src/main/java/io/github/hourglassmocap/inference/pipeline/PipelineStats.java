package io.github.hourglassmocap.inference.pipeline;

/**
 * A snapshot of a {@link StreamingPipeline}'s figures.
 *
 * @param framesCaptured frames grabbed from the source
 * @param framesDropped frames dropped because a stage was behind (live mode only; 0 in record mode)
 * @param framesDone results delivered by the last stage
 * @param inputFps frames grabbed per second over the last second or so
 * @param outputFps results delivered per second over the last second or so
 * @param meanLatencyMs mean capture-to-pose latency excluding look-ahead (in milliseconds, recent frames)
 * @param captureMs mean time per grab, including the copy (in milliseconds)
 * @param pose2dMs mean time per frame in the 2D stage (in milliseconds)
 * @param liftMs mean time per frame in the lifting stage (in milliseconds)
 */
public record PipelineStats(long framesCaptured, long framesDropped, long framesDone, double inputFps,
        double outputFps, double meanLatencyMs, double captureMs, double pose2dMs, double liftMs) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "in %.1f fps, out %.1f fps, latency %.1f ms, captured %d, dropped %d, done %d"
                        + " (grab %.1f ms, 2D %.1f ms, lift %.1f ms)",
                inputFps, outputFps, meanLatencyMs, framesCaptured, framesDropped, framesDone, captureMs, pose2dMs,
                liftMs);
    }
}
