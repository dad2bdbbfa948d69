package io.github.hourglassmocap.plugin.bake;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a bake produced and how long each stage took.
 *
 * @param files output name (for example "clip.j3o") to the file written (unmodifiable)
 * @param frames frames in the video
 * @param framesWithPerson frames where the 2D stage found a person
 * @param videoSeconds the video's duration (frames / frame rate)
 * @param stageSeconds stage name to wall-clock seconds, in stage order (unmodifiable)
 * @param boneErrorMeanDegrees the retargeter's mean bone-direction error (degrees)
 * @param boneErrorP95Degrees its 95th percentile (degrees)
 * @param runId the bake's run id, as written into metrics.json and the JSON outputs (null if unknown)
 * @param previewSkippedReason why preview.mp4 was not rendered although asked for (one line: the cause and how to
 *     get it), or null if it was rendered or not asked for
 */
public record BakeResult(Map<String, Path> files, int frames, int framesWithPerson, double videoSeconds,
        Map<String, Double> stageSeconds, double boneErrorMeanDegrees, double boneErrorP95Degrees, String runId,
        String previewSkippedReason) {
    /**
     * A result with no run id and no skipped preview.
     *
     * @param files output name to file (unmodifiable)
     * @param frames frames in the video
     * @param framesWithPerson frames with a person
     * @param videoSeconds the video's duration
     * @param stageSeconds stage name to seconds (unmodifiable)
     * @param boneErrorMeanDegrees mean bone-direction error (degrees)
     * @param boneErrorP95Degrees its 95th percentile (degrees)
     */
    public BakeResult(Map<String, Path> files, int frames, int framesWithPerson, double videoSeconds,
            Map<String, Double> stageSeconds, double boneErrorMeanDegrees, double boneErrorP95Degrees) {
        this(files, frames, framesWithPerson, videoSeconds, stageSeconds, boneErrorMeanDegrees, boneErrorP95Degrees,
                null, null);
    }

    /**
     * Returns the total wall-clock time.
     *
     * @return seconds, summed over the stages
     */
    public double totalSeconds() {
        return stageSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * Returns the speed relative to real time, excluding the preview render.
     *
     * @return video seconds per wall-clock second of keypoints, lifting, retargeting and export (&gt;1 is faster
     *     than real time)
     */
    public double realTimeFactor() {
        double s = totalSeconds() - stageSeconds.getOrDefault("preview", 0.0);
        return s <= 0 ? 0 : videoSeconds / s;
    }
}
