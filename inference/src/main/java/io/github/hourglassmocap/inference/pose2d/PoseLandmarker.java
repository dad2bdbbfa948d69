package io.github.hourglassmocap.inference.pose2d;

import io.github.hourglassmocap.inference.ModelLoadException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The BlazePose landmark model (lite, full or heavy): warps a {@link Roi} into the 256x256 input (values
 * 0..1), runs the model and decodes 33 landmarks in image pixels. Not thread-safe; {@link #close()} is idempotent.
 */
final class PoseLandmarker implements AutoCloseable {
    /** The landmark model's square input side. */
    public static final int INPUT_SIZE = 256;
    private static final int OUT_LANDMARKS = 0;
    private static final int OUT_SCORE = 1;
    private static final int OUTPUTS = 5;

    private final TfLiteRunner runner;
    private final ImageWarper warper;
    private final float[] raw;
    private final float[] score = new float[1];
    private boolean closed;
    private long warpNanos;
    private long invokeNanos;
    private long decodeNanos;

    /**
     * Loads a landmark model.
     *
     * @param modelFile a verified pose_landmark_*.tflite (not null)
     * @param threads interpreter threads (&ge;1)
     * @throws ModelLoadException if the model cannot be loaded or has unexpected shapes
     */
    public PoseLandmarker(Path modelFile, int threads) throws ModelLoadException {
        runner = new TfLiteRunner(modelFile, threads, 1, OUTPUTS);
        try {
            runner.requireSquareImageInput(modelFile, INPUT_SIZE);
            if (runner.outputSize(OUT_LANDMARKS) != LandmarkDecoder.MODEL_POINTS * PoseLandmarks.STRIDE || runner.outputSize(OUT_SCORE) != 1) {
                throw new ModelLoadException(modelFile + ": outputs " + Arrays.toString(runner.outputShape(0)) + ", "
                        + Arrays.toString(runner.outputShape(1)) + "; expected [1, 195] and [1, 1]");
            }
            raw = new float[LandmarkDecoder.MODEL_POINTS * PoseLandmarks.STRIDE];
            warper = new ImageWarper(INPUT_SIZE, runner.inputPointer(0));
        } catch (ModelLoadException | RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    /**
     * Runs the model on one region.
     *
     * @param image the BGR image (not null)
     * @param roi the region (not null)
     * @return new landmarks with the model's pose score, or null if the output was not finite
     */
    PoseLandmarks run(Mat image, Roi roi) {
        if (closed) {
            throw new IllegalStateException("PoseLandmarker is closed");
        }
        long t0 = System.nanoTime();
        warper.warp(image, roi.cropToImage(INPUT_SIZE), true, 1.0 / 255, 0);
        long t1 = System.nanoTime();
        runner.invoke();
        long t2 = System.nanoTime();
        runner.readOutput(OUT_LANDMARKS, raw);
        runner.readOutput(OUT_SCORE, score);
        PoseLandmarks lm = LandmarkDecoder.decode(raw, score[0], roi, INPUT_SIZE);
        long t3 = System.nanoTime();
        warpNanos = t1 - t0;
        invokeNanos = t2 - t1;
        decodeNanos = t3 - t2;
        return lm;
    }

    /**
     * Returns the stage times of the last {@link #run} call.
     *
     * @return a new array: crop warp, invoke, decode (nanoseconds)
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
