package io.github.hourglassmocap.inference.pipeline;

/**
 * How a {@link StreamingPipeline} behaves when a stage falls behind its input.
 */
public enum PipelineMode {
    /** Drop the oldest waiting frames and count them: latency stays low, frames are lost. */
    LIVE,
    /** Never drop: block the producer until the next stage catches up (recording and baking). */
    RECORD
}
