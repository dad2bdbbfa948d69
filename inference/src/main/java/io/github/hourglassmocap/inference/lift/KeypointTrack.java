package io.github.hourglassmocap.inference.lift;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.io.JsonCheck;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * The 2D joints of a clip as the lifter needs them, read from a keypoints file (docs/formats.md,
 * "Keypoints"): per frame whether a person was found and the 17 joints (x, y in pixels, confidence).
 * Frames missing from the file (a jump in {@code index}) become frames without a person. Coordinates
 * may be NaN (a joint the detector could not place); {@link GapFiller} deals with them. Immutable: the
 * accessors return copies.
 */
public final class KeypointTrack {
    /** The keypoints file versions this reader understands. */
    public static final List<Integer> SUPPORTED_VERSIONS = List.of(1);
    /** The largest image width or height accepted, in pixels. */
    public static final int MAX_IMAGE_SIZE = KeypointsFile.MAX_IMAGE_SIZE;
    /** The highest frame rate accepted, in Hz. */
    public static final double MAX_FRAME_RATE_HZ = KeypointsFile.MAX_FRAME_RATE_HZ;
    /** The largest keypoint coordinate magnitude accepted, in pixels. */
    public static final double MAX_PIXELS = KeypointsFile.MAX_PIXELS;
    /**
     * How many frames the indices may skip in all, beyond as many as the file lists: a minute's worth at the
     * file's rate. Missing frames cost memory like present ones, so a file cannot make the reader allocate
     * much more than its own content.
     */
    public static final double MAX_SKIPPED_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(KeypointTrack.class.getName());

    private final String source;
    private final int width;
    private final int height;
    private final double frameRateHz;
    private final int firstIndex;
    private final long[] timestampNanos;
    private final boolean[] person;
    private final float[][][] joints;

    /**
     * Creates a track from arrays.
     *
     * @param source where the keypoints came from (not null)
     * @param width image width in pixels (&gt;0)
     * @param height image height in pixels (&gt;0)
     * @param frameRateHz frames per second (&gt;0, finite)
     * @param firstIndex the index of the first frame (&ge;0)
     * @param timestampNanos per frame (not null, length T, copied)
     * @param person per frame: whether a person was found (not null, length T, copied)
     * @param joints per frame [17][3]: x, y (pixels, top-left origin), confidence; NaN allowed; ignored
     *     where {@code person} is false (not null, length T, copied)
     */
    public KeypointTrack(String source, int width, int height, double frameRateHz, int firstIndex,
            long[] timestampNanos, boolean[] person, float[][][] joints) {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " invalid; expected positive");
        }
        if (!(frameRateHz > 0) || Double.isInfinite(frameRateHz)) {
            throw new IllegalArgumentException("frameRateHz " + frameRateHz + " invalid; expected > 0 and finite");
        }
        int t = person.length;
        if (timestampNanos.length != t || joints.length != t) {
            throw new IllegalArgumentException("timestampNanos, person and joints must have the same length; got "
                    + timestampNanos.length + ", " + t + ", " + joints.length);
        }
        this.source = source;
        this.width = width;
        this.height = height;
        this.frameRateHz = frameRateHz;
        this.firstIndex = firstIndex;
        this.timestampNanos = timestampNanos.clone();
        this.person = person.clone();
        this.joints = new float[t][H36mJoints.COUNT][3];
        for (int i = 0; i < t; i++) {
            if (joints[i] == null || joints[i].length != H36mJoints.COUNT) {
                throw new IllegalArgumentException("joints[" + i + "] must hold 17 joints");
            }
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                System.arraycopy(joints[i][j], 0, this.joints[i][j], 0, 3);
            }
        }
    }

    /**
     * Reads a keypoints file.
     *
     * @param path the file (not null)
     * @return a new track with at least one frame
     * @throws MocapIOException if the file cannot be read
     * @throws DecodeException if it is not a keypoints file of a supported version, or holds no frames
     */
    public static KeypointTrack read(Path path) throws MocapException {
        JsonCheck check = new JsonCheck("keypoints file " + path);
        JsonObject root = check.object(check.read(path, "; make one with 'mocap keypoints <video>'"), "");
        validate(check, root);
        try {
            return parse(path, root);
        } catch (ClassCastException | IllegalStateException | UnsupportedOperationException | NumberFormatException
                | NullPointerException e) {
            throw new DecodeException("keypoints file " + path + " has a missing field or one of the wrong type ("
                    + e + "); expected the fields of docs/formats.md, \"Keypoints\"", e);
        }
    }

    /**
     * Checks every field {@link #parse} uses for its type and range, and the span of the frame indices against
     * the frames listed, before anything is allocated.
     */
    private static void validate(JsonCheck c, JsonObject root) throws DecodeException {
        if (!root.has("version")) {
            throw c.fail("version", null, "one of the supported versions " + SUPPORTED_VERSIONS);
        }
        long version = c.integer(root.get("version"), "version", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (!SUPPORTED_VERSIONS.contains((int) version)) {
            throw c.fail("version", root.get("version"), "one of the supported versions " + SUPPORTED_VERSIONS
                    + " (re-create it with this version's 'mocap keypoints')");
        }
        c.integer(root.get("width"), "width", 1, MAX_IMAGE_SIZE);
        c.integer(root.get("height"), "height", 1, MAX_IMAGE_SIZE);
        double fps = root.has("frameRateHz") ? c.number(root.get("frameRateHz"), "frameRateHz", 1e-3, MAX_FRAME_RATE_HZ, false)
                : 30.0;
        if (!root.has("frames")) {
            return;
        }
        JsonArray frames = c.array(root.get("frames"), "frames", 0, Integer.MAX_VALUE);
        long first = -1;
        long last = -1;
        for (int k = 0; k < frames.size(); k++) {
            String at = "frames[" + k + "]";
            JsonObject f = c.object(frames.get(k), at);
            long index = f.has("index") ? c.integer(f.get("index"), at + ".index", 0, Integer.MAX_VALUE) : last + 1;
            if (index <= last) {
                throw c.fail(at + ".index", f.get("index"), "increasing indices: one above the previous frame's (" + last + ")");
            }
            first = first < 0 ? index : first;
            last = index;
            long allowed = frames.size() + (long) Math.ceil(MAX_SKIPPED_SECONDS * fps);
            if (last - first + 1 > allowed + frames.size()) {
                throw c.fail(at + ".index", f.get("index"), "an index at most " + (first + 2 * frames.size() + allowed - frames.size() - 1)
                        + ": the file lists " + frames.size() + " frames, and its indices may skip at most as many frames as it"
                        + " lists plus " + (long) MAX_SKIPPED_SECONDS + " s worth");
            }
            if (f.has("timestampNanos")) {
                c.integer(f.get("timestampNanos"), at + ".timestampNanos", Long.MIN_VALUE, Long.MAX_VALUE);
            }
            boolean person = !f.has("person") || c.bool(f.get("person"), at + ".person");
            if (person && f.get("joints17") != null && !f.get("joints17").isJsonNull()) {
                JsonArray a = c.array(f.get("joints17"), at + ".joints17", H36mJoints.COUNT, H36mJoints.COUNT);
                for (int j = 0; j < a.size(); j++) {
                    String ji = at + ".joints17[" + j + "]";
                    JsonArray p = c.array(a.get(j), ji, 2, 3);
                    c.number(p.get(0), ji + "[0]", -MAX_PIXELS, MAX_PIXELS, true);
                    c.number(p.get(1), ji + "[1]", -MAX_PIXELS, MAX_PIXELS, true);
                    if (p.size() > 2) {
                        c.number(p.get(2), ji + "[2]", 0, 1, true);
                    }
                }
            }
        }
    }

    private static KeypointTrack parse(Path path, JsonObject root) throws DecodeException {
        if (!root.has("version")) {
            throw new DecodeException("keypoints file " + path + " has no \"version\"; supported: " + SUPPORTED_VERSIONS);
        }
        int version = root.get("version").getAsInt();
        if (!SUPPORTED_VERSIONS.contains(version)) {
            throw new DecodeException("keypoints file " + path + " has version " + version + "; supported: "
                    + SUPPORTED_VERSIONS + " (re-create it with this version's 'mocap keypoints')");
        }
        int width = root.get("width").getAsInt();
        int height = root.get("height").getAsInt();
        if (width <= 0 || height <= 0) {
            throw new DecodeException("keypoints file " + path + " gives the image size " + width + "x" + height
                    + "; expected positive width and height");
        }
        double fps = root.has("frameRateHz") ? root.get("frameRateHz").getAsDouble() : 30.0;
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new DecodeException("keypoints file " + path + " gives frameRateHz " + fps + "; expected > 0");
        }
        JsonArray frames = root.has("frames") ? root.getAsJsonArray("frames") : new JsonArray();
        if (frames.isEmpty()) {
            throw new DecodeException("keypoints file " + path + " holds no frames; nothing to lift");
        }
        String source = root.has("source") && root.get("source").isJsonPrimitive()
                ? root.get("source").getAsString() : path.toString();
        int first = -1;
        int last = -1;
        for (int k = 0; k < frames.size(); k++) {
            JsonObject f = frames.get(k).getAsJsonObject();
            int index = f.has("index") ? f.get("index").getAsInt() : (last + 1);
            if (index < 0 || index <= last) {
                throw new DecodeException("keypoints file " + path + ": frame " + k + " has index " + index
                        + " after index " + last + "; indices must be non-negative and increasing");
            }
            if (first < 0) {
                first = index;
            }
            last = index;
        }
        int t = last - first + 1;
        long period = Math.round(1e9 / fps);
        long[] ts = new long[t];
        boolean[] person = new boolean[t];
        boolean[] present = new boolean[t];
        float[][][] joints = new float[t][H36mJoints.COUNT][3];
        last = first - 1;
        for (int k = 0; k < frames.size(); k++) {
            JsonObject f = frames.get(k).getAsJsonObject();
            int index = f.has("index") ? f.get("index").getAsInt() : (last + 1);
            last = index;
            int i = index - first;
            present[i] = true;
            ts[i] = f.has("timestampNanos") ? f.get("timestampNanos").getAsLong() : (long) index * period;
            person[i] = !f.has("person") || f.get("person").getAsBoolean();
            JsonElement jointsElement = f.get("joints17");
            if (person[i] && (jointsElement == null || jointsElement.isJsonNull())) {
                throw new DecodeException("keypoints file " + path + ": frame index " + index
                        + " has a person but no \"joints17\"");
            }
            if (person[i]) {
                JsonArray a = jointsElement.getAsJsonArray();
                if (a.size() != H36mJoints.COUNT) {
                    throw new DecodeException("keypoints file " + path + ": frame index " + index + " has "
                            + a.size() + " joints17 entries; expected 17 [x, y, confidence]");
                }
                for (int j = 0; j < H36mJoints.COUNT; j++) {
                    JsonArray p = a.get(j).getAsJsonArray();
                    if (p.size() < 2) {
                        throw new DecodeException("keypoints file " + path + ": frame index " + index + " joint " + j
                                + " has " + p.size() + " values; expected [x, y, confidence]");
                    }
                    joints[i][j][0] = number(p.get(0));
                    joints[i][j][1] = number(p.get(1));
                    joints[i][j][2] = p.size() > 2 ? number(p.get(2)) : 1f;
                }
            }
        }
        int missing = 0;
        for (int i = 0; i < t; i++) {
            if (!present[i]) {
                missing++;
                ts[i] = missingFrameTime(ts, present, i, period);
            }
        }
        if (missing > 0) {
            LOG.warning("keypoints file " + path + " lacks " + missing + " of the frames " + first + ".." + (first + t - 1)
                    + "; they are treated as frames without a person");
        }
        return new KeypointTrack(source, width, height, fps, first, ts, person, joints);
    }

    /**
     * The time of a frame missing from the file (a live run's dropped frame): between its present neighbours in
     * proportion to the index, so a variable-frame-rate file's times stay in order; one nominal period on from
     * the last present frame at the end. The first frame is always present.
     */
    static long missingFrameTime(long[] ts, boolean[] present, int i, long period) {
        int before = i - 1;
        while (!present[before]) {
            before--;
        }
        int after = i + 1;
        while (after < present.length && !present[after]) {
            after++;
        }
        if (after == present.length) {
            return ts[before] + (long) (i - before) * period;
        }
        return ts[before] + Math.round((double) (ts[after] - ts[before]) * (i - before) / (after - before));
    }

    private static float number(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return Float.NaN;
        }
        return (float) e.getAsDouble();
    }

    /**
     * Returns where the keypoints came from.
     *
     * @return the source (not null)
     */
    public String source() {
        return source;
    }

    /**
     * Returns the image width.
     *
     * @return pixels (&gt;0)
     */
    public int width() {
        return width;
    }

    /**
     * Returns the image height.
     *
     * @return pixels (&gt;0)
     */
    public int height() {
        return height;
    }

    /**
     * Returns the frame rate.
     *
     * @return frames per second (&gt;0)
     */
    public double frameRateHz() {
        return frameRateHz;
    }

    /**
     * Returns the number of frames, counting frames missing from the file.
     *
     * @return T (&ge;0)
     */
    public int size() {
        return person.length;
    }

    /**
     * Returns the file index of frame 0 of this track.
     *
     * @return the first index (&ge;0)
     */
    public int firstIndex() {
        return firstIndex;
    }

    /**
     * Returns one frame's timestamp.
     *
     * @param frame 0-based position in the track (0..size-1)
     * @return nanoseconds
     */
    public long timestampNanos(int frame) {
        return timestampNanos[frame];
    }

    /**
     * Returns whether a person was found in a frame.
     *
     * @param frame 0-based position in the track (0..size-1)
     * @return true if the frame has joints
     */
    public boolean person(int frame) {
        return person[frame];
    }

    /**
     * Returns one frame's joints.
     *
     * @param frame 0-based position in the track (0..size-1)
     * @return a new array [17][3]: x, y in pixels, confidence (NaN possible; zeros when no person)
     */
    public float[][] joints(int frame) {
        float[][] r = new float[H36mJoints.COUNT][];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            r[j] = joints[frame][j].clone();
        }
        return r;
    }
}
