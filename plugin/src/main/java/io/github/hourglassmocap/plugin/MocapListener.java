package io.github.hourglassmocap.plugin;

import io.github.hourglassmocap.inference.pipeline.PipelineResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Hears what a {@link MocapAppState} does. Every method is called on the render thread.
 */
public interface MocapListener {
    /**
     * A result was applied to the characters.
     *
     * @param result the result (not null; do not keep the frame past this call unless copied)
     */
    default void onResult(PipelineResult result) {
    }

    /**
     * The source ended or failed.
     *
     * @param failure what failed (a webcam that disappeared, a model error), or null at a normal end
     */
    default void onStreamEnded(Exception failure) {
    }

    /**
     * A recording was saved (at stop, or by autosave).
     *
     * @param files the files written (not null)
     * @param autosave true for an autosave during the take
     */
    default void onRecordingSaved(List<Path> files, boolean autosave) {
    }

    /**
     * Saving a recording failed; the recording is kept in memory and can be saved elsewhere.
     *
     * @param failure what failed (not null; names the file)
     */
    default void onRecordingFailed(Exception failure) {
    }
}
