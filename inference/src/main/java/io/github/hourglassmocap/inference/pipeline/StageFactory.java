package io.github.hourglassmocap.inference.pipeline;

import io.github.hourglassmocap.inference.MocapException;

/**
 * Creates a stage on the worker thread that will use it, so model loading never runs on the caller's
 * (render) thread and native handles stay on one thread.
 *
 * @param <T> the stage type
 */
@FunctionalInterface
public interface StageFactory<T> {
    /**
     * Creates the stage.
     *
     * @return a new stage (not null), owned and closed by the pipeline
     * @throws MocapException if a model could not be loaded
     */
    T create() throws MocapException;
}
