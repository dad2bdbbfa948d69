package io.github.hourglassmocap.plugin.bake;

import io.github.hourglassmocap.inference.MocapException;

/**
 * A bake was stopped by {@link VideoBaker#cancel()} (for example on Ctrl+C or SIGTERM). What it had finished is
 * kept: the files of the completed stages, the keypoints found so far (marked incomplete) and metrics.json with
 * {@code "status": "interrupted"}; the message names the stage and the files.
 */
public class BakeCancelledException extends MocapException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was stopped and what was kept (not null)
     */
    public BakeCancelledException(String message) {
        super(message);
    }
}
