package io.github.hourglassmocap.inference;

/**
 * The project's one checked exception; subclasses say which stage failed. Always keeps the cause.
 */
public class MocapException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what failed and how to fix it (not null)
     */
    public MocapException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what failed and how to fix it (not null)
     * @param cause the underlying failure (may be null)
     */
    public MocapException(String message, Throwable cause) {
        super(message, cause);
    }
}
