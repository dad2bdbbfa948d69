package io.github.hourglassmocap.retarget.bvh;

import io.github.hourglassmocap.inference.DecodeException;

/**
 * A BVH file is malformed. The message names the source, the 1-based line number and what was expected
 * there.
 */
public class BvhParseException extends DecodeException {
    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * Creates an exception.
     *
     * @param source the file or stream name (not null)
     * @param line the 1-based line number (&ge;1), or 0 when the problem is at the end of the input
     * @param message what was found and what was expected (not null)
     */
    public BvhParseException(String source, int line, String message) {
        super(source + (line > 0 ? ":" + line : "") + ": " + message);
        this.line = line;
    }

    /**
     * Returns the line where the problem was found.
     *
     * @return the 1-based line number, or 0 for the end of the input
     */
    public int line() {
        return line;
    }
}
