package io.github.hourglassmocap.inference.lift;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import io.github.hourglassmocap.inference.internal.io.JsonCheck;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lifted clip: per frame 17 root-relative 3D joints and the root's position in camera space
 * (docs/formats.md, "3D poses"). Immutable; every value is finite.
 *
 * @param source the keypoints file it was lifted from (not null)
 * @param frameRateHz frames per second (&gt;0)
 * @param model the lifter's name (not null)
 * @param mode "offline" or "streaming" (not null)
 * @param lookaheadFrames the streaming look-ahead (0 for offline)
 * @param frames the frames in order (not null, copied)
 */
public record Pose3dSequence(String source, double frameRateHz, String model, String mode, int lookaheadFrames,
        List<Frame> frames) {
    /** The format version written. */
    public static final int VERSION = 1;
    /** The largest distance of a joint from the pelvis accepted when reading, per axis, in metres. */
    public static final double MAX_JOINT_METRES = 100;
    /** The largest root coordinate magnitude accepted when reading, in metres. */
    public static final double MAX_ROOT_METRES = 1e6;

    /**
     * One frame.
     *
     * @param index the frame's index in the keypoints file
     * @param timestampNanos the frame's time
     * @param valid false inside a long gap without a person (the pose is then the last valid one)
     * @param interpolated true when the 2D input of this frame was interpolated
     * @param joints [17][3] metres, camera frame, root-relative
     * @param root [3] the pelvis in camera space, metres
     * @param confidence [17] the 2D confidence of each joint (0 where it was filled in)
     */
    public record Frame(int index, long timestampNanos, boolean valid, boolean interpolated, float[][] joints,
            float[] root, float[] confidence) {
        /**
         * Creates a frame, checking it.
         */
        public Frame {
            if (joints == null || joints.length != H36mJoints.COUNT || root == null || root.length != 3
                    || confidence == null || confidence.length != H36mJoints.COUNT) {
                throw new IllegalArgumentException("frame " + index + " needs 17 joints, a 3-value root and 17 confidences");
            }
            for (float[] j : joints) {
                if (j.length != 3 || !finite(j)) {
                    throw new IllegalArgumentException("frame " + index + " has a joint that is not 3 finite values");
                }
            }
            if (!finite(root) || !finite(confidence)) {
                throw new IllegalArgumentException("frame " + index + " has a non-finite root or confidence");
            }
        }
    }

    /**
     * Creates a sequence.
     */
    public Pose3dSequence {
        if (source == null || model == null || mode == null || frames == null) {
            throw new IllegalArgumentException("source, model, mode and frames must not be null");
        }
        frames = List.copyOf(frames);
    }

    private static boolean finite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the sequence as JSON, atomically (a temporary file in the same folder, then a rename).
     *
     * @param path the file to write (not null; its folder must exist)
     * @throws MocapIOException if writing fails
     */
    public void write(Path path) throws MocapIOException {
        write(path, null);
    }

    /**
     * Writes the sequence as JSON, atomically, naming the run that wrote it ({@code "runId"} in the header), so
     * that files of different runs in one folder can be told apart.
     *
     * @param path the file to write (not null; its folder must exist)
     * @param runId the run's id (null to leave it out)
     * @throws MocapIOException if writing fails
     */
    public void write(Path path, String runId) throws MocapIOException {
        try {
            AtomicFiles.write(path, out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                writeJson(w, runId);
                w.flush();
            });
        } catch (IOException e) {
            throw new MocapIOException("could not write 3D poses to " + path + ": " + e.getMessage(), e);
        }
    }

    private void writeJson(Writer w, String runId) throws IOException {
        JsonObject head = new JsonObject();
        head.addProperty("source", source);
        String run = runId == null ? "" : ", \"runId\": " + new com.google.gson.JsonPrimitive(runId);
        w.write("{\"version\": " + VERSION + run + ", \"source\": " + head.get("source") + ", \"frameRateHz\": " + num(frameRateHz)
                + ", \"model\": " + new com.google.gson.JsonPrimitive(model) + ", \"mode\": "
                + new com.google.gson.JsonPrimitive(mode) + ", \"lookaheadFrames\": " + lookaheadFrames
                + ", \"joints\": " + jointNames() + ",\n \"frames\": [");
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            StringBuilder sb = new StringBuilder(1200);
            sb.append(i == 0 ? "\n  " : ",\n  ");
            sb.append("{\"index\": ").append(f.index()).append(", \"timestampNanos\": ").append(f.timestampNanos())
                    .append(", \"valid\": ").append(f.valid()).append(", \"interpolated\": ").append(f.interpolated())
                    .append(", \"joints\": [");
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                sb.append(j == 0 ? "" : ", ").append(vec(f.joints()[j]));
            }
            sb.append("], \"root\": ").append(vec(f.root())).append(", \"confidence\": [");
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                sb.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", f.confidence()[j]));
            }
            sb.append("]}");
            w.write(sb.toString());
        }
        w.write("\n ]}\n");
    }

    private static String jointNames() {
        JsonArray a = new JsonArray();
        H36mJoints.names().forEach(a::add);
        return a.toString();
    }

    private static String vec(float[] v) {
        return String.format(Locale.ROOT, "[%.5f, %.5f, %.5f]", v[0], v[1], v[2]);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Reads a sequence written by {@link #write}.
     *
     * @param path the file (not null)
     * @return a new sequence
     * @throws MocapIOException if the file cannot be read
     * @throws DecodeException if it is not a 3D pose file of a supported version
     */
    public static Pose3dSequence read(Path path) throws MocapException {
        JsonCheck check = new JsonCheck("3D pose file " + path);
        JsonObject root = check.object(check.read(path, ""), "");
        validate(check, root);
        try {
            int version = root.get("version").getAsInt();
            if (version != VERSION) {
                throw new DecodeException("3D pose file " + path + " has version " + version + "; supported: [" + VERSION + "]");
            }
            List<Frame> frames = new ArrayList<>();
            for (var e : root.getAsJsonArray("frames")) {
                JsonObject f = e.getAsJsonObject();
                float[][] joints = new float[H36mJoints.COUNT][];
                JsonArray ja = f.getAsJsonArray("joints");
                for (int j = 0; j < H36mJoints.COUNT; j++) {
                    joints[j] = floats(ja.get(j).getAsJsonArray());
                }
                frames.add(new Frame(f.get("index").getAsInt(), f.get("timestampNanos").getAsLong(),
                        f.get("valid").getAsBoolean(), f.get("interpolated").getAsBoolean(), joints,
                        floats(f.getAsJsonArray("root")), floats(f.getAsJsonArray("confidence"))));
            }
            return new Pose3dSequence(root.get("source").getAsString(), root.get("frameRateHz").getAsDouble(),
                    root.get("model").getAsString(), root.get("mode").getAsString(),
                    root.get("lookaheadFrames").getAsInt(), frames);
        } catch (NullPointerException | ClassCastException | IllegalStateException | IndexOutOfBoundsException
                | IllegalArgumentException e) {
            throw new DecodeException("3D pose file " + path + " is malformed (" + e + "); expected the fields of"
                    + " docs/formats.md, \"3D poses\"", e);
        }
    }

    /**
     * Checks every field {@link #read} uses for its type and range: finite joints within
     * {@value #MAX_JOINT_METRES} m of the pelvis, a root within {@value #MAX_ROOT_METRES} m, confidences in
     * [0, 1], increasing indices, a frame rate in (0, 1000] Hz.
     */
    private static void validate(JsonCheck c, JsonObject root) throws DecodeException {
        long version = c.integer(root.get("version"), "version", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (version != VERSION) {
            throw c.fail("version", root.get("version"), "a supported version: [" + VERSION + "]");
        }
        c.string(root.get("source"), "source", false);
        c.number(root.get("frameRateHz"), "frameRateHz", 1e-3, 1000, false);
        c.string(root.get("model"), "model", false);
        c.string(root.get("mode"), "mode", false);
        c.integer(root.get("lookaheadFrames"), "lookaheadFrames", 0, 100_000);
        JsonArray frames = c.array(root.get("frames"), "frames", 0, Integer.MAX_VALUE);
        long last = -1;
        for (int k = 0; k < frames.size(); k++) {
            String at = "frames[" + k + "]";
            JsonObject f = c.object(frames.get(k), at);
            last = c.increasingIndex(f, at, last);
            c.integer(f.get("timestampNanos"), at + ".timestampNanos", Long.MIN_VALUE, Long.MAX_VALUE);
            c.bool(f.get("valid"), at + ".valid");
            c.bool(f.get("interpolated"), at + ".interpolated");
            JsonArray joints = c.array(f.get("joints"), at + ".joints", H36mJoints.COUNT, H36mJoints.COUNT);
            for (int j = 0; j < joints.size(); j++) {
                vector(c, joints.get(j), at + ".joints[" + j + "]", MAX_JOINT_METRES);
            }
            vector(c, f.get("root"), at + ".root", MAX_ROOT_METRES);
            JsonArray conf = c.array(f.get("confidence"), at + ".confidence", H36mJoints.COUNT, H36mJoints.COUNT);
            for (int j = 0; j < conf.size(); j++) {
                c.number(conf.get(j), at + ".confidence[" + j + "]", 0, 1, false);
            }
        }
    }

    private static void vector(JsonCheck c, com.google.gson.JsonElement e, String field, double limit)
            throws DecodeException {
        JsonArray a = c.array(e, field, 3, 3);
        for (int i = 0; i < 3; i++) {
            c.number(a.get(i), field + "[" + i + "]", -limit, limit, false);
        }
    }

    private static float[] floats(JsonArray a) {
        float[] r = new float[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsFloat();
        }
        return r;
    }
}
