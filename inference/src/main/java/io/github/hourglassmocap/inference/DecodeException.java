package io.github.hourglassmocap.inference;

/**
 * A video, image or data file could not be opened or decoded, or a source died mid-stream.
 */
public class DecodeException extends MocapException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what failed and how to fix it (not null)
     */
    public DecodeException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what failed and how to fix it (not null)
     * @param cause the underlying failure (may be null)
     */
    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
