package io.github.hourglassmocap.inference.pose2d;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.video.Frame;
import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Draws a frame's 17 joints as a skeleton (left side blue, right side red, midline green) and the region of
 * interest, for overlay videos. Utility class.
 */
public final class SkeletonOverlay {
    private SkeletonOverlay() {
    }

    /**
     * Draws onto a copy of the frame.
     *
     * @param frame the frame (not null, unaffected)
     * @param k the frame's result (not null; nothing is drawn for "no person")
     * @param minConfidence joints below this confidence are not drawn (0..1)
     * @return a new direct buffer of packed BGR pixels (stride 3 x width)
     */
    public static ByteBuffer draw(Frame frame, Keypoints2D k, float minConfidence) {
        Frame copy = frame.copy();
        ByteBuffer out = ByteBuffer.allocateDirect(copy.pixels().remaining());
        out.put(copy.pixels().duplicate());
        out.flip();
        drawOnto(out, frame.width(), frame.height(), frame.width() * 3, k, 1, 1, minConfidence);
        return out;
    }

    /**
     * Draws onto an image in place, the keypoints scaled from the frame they were found in to the image (for a
     * downscaled copy of that frame: the lines are as thick as they would be drawn at the image's own size).
     *
     * @param bgr packed-row BGR pixels from index 0 (not null, direct; modified)
     * @param width the image width (in pixels, &gt;0)
     * @param height the image height (in pixels, &gt;0)
     * @param strideBytes bytes from one row to the next (&ge; 3 x width)
     * @param k the frame's result, in the frame's pixels (not null; nothing is drawn for "no person")
     * @param scaleX image pixels per frame pixel, horizontally (&gt;0; 1 when the image is the frame)
     * @param scaleY image pixels per frame pixel, vertically (&gt;0)
     * @param minConfidence joints below this confidence are not drawn (0..1)
     * @throws IllegalArgumentException if the buffer is not direct or too small for the size and stride
     */
    public static void drawOnto(ByteBuffer bgr, int width, int height, int strideBytes, Keypoints2D k,
            double scaleX, double scaleY, float minConfidence) {
        if (!bgr.isDirect() || strideBytes < 3 * width || bgr.capacity() < (long) strideBytes * (height - 1) + 3L * width) {
            throw new IllegalArgumentException("bgr must be a direct buffer of at least " + height + " rows of "
                    + strideBytes + " bytes (" + width + "x" + height + "); got capacity " + bgr.capacity()
                    + (bgr.isDirect() ? "" : ", not direct"));
        }
        if (!k.hasPerson()) {
            return;
        }
        int thick = Math.max(2, Math.round(Math.min(width, height) / 240f));
        try (Mat m = new Mat(height, width, opencv_core.CV_8UC3, new BytePointer(bgr.duplicate().position(0)), strideBytes)) {
            int[] left = H36mJoints.left();
            for (int j = 1; j < H36mJoints.COUNT; j++) {
                int p = H36mJoints.parent(j);
                if (k.jointConfidence(j) < minConfidence || k.jointConfidence(p) < minConfidence) {
                    continue;
                }
                Scalar colour = side(j, left) < 0 ? new Scalar(255, 128, 0, 0)
                        : side(j, left) > 0 ? new Scalar(0, 0, 255, 0) : new Scalar(0, 200, 0, 0);
                opencv_imgproc.line(m, point(k.jointX(p) * scaleX, k.jointY(p) * scaleY),
                        point(k.jointX(j) * scaleX, k.jointY(j) * scaleY), colour, thick, opencv_imgproc.LINE_AA, 0);
            }
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                if (k.jointConfidence(j) >= minConfidence) {
                    opencv_imgproc.circle(m, point(k.jointX(j) * scaleX, k.jointY(j) * scaleY), thick + 1,
                            new Scalar(255, 255, 255, 0), -1, opencv_imgproc.LINE_AA, 0);
                }
            }
            Roi r = k.roi();
            double[] xy = new double[2];
            Point[] corners = new Point[4];
            double[][] uv = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
            for (int i = 0; i < 4; i++) {
                r.toImage(uv[i][0], uv[i][1], xy);
                corners[i] = point(xy[0] * scaleX, xy[1] * scaleY);
            }
            for (int i = 0; i < 4; i++) {
                opencv_imgproc.line(m, corners[i], corners[(i + 1) % 4], new Scalar(0, 255, 255, 0), 1, opencv_imgproc.LINE_8, 0);
            }
        }
    }

    /** -1 for left, 1 for right, 0 for midline (the person's own sides). */
    private static int side(int joint, int[] left) {
        for (int l : left) {
            if (l == joint) {
                return -1;
            }
        }
        return H36mJoints.mirror(joint) == joint ? 0 : 1;
    }

    private static Point point(double x, double y) {
        return new Point((int) Math.round(x - 0.5), (int) Math.round(y - 0.5));
    }
}
