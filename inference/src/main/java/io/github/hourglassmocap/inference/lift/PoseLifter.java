package io.github.hourglassmocap.inference.lift;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The lifter model on ONNX Runtime: one window of F frames of screen-normalised 2D joints in, root-relative
 * 3D joints (metres, camera frame) out. The only class of the project that imports {@code ai.onnxruntime}
 * for the lifter. Loading checks the model against its manifest (checksum, tensor names, shapes) and runs
 * one window of zeros to prove the output shape, so a model that loads is one that runs.
 *
 * <p>Not thread-safe: one window at a time. Close it to free the native session; {@link #close()} is
 * idempotent and any use after it throws {@link IllegalStateException}.
 */
public final class PoseLifter implements WindowModel, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PoseLifter.class.getName());

    private final LifterManifest manifest;
    private final OrtSession session;
    private final LifterOptions.Device device;
    private final String deviceNote;
    private final int frames;
    private final int outFrames;
    private final long[] inputShape;
    private final FloatBuffer input;
    private final Set<String> outputs;
    private boolean closed;

    private PoseLifter(LifterManifest manifest, OrtSession session, LifterOptions.Device device, String deviceNote) {
        this.manifest = manifest;
        this.session = session;
        this.device = device;
        this.deviceNote = deviceNote;
        this.frames = manifest.frames();
        this.outFrames = manifest.outputFrames();
        this.inputShape = manifest.inputShape();
        this.outputs = Set.of(manifest.outputName()); // HoT exports also carry keptFrames: not fetched
        this.input = ByteBuffer.allocateDirect(frames * H36mJoints.COUNT * 2 * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Loads a model with the default options (CPU).
     *
     * @param model the {@code .onnx} file, with its manifest next to it (not null)
     * @return a new lifter, to be closed by the caller
     * @throws ModelLoadException if the model or manifest is missing, corrupt or inconsistent
     */
    public static PoseLifter open(Path model) throws ModelLoadException {
        return open(model, LifterOptions.defaults());
    }

    /**
     * Loads a model.
     *
     * @param model the {@code .onnx} file, with its manifest ({@link LifterManifest#manifestPathFor}) next to
     *     it (not null)
     * @param options device, fallback and threads (not null)
     * @return a new lifter, to be closed by the caller
     * @throws ModelLoadException if the model or manifest is missing, corrupt or inconsistent, or the
     *     device is unavailable and the fallback is {@link LifterOptions.Fallback#FAIL}
     */
    public static PoseLifter open(Path model, LifterOptions options) throws ModelLoadException {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (!Files.isRegularFile(model)) {
            throw new ModelLoadException("lifter model " + model + " not found; pass --model with an .onnx file"
                    + " (the shipped ones are in assets/models/)");
        }
        LifterManifest manifest = LifterManifest.read(LifterManifest.manifestPathFor(model));
        if (options.verifyChecksum() && manifest.sha256() != null) {
            String actual = sha256(model);
            if (!actual.equalsIgnoreCase(manifest.sha256())) {
                throw new ModelLoadException("lifter model " + model + " has SHA-256 " + actual + " but its manifest "
                        + manifest.source() + " says " + manifest.sha256()
                        + "; the file is corrupt or does not belong to this manifest (re-export or re-download it)");
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        LifterOptions.Device device = options.device();
        String note = "CPU, threads=" + options.threads();
        OrtSession session = null;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(options.threads());
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (device == LifterOptions.Device.CUDA) {
                String problem = addCuda(env, so);
                if (problem == null) {
                    note = "CUDA device 0";
                } else if (options.fallback() == LifterOptions.Fallback.CPU) {
                    LOG.warning(problem + "; falling back to the CPU as requested (--fallback cpu)");
                    device = LifterOptions.Device.CPU;
                    note = "CPU (fell back: CUDA unavailable), threads=" + options.threads();
                } else {
                    throw new ModelLoadException(problem + "; stopping as requested (--fallback fail);"
                            + " use --device cpu, or --fallback cpu to run on the CPU instead");
                }
            }
            session = env.createSession(model.toString(), so);
            checkSignature(model, manifest, session);
            PoseLifter lifter = new PoseLifter(manifest, session, device, note);
            lifter.checkRun(model);
            LOG.fine(() -> "loaded lifter " + manifest.name() + " from " + model + " on " + lifter.deviceNote);
            return lifter;
        } catch (OrtException e) {
            closeQuietly(session);
            throw new ModelLoadException("lifter model " + model + " could not be loaded by ONNX Runtime: "
                    + e.getMessage() + "; the file is corrupt or not an ONNX model", e);
        } catch (ModelLoadException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /**
     * Says whether this ONNX Runtime build has the CUDA provider (the {@code onnxruntime_gpu} artifact). Even
     * then CUDA may fail to start on a machine without a GPU; {@link #open} reports that.
     *
     * @return true if the CUDA provider is compiled in
     */
    public static boolean cudaProviderPresent() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    private static String addCuda(OrtEnvironment env, OrtSession.SessionOptions so) {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            return "CUDA was requested but this ONNX Runtime build has no CUDA provider (build with 'mvn -Pcuda',"
                    + " which uses the onnxruntime_gpu artifact and needs CUDA 12 and cuDNN 9)";
        }
        try {
            so.addCUDA(0);
            return null;
        } catch (OrtException e) {
            return "CUDA was requested but the CUDA provider could not start: " + e.getMessage();
        }
    }

    private static void checkSignature(Path model, LifterManifest manifest, OrtSession session)
            throws OrtException, ModelLoadException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (inputs.size() != 1 || !inputs.containsKey(manifest.inputName())) {
            throw new ModelLoadException("lifter model " + model + " has inputs " + inputs.keySet()
                    + " but its manifest expects exactly one input named '" + manifest.inputName() + "'");
        }
        NodeInfo out = outputs.get(manifest.outputName());
        if (out == null) {
            throw new ModelLoadException("lifter model " + model + " has outputs " + outputs.keySet()
                    + " but its manifest expects an output named '" + manifest.outputName() + "'");
        }
        checkShape(model, "input", inputs.get(manifest.inputName()), manifest.inputShape());
        checkShape(model, "output", out, manifest.outputShape());
    }

    private static void checkShape(Path model, String what, NodeInfo node, long[] expected) throws ModelLoadException {
        if (!(node.getInfo() instanceof TensorInfo info)) {
            throw new ModelLoadException("lifter model " + model + ": " + what + " '" + node.getName() + "' is not a tensor");
        }
        long[] shape = info.getShape();
        boolean ok = shape.length == expected.length && info.type == ai.onnxruntime.OnnxJavaType.FLOAT;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = shape[i] < 0 || shape[i] == expected[i];
        }
        if (!ok) {
            throw new ModelLoadException("lifter model " + model + ": " + what + " '" + node.getName() + "' is "
                    + info.type + " " + Arrays.toString(shape) + " but the manifest says float "
                    + Arrays.toString(expected) + "; the model and manifest do not belong together");
        }
    }

    private void checkRun(Path model) throws ModelLoadException {
        float[][][] zeros = new float[frames][H36mJoints.COUNT][2];
        try {
            run(zeros);
        } catch (MocapException e) {
            throw new ModelLoadException("lifter model " + model + " failed a trial window: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the manifest the model was loaded with.
     *
     * @return the manifest (shared, immutable)
     */
    public LifterManifest manifest() {
        return manifest;
    }

    /**
     * Returns the device the model actually runs on (CPU after a fallback from CUDA).
     *
     * @return the device (not null)
     */
    public LifterOptions.Device device() {
        return device;
    }

    /**
     * Describes the device and threads in words, for logs and benchmark output.
     *
     * @return a short description (not null)
     */
    public String deviceDescription() {
        return deviceNote;
    }

    @Override
    public int frames() {
        return frames;
    }

    @Override
    public int outputFrames() {
        return outFrames;
    }

    /**
     * Lifts one window.
     *
     * @param window [F][17][≥2] screen-normalised 2D joints (not null, unaffected)
     * @return a new array [outputFrames][17][3]: metres, camera frame, root-relative
     * @throws MocapException if ONNX Runtime fails
     */
    @Override
    public float[][][] run(float[][][] window) throws MocapException {
        if (closed) {
            throw new IllegalStateException("PoseLifter " + manifest.name() + " is closed");
        }
        if (window == null || window.length != frames) {
            throw new IllegalArgumentException("window must hold " + frames + " frames; got "
                    + (window == null ? "null" : window.length));
        }
        input.clear();
        for (float[][] frame : window) {
            assert frame.length == H36mJoints.COUNT;
            for (float[] joint : frame) {
                input.put(joint[0]).put(joint[1]);
            }
        }
        input.flip();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, inputShape);
                OrtSession.Result result = session.run(Map.of(manifest.inputName(), tensor), outputs)) {
            Optional<OnnxValue> value = result.get(manifest.outputName());
            if (value.isEmpty() || !(value.get() instanceof OnnxTensor outTensor)) {
                throw new MocapException("lifter " + manifest.name() + " produced no tensor '" + manifest.outputName() + "'");
            }
            long[] shape = outTensor.getInfo().getShape();
            long[] want = {1, outFrames, H36mJoints.COUNT, 3};
            if (!Arrays.equals(shape, want)) {
                throw new MocapException("lifter " + manifest.name() + " produced shape " + Arrays.toString(shape)
                        + "; its manifest says " + Arrays.toString(want));
            }
            FloatBuffer out = outTensor.getFloatBuffer();
            float[][][] poses = new float[outFrames][H36mJoints.COUNT][3];
            for (float[][] pose : poses) {
                for (float[] joint : pose) {
                    out.get(joint);
                }
            }
            return poses;
        } catch (OrtException e) {
            throw new MocapException("lifter " + manifest.name() + " failed in ONNX Runtime: " + e.getMessage(), e);
        }
    }

    /**
     * Frees the native session. Idempotent.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(session);
        }
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warning("closing an ONNX Runtime session failed: " + e.getMessage());
            }
        }
    }

    private static String sha256(Path file) throws ModelLoadException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new ModelLoadException("lifter model " + file + " could not be read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
        }
    }
}
