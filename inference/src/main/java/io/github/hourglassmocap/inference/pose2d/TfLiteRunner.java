package io.github.hourglassmocap.inference.pose2d;

import io.github.hourglassmocap.inference.ModelLoadException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Logger;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * One TensorFlow Lite interpreter over a float32 model: the only class of the project that imports the
 * TFLite binding. Inputs are written into, and outputs read from, the interpreter's own tensor memory.
 *
 * <p>Not thread-safe: one caller at a time. {@link #close()} is idempotent; any use after it throws
 * {@link IllegalStateException}.
 */
final class TfLiteRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TfLiteRunner.class.getName());

    private final String name;
    private FlatBufferModel model;
    private BuiltinOpResolver resolver;
    private Interpreter interpreter;
    private final int[][] inputShapes;
    private final int[][] outputShapes;
    private final FloatPointer[] inputs;
    private final FloatPointer[] outputs;

    /**
     * Loads a model and allocates its tensors.
     *
     * @param modelFile the .tflite file (not null, readable; verify its digest first, see ModelStore)
     * @param threads the interpreter's thread count (&ge;1)
     * @param inputCount how many inputs the model must have (&ge;1)
     * @param outputCount how many outputs the model must have (&ge;1)
     * @throws ModelLoadException if the file is missing, is not a valid TFLite model, has other input or
     *     output counts, or is not all float32
     */
    public TfLiteRunner(Path modelFile, int threads, int inputCount, int outputCount) throws ModelLoadException {
        if (modelFile == null) {
            throw new IllegalArgumentException("modelFile must not be null");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " must be >= 1");
        }
        this.name = modelFile.getFileName().toString();
        if (!Files.isRegularFile(modelFile)) {
            throw new ModelLoadException("model file " + modelFile + " does not exist");
        }
        // Verify first: a corrupt flatbuffer must give an error, not a native crash.
        model = FlatBufferModel.VerifyAndBuildFromFile(modelFile.toString());
        if (model == null || model.isNull()) {
            throw new ModelLoadException("model file " + modelFile + " is not a valid TensorFlow Lite model (corrupt or truncated);"
                    + " delete it so that ModelStore fetches a fresh copy");
        }
        try {
            resolver = new BuiltinOpResolver();
            InterpreterBuilder builder = new InterpreterBuilder(model, resolver);
            interpreter = new Interpreter((Pointer) null);
            if (builder.apply(interpreter, threads) != tensorflowlite.kTfLiteOk || interpreter.isNull()) {
                throw new ModelLoadException("TensorFlow Lite could not build an interpreter for " + modelFile);
            }
            builder.close();
            if (interpreter.AllocateTensors() != tensorflowlite.kTfLiteOk) {
                throw new ModelLoadException("TensorFlow Lite could not allocate the tensors of " + modelFile);
            }
            int ni = (int) interpreter.inputs().capacity();
            int no = (int) interpreter.outputs().capacity();
            if (ni != inputCount || no != outputCount) {
                throw new ModelLoadException(modelFile + " has " + ni + " input(s) and " + no + " output(s), expected "
                        + inputCount + " and " + outputCount + "; is it the right model file?");
            }
            inputShapes = new int[ni][];
            inputs = new FloatPointer[ni];
            for (int i = 0; i < ni; i++) {
                TfLiteTensor t = interpreter.input_tensor(i);
                checkFloat(t, modelFile, "input " + i);
                inputShapes[i] = dims(t.dims());
                inputs[i] = interpreter.typed_input_tensor_float(i).capacity(t.bytes() / Float.BYTES);
            }
            outputShapes = new int[no][];
            outputs = new FloatPointer[no];
            for (int i = 0; i < no; i++) {
                TfLiteTensor t = interpreter.output_tensor(i);
                checkFloat(t, modelFile, "output " + i);
                outputShapes[i] = dims(t.dims());
                outputs[i] = interpreter.typed_output_tensor_float(i).capacity(t.bytes() / Float.BYTES);
            }
        } catch (ModelLoadException | RuntimeException e) {
            releaseNative();
            throw e;
        }
        LOG.fine(() -> "loaded " + name + ": inputs " + Arrays.deepToString(inputShapes) + ", outputs " + Arrays.deepToString(outputShapes));
    }

    private static void checkFloat(TfLiteTensor t, Path file, String what) throws ModelLoadException {
        if (t.type() != tensorflowlite.kTfLiteFloat32) {
            throw new ModelLoadException(file + ": " + what + " has TFLite type " + t.type() + ", expected float32");
        }
    }

    private static int[] dims(TfLiteIntArray a) {
        int[] d = new int[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.data(i);
        }
        return d;
    }

    private void checkOpen() {
        if (interpreter == null) {
            throw new IllegalStateException("TfLiteRunner(" + name + ") is closed");
        }
    }

    /**
     * Returns the shape of an input tensor.
     *
     * @param index the input (0..inputCount-1)
     * @return a new array, for example [1, 256, 256, 3]
     */
    public int[] inputShape(int index) {
        checkOpen();
        return inputShapes[index].clone();
    }

    /**
     * Checks that input 0 takes one square 3-channel image, as the BlazePose models do.
     *
     * @param modelFile the model, named in the error (not null)
     * @param side the expected width and height (&gt;0)
     * @throws ModelLoadException if the input shape is not [1, side, side, 3]
     */
    void requireSquareImageInput(Path modelFile, int side) throws ModelLoadException {
        int[] in = inputShape(0);
        if (in.length != 4 || in[1] != side || in[2] != side || in[3] != 3) {
            throw new ModelLoadException(modelFile + ": input shape " + Arrays.toString(in) + ", expected [1, "
                    + side + ", " + side + ", 3]");
        }
    }

    /**
     * Returns the shape of an output tensor.
     *
     * @param index the output (0..outputCount-1)
     * @return a new array, for example [1, 195]
     */
    public int[] outputShape(int index) {
        checkOpen();
        return outputShapes[index].clone();
    }

    /**
     * Returns the number of outputs.
     *
     * @return the count (&ge;1)
     */
    public int outputCount() {
        checkOpen();
        return outputs.length;
    }

    /**
     * Returns the native memory of an input tensor, to be filled before {@link #invoke()} (for example by an
     * OpenCV Mat header over it).
     *
     * @param index the input (0..inputCount-1)
     * @return a pointer into the interpreter's tensor, valid until close (shared)
     */
    public FloatPointer inputPointer(int index) {
        checkOpen();
        return inputs[index];
    }

    /**
     * Returns an input tensor as a float buffer view (shared, valid until close).
     *
     * @param index the input (0..inputCount-1)
     * @return a view with position 0 and the tensor's element count as limit
     */
    public FloatBuffer input(int index) {
        checkOpen();
        return inputs[index].position(0).asBuffer();
    }

    /**
     * Runs the model on the current input tensors.
     *
     * @throws IllegalStateException if the interpreter reports an error (a model/runtime defect)
     */
    public void invoke() {
        checkOpen();
        int status = interpreter.Invoke();
        if (status != tensorflowlite.kTfLiteOk) {
            throw new IllegalStateException("TensorFlow Lite Invoke failed on " + name + " (status " + status + ")");
        }
    }

    /**
     * Copies an output tensor into an array.
     *
     * @param index the output (0..outputCount-1)
     * @param dst where to copy (not null, at least the tensor's element count long; modified)
     */
    public void readOutput(int index, float[] dst) {
        checkOpen();
        FloatPointer p = outputs[index];
        p.position(0).get(dst, 0, (int) Math.min(dst.length, p.capacity()));
    }

    /**
     * Returns the element count of an output tensor.
     *
     * @param index the output (0..outputCount-1)
     * @return the number of floats
     */
    public int outputSize(int index) {
        checkOpen();
        return (int) outputs[index].capacity();
    }

    private void releaseNative() {
        if (interpreter != null) {
            interpreter.close();
            interpreter = null;
        }
        if (resolver != null) {
            resolver.close();
            resolver = null;
        }
        if (model != null) {
            model.close();
            model = null;
        }
    }

    @Override
    public void close() {
        releaseNative();
    }

    @Override
    public String toString() {
        return "TfLiteRunner(" + name + ")";
    }
}
