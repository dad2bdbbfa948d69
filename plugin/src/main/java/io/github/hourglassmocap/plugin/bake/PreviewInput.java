package io.github.hourglassmocap.plugin.bake;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.SkeletonOverlay;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.FrameSource;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The left half of preview.mp4: the input video with its 2D skeleton drawn on, scaled to the preview's height
 * (at most {@link #MAX_HEIGHT} pixels). It decodes the input a second time on the source the bake's 2D pass
 * opened ({@link VideoFileSource#rewind()}): the bake opens its input once, and the 2D pass does no work for the
 * preview. Read by one thread; {@link #close()} closes the source (idempotent).
 */
public final class PreviewInput implements AutoCloseable {
    /** The preview's height at most, in pixels. */
    public static final int MAX_HEIGHT = 480;
    /** Joints below this confidence are not drawn. */
    private static final float MIN_CONFIDENCE = 0.3f;

    private final VideoFileSource source;
    private final List<Keypoints2D> keypoints;
    private final int width;
    private final int height;
    private boolean rewound;
    private int next;
    private boolean closed;

    /**
     * Wraps the bake's opened input for the preview.
     *
     * @param source the input, opened once by the bake and read to its end by the 2D pass (not null; owned from
     *     now on: {@link #close()} closes it)
     * @param keypoints the 2D pass's results, one per frame (not null, not empty; not copied, not modified)
     */
    PreviewInput(VideoFileSource source, List<Keypoints2D> keypoints) {
        this.source = Objects.requireNonNull(source, "source");
        this.keypoints = Objects.requireNonNull(keypoints, "keypoints");
        if (keypoints.isEmpty()) {
            throw new IllegalArgumentException("keypoints must not be empty");
        }
        this.height = even(Math.min(MAX_HEIGHT, source.height()));
        this.width = even((int) Math.round((double) source.width() * height / source.height()));
    }

    /**
     * A view of a source whose {@code close()} does nothing: for the bake's 2D pass, whose pipeline closes its
     * source on the capture thread, while the source stays open for the preview.
     */
    static FrameSource unclosed(VideoFileSource source) {
        return new FrameSource() {
            @Override
            public Frame grab() throws DecodeException {
                return source.grab();
            }

            @Override
            public double frameRateHz() {
                return source.frameRateHz();
            }

            @Override
            public boolean isLive() {
                return source.isLive();
            }

            @Override
            public String describe() {
                return source.describe();
            }

            @Override
            public void close() {
                // the baker closes the source: the preview decodes it again
            }
        };
    }

    static int even(int v) {
        return Math.max(2, v & ~1);
    }

    /**
     * Draws the next frame of the input, scaled, with its skeleton, into the left of an image.
     *
     * @param dst packed-row BGR pixels, at least {@link #height()} rows (not null, direct; modified: the
     *     {@link #width()} columns at the left)
     * @param dstStride bytes from one row of {@code dst} to the next (&ge; 3 x width)
     * @return false at the end of the input (nothing drawn)
     * @throws DecodeException if decoding fails
     * @throws IllegalStateException if closed
     */
    public boolean next(ByteBuffer dst, int dstStride) throws DecodeException {
        if (closed) {
            throw new IllegalStateException("PreviewInput is closed");
        }
        if (!rewound) {
            source.rewind();
            rewound = true;
        }
        Frame f = source.grab();
        if (f == null) {
            return false;
        }
        blitScaled(f.pixels(), f.width(), f.height(), f.strideBytes(), dst, dstStride, 0, width, height);
        if (next < keypoints.size()) {
            SkeletonOverlay.drawOnto(dst, width, height, dstStride, keypoints.get(next),
                    (double) width / f.width(), (double) height / f.height(), MIN_CONFIDENCE);
        }
        next++;
        return true;
    }

    /**
     * Nearest-neighbour scale of a BGR image into a region of another.
     *
     * @param src the source pixels from index 0 (not null, unaffected)
     * @param sw the source width (in pixels)
     * @param sh the source height (in pixels)
     * @param stride the source's bytes per row
     * @param dst the destination (not null; modified in the region only)
     * @param dstStride the destination's bytes per row
     * @param x0 the region's left column in the destination
     * @param w the region's width (in pixels)
     * @param h the region's height (in pixels, from the top row)
     */
    static void blitScaled(ByteBuffer src, int sw, int sh, int stride, ByteBuffer dst, int dstStride, int x0, int w,
            int h) {
        int[] sxs = new int[w];
        for (int x = 0; x < w; x++) {
            sxs[x] = Math.min(sw - 1, (int) ((x + 0.5) * sw / w)) * 3;
        }
        for (int y = 0; y < h; y++) {
            int srow = Math.min(sh - 1, (int) ((y + 0.5) * sh / h)) * stride;
            int drow = y * dstStride + x0 * 3;
            for (int x = 0; x < w; x++) {
                int si = srow + sxs[x];
                int di = drow + x * 3;
                dst.put(di, src.get(si));
                dst.put(di + 1, src.get(si + 1));
                dst.put(di + 2, src.get(si + 2));
            }
        }
    }

    /**
     * Returns the panel width.
     *
     * @return in pixels, even
     */
    public int width() {
        return width;
    }

    /**
     * Returns the panel height.
     *
     * @return in pixels, even, at most {@link #MAX_HEIGHT}
     */
    public int height() {
        return height;
    }

    /**
     * Returns the input's frame rate.
     *
     * @return frames per second
     */
    public double frameRateHz() {
        return source.frameRateHz();
    }

    /**
     * Returns how many frames the 2D pass found in the input.
     *
     * @return the frame count (&ge;1)
     */
    public int frameCount() {
        return keypoints.size();
    }

    /**
     * Returns when a frame was shown in the input, from its first frame (a variable frame rate kept).
     *
     * @param frame the frame's index (0..frameCount-1; later frames are clamped to the last)
     * @return seconds from the first frame (&ge;0)
     */
    public double secondsAt(int frame) {
        int i = Math.max(0, Math.min(keypoints.size() - 1, frame));
        return Math.max(0, (keypoints.get(i).timestampNanos() - keypoints.get(0).timestampNanos()) / 1e9);
    }

    /** Closes the input (idempotent). */
    @Override
    public void close() {
        closed = true;
        source.close();
    }

    @Override
    public String toString() {
        return "PreviewInput[" + width + "x" + height + ", " + frameCount() + " frames, " + source.describe() + "]";
    }
}
