package io.github.hourglassmocap.plugin.bake;

import io.github.hourglassmocap.inference.MocapException;

/**
 * The preview cannot be rendered on this machine: no display, or no usable OpenGL (the offscreen renderer did not
 * start). Nothing of the preview was written; {@link VideoBaker} then keeps every other output and says how to get
 * the preview.
 */
public class PreviewUnavailableException extends MocapException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why, in one line, and what to do (not null)
     * @param cause the renderer's failure (null if it was not tried)
     */
    public PreviewUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
