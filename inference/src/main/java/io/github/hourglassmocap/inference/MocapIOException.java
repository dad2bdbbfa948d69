package io.github.hourglassmocap.inference;

/**
 * Reading or writing one of the project's files failed (unwritable folder, full disk, bad JSON).
 */
public class MocapIOException extends MocapException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what failed and how to fix it (not null)
     */
    public MocapIOException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what failed and how to fix it (not null)
     * @param cause the underlying failure (may be null)
     */
    public MocapIOException(String message, Throwable cause) {
        super(message, cause);
    }
}
