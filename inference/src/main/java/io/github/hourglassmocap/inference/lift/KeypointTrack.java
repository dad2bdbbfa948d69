package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * The 2D joints of a clip as the lifter needs them, built from a keypoints file (docs/formats.md,
 * "Keypoints") as {@link KeypointsFile#read}, its one reader, returns it: per frame whether a person was found and the 17 joints (x, y in pixels, confidence).
 * Frames missing from the file (a jump in {@code index}) become frames without a person. Coordinates
 * may be NaN (a joint the detector could not place); {@link GapFiller} deals with them. Immutable: the
 * accessors return copies.
 */
public final class KeypointTrack {
    /** The keypoints file versions this reader understands. */
    public static final List<Integer> SUPPORTED_VERSIONS = List.of(KeypointsFile.VERSION);
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
     * Reads a keypoints file with {@link KeypointsFile#read}, the one reader of the format, and builds the track
     * from its frames ({@link #of}).
     *
     * @param path the file (not null)
     * @return a new track with at least one frame
     * @throws MocapIOException if the file cannot be read
     * @throws DecodeException if it is not a keypoints file of a supported version, holds no frames, or its
     *     indices skip too many frames
     */
    public static KeypointTrack read(Path path) throws MocapException {
        return of(KeypointsFile.read(path), "keypoints file " + path);
    }

    /**
     * Builds a track from a keypoints file's contents. Frames missing from the file (a jump in {@code index})
     * become frames without a person, timed between their present neighbours. The indices may skip at most as
     * many frames as the file lists plus {@link #MAX_SKIPPED_SECONDS} worth, checked before the track is
     * allocated.
     *
     * @param contents what {@link KeypointsFile#read} returned (not null; indices increasing)
     * @param what names the file in messages, e.g. "keypoints file kp.json" (not null)
     * @return a new track with at least one frame
     * @throws DecodeException if there are no frames or the indices skip too many frames
     */
    public static KeypointTrack of(KeypointsFile.Contents contents, String what) throws DecodeException {
        List<Keypoints2D> frames = contents.frames();
        KeypointsFile.Header h = contents.header();
        if (frames.isEmpty()) {
            throw new DecodeException(what + " holds no frames; nothing to lift");
        }
        long first = frames.get(0).frameIndex();
        long allowed = 2L * frames.size() + (long) Math.ceil(MAX_SKIPPED_SECONDS * h.frameRateHz());
        for (int k = 0; k < frames.size(); k++) {
            long index = frames.get(k).frameIndex();
            if (index - first + 1 > allowed) {
                throw new DecodeException(what + ": field \"frames[" + k + "].index\" is the number " + index
                        + "; expected an index at most " + (first + allowed - 1) + ": the file lists " + frames.size()
                        + " frames, and its indices may skip at most as many frames as it lists plus "
                        + (long) MAX_SKIPPED_SECONDS + " s worth");
            }
        }
        int t = (int) (frames.get(frames.size() - 1).frameIndex() - first + 1);
        long period = Math.round(1e9 / h.frameRateHz());
        long[] ts = new long[t];
        boolean[] person = new boolean[t];
        boolean[] present = new boolean[t];
        float[][][] joints = new float[t][H36mJoints.COUNT][3];
        for (Keypoints2D k : frames) {
            int i = (int) (k.frameIndex() - first);
            present[i] = true;
            ts[i] = k.timestampNanos();
            person[i] = k.hasPerson();
            if (person[i]) {
                for (int j = 0; j < H36mJoints.COUNT; j++) {
                    joints[i][j][0] = k.jointX(j);
                    joints[i][j][1] = k.jointY(j);
                    joints[i][j][2] = k.jointConfidence(j);
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
            LOG.warning(what + " lacks " + missing + " of the frames " + first + ".." + (first + t - 1)
                    + "; they are treated as frames without a person");
        }
        return new KeypointTrack(h.source(), h.width(), h.height(), h.frameRateHz(), (int) first, ts, person, joints);
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
