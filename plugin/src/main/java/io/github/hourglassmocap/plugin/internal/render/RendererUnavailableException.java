package io.github.hourglassmocap.plugin.internal.render;

import io.github.hourglassmocap.inference.MocapException;

/**
 * The {@link OffscreenRenderer} could not open its OpenGL context before any scene code ran: no display, a display
 * that cannot be reached, or no usable OpenGL 3.2 driver. A property of the machine, not of the scene.
 */
public class RendererUnavailableException extends MocapException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do (not null)
     * @param cause the engine's failure (may be null)
     */
    public RendererUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
