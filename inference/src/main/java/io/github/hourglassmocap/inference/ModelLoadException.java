package io.github.hourglassmocap.inference;

/**
 * A model could not be obtained, verified or loaded (missing, tampered, wrong shape).
 */
public class ModelLoadException extends MocapException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what failed and how to fix it (not null)
     */
    public ModelLoadException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what failed and how to fix it (not null)
     * @param cause the underlying failure (may be null)
     */
    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
