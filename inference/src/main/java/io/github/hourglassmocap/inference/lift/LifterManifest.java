package io.github.hourglassmocap.inference.lift;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.internal.io.JsonCheck;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The manifest that travels with a lifter model ({@code docs/formats.md}, "Lifter model"): window
 * length, joint order, input and output tensor names and shapes, normalisation, checksum. Immutable.
 * Reading validates everything the runtime relies on, so a manifest that loads is one the runtime can use.
 */
public final class LifterManifest {
    /** The manifest versions this reader understands. */
    public static final List<Integer> SUPPORTED_VERSIONS = List.of(1);
    /** The longest window accepted, in frames. */
    public static final int MAX_FRAMES = 4096;

    private final Path source;
    private final String name;
    private final String architecture;
    private final int frames;
    private final String inputName;
    private final long[] inputShape;
    private final String outputName;
    private final long[] outputShape;
    private final String sha256;
    private final long flopsPerWindow;
    private final boolean recommended;

    private LifterManifest(Path source, String name, String architecture, int frames, String inputName,
            long[] inputShape, String outputName, long[] outputShape, String sha256, long flopsPerWindow,
            boolean recommended) {
        this.source = source;
        this.name = name;
        this.architecture = architecture;
        this.frames = frames;
        this.inputName = inputName;
        this.inputShape = inputShape;
        this.outputName = outputName;
        this.outputShape = outputShape;
        this.sha256 = sha256;
        this.flopsPerWindow = flopsPerWindow;
        this.recommended = recommended;
    }

    /**
     * Returns whether the manifest recommends its model ({@code "recommended": true}): the model an architecture tag
     * finds among several of that architecture ({@link ShippedLifters#resolve(String)}).
     *
     * @return the manifest's {@code recommended}, false when absent
     */
    public boolean recommended() {
        return recommended;
    }

    /**
     * Returns the manifest path that belongs to a model: the same folder and base name, {@code .json}.
     *
     * @param model the {@code .onnx} file (not null)
     * @return a new path, for example {@code hot.json} for {@code hot.onnx}
     */
    public static Path manifestPathFor(Path model) {
        String file = model.getFileName().toString();
        String base = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
        return model.resolveSibling(base + ".json");
    }

    /**
     * Reads and validates a manifest.
     *
     * @param path the manifest file (not null, readable)
     * @return a new manifest
     * @throws ModelLoadException if the file is missing, not JSON, of an unknown version, or describes
     *     something the runtime cannot run (the message names the field and the expected value)
     */
    public static LifterManifest read(Path path) throws ModelLoadException {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException("lifter manifest " + path + " not found; every model.onnx needs its"
                    + " model.json next to it (docs/formats.md, \"Lifter model\")");
        }
        JsonCheck check = new JsonCheck("lifter manifest " + path);
        JsonObject root;
        try {
            root = check.object(check.read(path, ""), "");
            validate(check, root);
        } catch (MocapException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
        try {
            return parse(path, root);
        } catch (ClassCastException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new ModelLoadException("lifter manifest " + path + " has a field of the wrong type (" + e.getMessage()
                    + "); expected the fields of docs/formats.md, \"Lifter model\"", e);
        }
    }

    /** Checks the type and range of every field {@link #parse} reads (present ones; parse reports missing ones). */
    private static void validate(JsonCheck c, JsonObject root) throws MocapException {
        long min = Integer.MIN_VALUE;
        if (has(root, "version")) {
            c.integer(root.get("version"), "version", min, Integer.MAX_VALUE);
        }
        if (has(root, "name")) {
            c.string(root.get("name"), "name", true);
        }
        if (root.has("architecture")) {
            c.string(root.get("architecture"), "architecture", false);
        }
        if (has(root, "frames")) {
            c.integer(root.get("frames"), "frames", 1, MAX_FRAMES);
        }
        if (has(root, "joints")) {
            c.integer(root.get("joints"), "joints", min, Integer.MAX_VALUE);
        }
        if (root.has("jointOrder")) {
            com.google.gson.JsonArray order = c.array(root.get("jointOrder"), "jointOrder", 0, 1000);
            for (int i = 0; i < order.size(); i++) {
                c.string(order.get(i), "jointOrder[" + i + "]", false);
            }
        }
        for (String side : new String[] {"input", "output"}) {
            if (!has(root, side)) {
                continue;
            }
            JsonObject o = c.object(root.get(side), side);
            if (has(o, "name")) {
                c.string(o.get("name"), side + ".name", true);
            }
            if (has(o, "shape")) {
                com.google.gson.JsonArray shape = c.array(o.get("shape"), side + ".shape", 1, 8);
                for (int i = 0; i < shape.size(); i++) {
                    c.integer(shape.get(i), side + ".shape[" + i + "]", 0, 1L << 31);
                }
            }
        }
        if (has(root, "input") && root.getAsJsonObject("input").has("normalisation")) {
            c.string(root.getAsJsonObject("input").get("normalisation"), "input.normalisation", false);
        }
        if (has(root, "output") && root.getAsJsonObject("output").has("rootRelative")) {
            c.bool(root.getAsJsonObject("output").get("rootRelative"), "output.rootRelative");
        }
        if (root.has("sha256")) {
            c.string(root.get("sha256"), "sha256", false);
        }
        for (String key : new String[] {"flopsPerWindow", "flops"}) {
            if (root.has(key) && root.get(key).isJsonPrimitive()) {
                c.integer(root.get(key), key, -1, Long.MAX_VALUE);
            }
        }
    }

    private static boolean has(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull();
    }

    private static LifterManifest parse(Path path, JsonObject root) throws ModelLoadException {
        int version = require(path, root, "version").getAsInt();
        if (!SUPPORTED_VERSIONS.contains(version)) {
            throw new ModelLoadException("lifter manifest " + path + " has version " + version
                    + "; expected one this runtime supports: " + SUPPORTED_VERSIONS);
        }
        String name = require(path, root, "name").getAsString();
        String architecture = root.has("architecture") ? root.get("architecture").getAsString() : "unknown";
        int frames = require(path, root, "frames").getAsInt();
        if (frames < 1) {
            throw new ModelLoadException("lifter manifest " + path + ": frames is " + frames + "; expected >= 1");
        }
        int joints = require(path, root, "joints").getAsInt();
        if (joints != H36mJoints.COUNT) {
            throw new ModelLoadException("lifter manifest " + path + ": joints is " + joints + "; expected "
                    + H36mJoints.COUNT + " (Human3.6M order)");
        }
        if (root.has("jointOrder")) {
            List<String> order = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("jointOrder")) {
                order.add(e.getAsString());
            }
            if (!order.equals(H36mJoints.names())) {
                throw new ModelLoadException("lifter manifest " + path + ": jointOrder " + order
                        + " differs from assets/skeleton/h36m17.json; expected " + H36mJoints.names());
            }
        }
        JsonObject input = require(path, root, "input").getAsJsonObject();
        JsonObject output = require(path, root, "output").getAsJsonObject();
        String inputName = require(path, input, "input.name").getAsString();
        String outputName = require(path, output, "output.name").getAsString();
        long[] inShape = shape(require(path, input, "input.shape").getAsJsonArray());
        long[] outShape = shape(require(path, output, "output.shape").getAsJsonArray());
        String norm = input.has("normalisation") ? input.get("normalisation").getAsString() : "screen";
        if (!"screen".equals(norm)) {
            throw new ModelLoadException("lifter manifest " + path + ": input.normalisation '" + norm
                    + "' is not supported; expected one of [screen]");
        }
        long[] wantIn = {1, frames, H36mJoints.COUNT, 2};
        if (!Arrays.equals(inShape, wantIn)) {
            throw new ModelLoadException("lifter manifest " + path + ": input.shape " + Arrays.toString(inShape)
                    + " does not match frames=" + frames + "; expected " + Arrays.toString(wantIn));
        }
        if (outShape.length != 4 || outShape[0] != 1 || (outShape[1] != frames && outShape[1] != 1)
                || outShape[2] != H36mJoints.COUNT || outShape[3] != 3) {
            throw new ModelLoadException("lifter manifest " + path + ": output.shape " + Arrays.toString(outShape)
                    + " is not supported; expected [1, " + frames + ", 17, 3] or [1, 1, 17, 3]");
        }
        if (output.has("rootRelative") && !output.get("rootRelative").getAsBoolean()) {
            throw new ModelLoadException("lifter manifest " + path + ": output.rootRelative is false; the runtime"
                    + " needs a root-relative model");
        }
        String sha = root.has("sha256") ? root.get("sha256").getAsString() : null;
        long flops = -1;
        for (String key : new String[] {"flopsPerWindow", "flops"}) {
            if (root.has(key) && root.get(key).isJsonPrimitive()) {
                flops = root.get(key).getAsLong();
                break;
            }
        }
        boolean recommended = false;
        if (root.has("recommended")) {
            JsonElement r = root.get("recommended");
            if (!r.isJsonPrimitive() || !r.getAsJsonPrimitive().isBoolean()) {
                throw new ModelLoadException("lifter manifest " + path + ": recommended is " + r
                        + "; expected true or false");
            }
            recommended = r.getAsBoolean();
        }
        return new LifterManifest(path, name, architecture, frames, inputName, inShape, outputName, outShape, sha, flops,
                recommended);
    }

    private static JsonElement require(Path path, JsonObject o, String key) throws ModelLoadException {
        String leaf = key.contains(".") ? key.substring(key.indexOf('.') + 1) : key;
        JsonElement e = o.get(leaf);
        if (e == null || e.isJsonNull()) {
            throw new ModelLoadException("lifter manifest " + path + " lacks the field '" + key + "'; expected the fields of"
                    + " docs/formats.md, \"Lifter model\"");
        }
        return e;
    }

    private static long[] shape(JsonArray a) {
        long[] r = new long[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsLong();
        }
        return r;
    }

    /**
     * Returns the file this manifest was read from.
     *
     * @return the path (shared)
     */
    public Path source() {
        return source;
    }

    /**
     * Returns the model's name.
     *
     * @return the name (not null)
     */
    public String name() {
        return name;
    }

    /**
     * Returns the architecture tag (hot, mixste, tpc, ...).
     *
     * @return the tag, or "unknown" when the manifest has none
     */
    public String architecture() {
        return architecture;
    }

    /**
     * Returns the window length F.
     *
     * @return frames per window (&ge;1)
     */
    public int frames() {
        return frames;
    }

    /**
     * Returns how many frames one window yields: F (sequence to sequence) or 1 (the centre frame).
     *
     * @return 1 or {@link #frames()}
     */
    public int outputFrames() {
        return (int) outputShape[1];
    }

    /**
     * Returns the name of the input tensor.
     *
     * @return the name (not null)
     */
    public String inputName() {
        return inputName;
    }

    /**
     * Returns the input shape [1, F, 17, 2].
     *
     * @return a new array
     */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /**
     * Returns the name of the output tensor.
     *
     * @return the name (not null)
     */
    public String outputName() {
        return outputName;
    }

    /**
     * Returns the output shape [1, F or 1, 17, 3].
     *
     * @return a new array
     */
    public long[] outputShape() {
        return outputShape.clone();
    }

    /**
     * Returns the expected SHA-256 of the model file.
     *
     * @return lower-case hex, or null when the manifest has none
     */
    public String sha256() {
        return sha256;
    }

    /**
     * Returns the model's multiply-add count per window, as recorded by the exporter.
     *
     * @return FLOPs per window, or -1 when the manifest does not say
     */
    public long flopsPerWindow() {
        return flopsPerWindow;
    }
}
