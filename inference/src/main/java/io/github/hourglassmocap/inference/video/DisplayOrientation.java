package io.github.hourglassmocap.inference.video;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * How a decoded picture must be turned to be shown upright: the eight axis-aligned orientations a video's
 * display matrix can ask for (phones store portrait video as landscape pictures plus such a matrix).
 *
 * <p>The display matrix is FFmpeg's (libavutil/display.h): nine 32-bit values {@code {a, b, u, c, d, v, x, y, w}},
 * a, b, c, d in 16.16 fixed point, mapping a source pixel (p, q) (x right, y down) to
 * {@code (a p + c q, b p + d q)} before translation. This is the same reading the {@code ffmpeg} program's
 * autorotation makes, so a frame from {@link VideoFileSource} looks like the picture {@code ffmpeg -i in.mp4 out.png}
 * writes. Matrices that rotate by other angles, scale or shear are not applied (see {@link #fromDisplayMatrix}).
 */
public enum DisplayOrientation {
    /** Shown as decoded. */
    UPRIGHT(false),
    /** Turned a quarter clockwise (a phone video whose FFmpeg rotation reads -90 degrees). */
    ROTATE_90_CLOCKWISE(true),
    /** Turned half a turn. */
    ROTATE_180(false),
    /** Turned a quarter counter-clockwise (FFmpeg rotation +90 degrees). */
    ROTATE_90_COUNTERCLOCKWISE(true),
    /** Mirrored left to right. */
    FLIP_HORIZONTAL(false),
    /** Mirrored top to bottom. */
    FLIP_VERTICAL(false),
    /** Mirrored about the main diagonal (x and y swapped). */
    TRANSPOSE(true),
    /** Mirrored about the other diagonal. */
    TRANSVERSE(true);

    /** Matrix entries below this share of the largest one (in magnitude) count as zero. */
    private static final double ZERO_SHARE = 1e-3;

    private final boolean swapsSides;

    DisplayOrientation(boolean swapsSides) {
        this.swapsSides = swapsSides;
    }

    /**
     * Returns whether this orientation swaps width and height.
     *
     * @return true for the quarter turns and the two diagonal mirrors
     */
    public boolean swapsSides() {
        return swapsSides;
    }

    /**
     * Returns the width of the upright picture.
     *
     * @param decodedWidth the decoded width (in pixels)
     * @param decodedHeight the decoded height (in pixels)
     * @return the upright width
     */
    public int uprightWidth(int decodedWidth, int decodedHeight) {
        return swapsSides ? decodedHeight : decodedWidth;
    }

    /**
     * Returns the height of the upright picture.
     *
     * @param decodedWidth the decoded width (in pixels)
     * @param decodedHeight the decoded height (in pixels)
     * @return the upright height
     */
    public int uprightHeight(int decodedWidth, int decodedHeight) {
        return swapsSides ? decodedWidth : decodedHeight;
    }

    /**
     * Reads a display matrix. Only the upper-left 2x2 part matters; it must be axis-aligned (two zeros on a
     * diagonal) for an orientation to be found.
     *
     * @param matrix FFmpeg's nine values (not null, length &ge; 5; unaffected)
     * @return the orientation, or null when the matrix is all zero in its 2x2 part or is not axis-aligned
     *     (another angle, a shear)
     */
    public static DisplayOrientation fromDisplayMatrix(int[] matrix) {
        if (matrix == null || matrix.length < 5) {
            throw new IllegalArgumentException("a display matrix has 9 values, got "
                    + (matrix == null ? "null" : matrix.length));
        }
        double a = matrix[0];
        double b = matrix[1];
        double c = matrix[3];
        double d = matrix[4];
        double max = Math.max(Math.max(Math.abs(a), Math.abs(b)), Math.max(Math.abs(c), Math.abs(d)));
        if (max == 0) {
            return null;
        }
        double eps = max * ZERO_SHARE;
        boolean straight = Math.abs(b) <= eps && Math.abs(c) <= eps && Math.abs(a) > eps && Math.abs(d) > eps;
        boolean swapped = Math.abs(a) <= eps && Math.abs(d) <= eps && Math.abs(b) > eps && Math.abs(c) > eps;
        if (straight) {
            if (a > 0) {
                return d > 0 ? UPRIGHT : FLIP_VERTICAL;
            }
            return d > 0 ? FLIP_HORIZONTAL : ROTATE_180;
        }
        if (swapped) {
            // x' = c y, y' = b x
            if (c > 0) {
                return b > 0 ? TRANSPOSE : ROTATE_90_COUNTERCLOCKWISE;
            }
            return b > 0 ? ROTATE_90_CLOCKWISE : TRANSVERSE;
        }
        return null;
    }

    /**
     * Maps a pixel of the decoded picture to its place in the upright one.
     *
     * @param x the decoded column (0..width-1)
     * @param y the decoded row (0..height-1)
     * @param width the decoded width (&gt;0)
     * @param height the decoded height (&gt;0)
     * @return {x', y'} in the upright picture (a new array)
     */
    public int[] uprightPixel(int x, int y, int width, int height) {
        return switch (this) {
            case UPRIGHT -> new int[] {x, y};
            case ROTATE_90_CLOCKWISE -> new int[] {height - 1 - y, x};
            case ROTATE_180 -> new int[] {width - 1 - x, height - 1 - y};
            case ROTATE_90_COUNTERCLOCKWISE -> new int[] {y, width - 1 - x};
            case FLIP_HORIZONTAL -> new int[] {width - 1 - x, y};
            case FLIP_VERTICAL -> new int[] {x, height - 1 - y};
            case TRANSPOSE -> new int[] {y, x};
            case TRANSVERSE -> new int[] {height - 1 - y, width - 1 - x};
        };
    }

    /**
     * Writes the upright picture of a BGR frame into {@code out} with OpenCV (one pass; two for
     * {@link #TRANSVERSE}).
     *
     * @param frame the decoded frame (not null, unaffected)
     * @param out the destination (not null; (re)allocated by OpenCV when its size or type differs, so the same
     *     Mat can be passed for every frame; modified)
     * @param scratch a second Mat for the two-pass case (not null; modified)
     * @return a frame over {@code out}'s pixels, with the input's timestamp and index (valid until {@code out}
     *     is written again or closed)
     */
    Frame apply(Frame frame, Mat out, Mat scratch) {
        ByteBuffer src = frame.pixels();
        if (!src.isDirect()) {
            ByteBuffer direct = ByteBuffer.allocateDirect((int) ((long) frame.strideBytes() * frame.height()));
            ByteBuffer copy = src.duplicate();
            copy.clear().limit(direct.capacity());
            direct.put(copy).flip();
            src = direct;
        }
        try (BytePointer data = new BytePointer(src);
                Mat in = new Mat(frame.height(), frame.width(), opencv_core.CV_8UC3, data, frame.strideBytes())) {
            switch (this) {
                case UPRIGHT -> in.copyTo(out);
                case ROTATE_90_CLOCKWISE -> opencv_core.rotate(in, out, opencv_core.ROTATE_90_CLOCKWISE);
                case ROTATE_180 -> opencv_core.rotate(in, out, opencv_core.ROTATE_180);
                case ROTATE_90_COUNTERCLOCKWISE -> opencv_core.rotate(in, out, opencv_core.ROTATE_90_COUNTERCLOCKWISE);
                case FLIP_HORIZONTAL -> opencv_core.flip(in, out, 1);
                case FLIP_VERTICAL -> opencv_core.flip(in, out, 0);
                case TRANSPOSE -> opencv_core.transpose(in, out);
                case TRANSVERSE -> {
                    opencv_core.transpose(in, scratch);
                    opencv_core.flip(scratch, out, -1);
                }
                default -> throw new AssertionError(this);
            }
        }
        int w = uprightWidth(frame.width(), frame.height());
        int h = uprightHeight(frame.width(), frame.height());
        if (out.cols() != w || out.rows() != h || out.type() != opencv_core.CV_8UC3) {
            throw new IllegalStateException("OpenCV produced " + out.cols() + "x" + out.rows() + " type " + out.type()
                    + " for " + this + "; expected " + w + "x" + h + " CV_8UC3");
        }
        int stride = (int) out.step();
        ByteBuffer pixels = out.data().capacity((long) stride * h).asByteBuffer();
        return new Frame(w, h, stride, pixels, frame.timestampNanos(), frame.frameIndex());
    }

    /**
     * Describes the orientation in words, for logs.
     *
     * @return for example "rotate 90 degrees clockwise"
     */
    public String describe() {
        return switch (this) {
            case UPRIGHT -> "none";
            case ROTATE_90_CLOCKWISE -> "rotate 90 degrees clockwise";
            case ROTATE_180 -> "rotate 180 degrees";
            case ROTATE_90_COUNTERCLOCKWISE -> "rotate 90 degrees counter-clockwise";
            default -> name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
