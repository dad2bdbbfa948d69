package io.github.hourglassmocap.inference.pose2d;

import io.github.hourglassmocap.inference.ModelLoadException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The BlazePose person detector: letterboxes a frame into the 224x224 input (values -1..1), runs the model
 * and decodes people in image pixels. Not thread-safe; {@link #close()} is idempotent.
 */
final class PersonDetector implements AutoCloseable {
    /** The detector's square input side. */
    public static final int INPUT_SIZE = 224;

    private final TfLiteRunner runner;
    private final ImageWarper warper;
    private final DetectionDecoder decoder;
    private final float[] regressors;
    private final float[] logits;
    private final int regressorOutput;
    private final int scoreOutput;
    private boolean closed;
    private long warpNanos;
    private long invokeNanos;
    private long decodeNanos;

    /**
     * Loads the detector.
     *
     * @param modelFile the verified pose_detection.tflite (not null)
     * @param threads interpreter threads (&ge;1)
     * @param minScore the lowest detection score kept (0..1)
     * @throws ModelLoadException if the model cannot be loaded or has unexpected shapes
     */
    public PersonDetector(Path modelFile, int threads, float minScore) throws ModelLoadException {
        runner = new TfLiteRunner(modelFile, threads, 1, 2);
        try {
            SsdAnchors anchors = SsdAnchors.blazePose();
            runner.requireSquareImageInput(modelFile, INPUT_SIZE);
            // The two outputs are [1, anchors, 12] and [1, anchors, 1]; find which is which by size.
            int r = runner.outputSize(0) == anchors.count() * DetectionDecoder.COORDS ? 0 : 1;
            regressorOutput = r;
            scoreOutput = 1 - r;
            if (runner.outputSize(r) != anchors.count() * DetectionDecoder.COORDS || runner.outputSize(1 - r) != anchors.count()) {
                throw new ModelLoadException(modelFile + ": outputs do not match the " + anchors.count() + " BlazePose anchors");
            }
            decoder = new DetectionDecoder(anchors, INPUT_SIZE, minScore, DetectionDecoder.DEFAULT_MIN_SUPPRESSION_IOU);
            regressors = new float[anchors.count() * DetectionDecoder.COORDS];
            logits = new float[anchors.count()];
            warper = new ImageWarper(INPUT_SIZE, runner.inputPointer(0));
        } catch (ModelLoadException | RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    /**
     * Finds people in an image.
     *
     * @param image the BGR image (not null)
     * @param width the image width (in pixels, &gt;0)
     * @param height the image height (in pixels, &gt;0)
     * @return a new list in image pixels, best first (empty if nobody)
     */
    List<Detection> detect(Mat image, int width, int height) {
        if (closed) {
            throw new IllegalStateException("PersonDetector is closed");
        }
        long t0 = System.nanoTime();
        Letterbox lb = new Letterbox(width, height);
        warper.warp(image, lb.inputToImage(INPUT_SIZE), false, 2.0 / 255, -1);
        long t1 = System.nanoTime();
        runner.invoke();
        long t2 = System.nanoTime();
        runner.readOutput(regressorOutput, regressors);
        runner.readOutput(scoreOutput, logits);
        List<Detection> out = new ArrayList<>();
        for (DetectionDecoder.Normalized d : decoder.decode(regressors, logits)) {
            out.add(DetectionDecoder.toImage(d, lb));
        }
        long t3 = System.nanoTime();
        warpNanos = t1 - t0;
        invokeNanos = t2 - t1;
        decodeNanos = t3 - t2;
        return out;
    }

    /**
     * Returns the stage times of the last {@link #detect} call.
     *
     * @return a new array: letterbox warp, invoke, decode (nanoseconds)
     */
    long[] lastNanos() {
        return new long[] {warpNanos, invokeNanos, decodeNanos};
    }

    @Override
    public void close() {
        closed = true;
        warper.close();
        runner.close();
    }
}
