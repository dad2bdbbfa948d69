/**
 * The streaming pipeline: {@link io.github.hourglassmocap.inference.pipeline.StreamingPipeline} runs capture,
 * the 2D stage and the lifting stage on their own threads (live: newest frame wins; record: no frame dropped),
 * built from {@link io.github.hourglassmocap.inference.pipeline.StageFactory stage factories}, and hands out
 * {@link io.github.hourglassmocap.inference.pipeline.PipelineResult}s with their
 * {@link io.github.hourglassmocap.inference.pipeline.Pose3dSample}.
 */
package io.github.hourglassmocap.inference.pipeline;
