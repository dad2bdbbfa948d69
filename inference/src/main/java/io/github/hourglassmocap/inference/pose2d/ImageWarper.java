package io.github.hourglassmocap.inference.pose2d;

import io.github.hourglassmocap.inference.video.Frame;
import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Fills a model's float input tensor from a frame through one affine warp (OpenCV): resample the region,
 * swap BGR to RGB, scale to the model's value range. The tensor memory is written directly.
 *
 * <p>Reuses its buffers between calls; not thread-safe. {@link #close()} is idempotent; use after it throws
 * {@link IllegalStateException}.
 */
final class ImageWarper implements AutoCloseable {
    private final int size;
    private final Mat tensor;
    private final Mat warped;
    private final Mat rgb;
    private final DoublePointer matrixData;
    private final Mat matrix;
    private final Size dsize;
    private final Scalar black;
    private boolean closed;

    /**
     * Creates a warper writing into one tensor.
     *
     * @param size the square input side (in pixels, &gt;0)
     * @param tensor the tensor's memory (not null, at least size x size x 3 floats; must outlive this warper)
     */
    public ImageWarper(int size, FloatPointer tensor) {
        if (size <= 0 || tensor == null || tensor.capacity() < (long) size * size * 3) {
            throw new IllegalArgumentException("tensor must hold " + size + "x" + size + "x3 floats");
        }
        this.size = size;
        this.tensor = new Mat(size, size, opencv_core.CV_32FC3, tensor.position(0));
        this.warped = new Mat(size, size, opencv_core.CV_8UC3);
        this.rgb = new Mat(size, size, opencv_core.CV_8UC3);
        this.matrixData = new DoublePointer(6);
        this.matrix = new Mat(2, 3, opencv_core.CV_64F, matrixData);
        this.dsize = new Size(size, size);
        this.black = new Scalar(0, 0, 0, 0);
    }

    /**
     * Wraps a frame's pixels as a Mat: a header over the buffer when it is direct, else a copy into a reused Mat.
     *
     * @param frame the frame (not null; must stay valid while the Mat is used)
     * @param reuse holder of the reusable copy (not null, length 1; element 0 may be replaced, modified)
     * @return a Mat (BGR, 8 bits): a new header when the buffer is direct (close it after use), else reuse[0]
     */
    static Mat wrap(Frame frame, Mat[] reuse) {
        ByteBuffer px = frame.pixels();
        if (px.isDirect()) {
            return new Mat(frame.height(), frame.width(), opencv_core.CV_8UC3, new BytePointer(px.duplicate().position(0)), frame.strideBytes());
        }
        Mat copy = reuse[0];
        if (copy == null || copy.rows() != frame.height() || copy.cols() != frame.width()) {
            if (copy != null) {
                copy.close();
            }
            copy = new Mat(frame.height(), frame.width(), opencv_core.CV_8UC3);
            reuse[0] = copy;
        }
        BytePointer dst = copy.data();
        long step = copy.step();
        int row = frame.width() * Frame.CHANNELS;
        byte[] buf = new byte[row];
        for (int y = 0; y < frame.height(); y++) {
            px.get(y * frame.strideBytes(), buf, 0, row);
            dst.position(y * step).put(buf, 0, row);
        }
        dst.position(0);
        return copy;
    }

    /**
     * Warps a region of an image into the tensor.
     *
     * @param image the BGR image (not null)
     * @param inputToImage the affine map from tensor pixels to image pixels (not null, 6 values, unaffected)
     * @param replicateBorder true to repeat edge pixels outside the image (landmark crops), false for black (letterbox)
     * @param scale multiplies each 0..255 value
     * @param offset added after scaling (for example scale 2/255, offset -1 for the range -1..1)
     */
    void warp(Mat image, double[] inputToImage, boolean replicateBorder, double scale, double offset) {
        checkOpen();
        matrixData.put(inputToImage, 0, 6);
        opencv_imgproc.warpAffine(image, warped, matrix, dsize, opencv_imgproc.INTER_LINEAR | opencv_imgproc.WARP_INVERSE_MAP,
                replicateBorder ? opencv_core.BORDER_REPLICATE : opencv_core.BORDER_CONSTANT, black);
        opencv_imgproc.cvtColor(warped, rgb, opencv_imgproc.COLOR_BGR2RGB);
        rgb.convertTo(tensor, opencv_core.CV_32F, scale, offset);
    }

    /**
     * Returns the tensor side.
     *
     * @return pixels
     */
    public int size() {
        return size;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("ImageWarper is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tensor.close();
        warped.close();
        rgb.close();
        matrix.close();
        matrixData.close();
        dsize.close();
        black.close();
    }
}
