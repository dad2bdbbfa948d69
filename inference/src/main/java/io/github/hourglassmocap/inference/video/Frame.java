package io.github.hourglassmocap.inference.video;

import java.nio.ByteBuffer;

/**
 * One decoded video frame: 8-bit BGR pixels, top-left origin, rows {@code strideBytes} apart.
 *
 * <p>A {@link FrameSource} may reuse the pixel buffer of the frame it returned last on its next grab, so a
 * frame is valid only until the next {@code grab()} on the same source. Call {@link #copy()} to keep one.
 *
 * @param width the width (in pixels, &gt;0)
 * @param height the height (in pixels, &gt;0)
 * @param strideBytes bytes from one row to the next (&ge; 3 x width)
 * @param pixels BGR bytes, position 0, at least strideBytes x height remaining (shared, not copied)
 * @param timestampNanos presentation time from the start of the source (in nanoseconds, &ge;0)
 * @param frameIndex index of the frame in its source, counting from 0 (&ge;0)
 */
public record Frame(int width, int height, int strideBytes, ByteBuffer pixels, long timestampNanos, long frameIndex) {
    /** Bytes per pixel (3: blue, green, red). */
    public static final int CHANNELS = 3;

    /**
     * Validates the fields.
     */
    public Frame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size " + width + "x" + height + " must be positive");
        }
        if (strideBytes < width * CHANNELS) {
            throw new IllegalArgumentException("strideBytes " + strideBytes + " < 3 x width " + width);
        }
        if (pixels == null || pixels.capacity() < (long) strideBytes * height) {
            throw new IllegalArgumentException("pixels must hold strideBytes x height = " + (long) strideBytes * height + " bytes");
        }
        if (timestampNanos < 0 || frameIndex < 0) {
            throw new IllegalArgumentException("timestampNanos and frameIndex must be >= 0");
        }
    }

    /**
     * Returns the blue, green, red bytes of one pixel packed as 0xRRGGBB.
     *
     * @param x the column (0..width-1)
     * @param y the row (0..height-1)
     * @return the colour as 0xRRGGBB
     */
    public int rgbAt(int x, int y) {
        int i = y * strideBytes + x * CHANNELS;
        int b = pixels.get(i) & 0xff;
        int g = pixels.get(i + 1) & 0xff;
        int r = pixels.get(i + 2) & 0xff;
        return (r << 16) | (g << 8) | b;
    }

    /**
     * Copies this frame into its own tightly packed buffer, so it survives the next grab.
     *
     * @return a new frame with stride 3 x width and a new heap buffer
     */
    public Frame copy() {
        int row = width * CHANNELS;
        ByteBuffer out = ByteBuffer.allocate(row * height);
        for (int y = 0; y < height; y++) {
            ByteBuffer src = pixels.duplicate();
            src.position(y * strideBytes).limit(y * strideBytes + row);
            out.put(src);
        }
        out.flip();
        return new Frame(width, height, row, out, timestampNanos, frameIndex);
    }
}
