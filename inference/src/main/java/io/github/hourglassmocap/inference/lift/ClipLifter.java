package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pipeline.Pose2dSample;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lifts a whole keypoint track to a {@link Pose3dSequence}. Offline, it fills gaps from both sides
 * ({@link GapFiller}), normalises, lifts the whole clip ({@link OfflineLifter}), recovers and smooths the root
 * path ({@link RootEstimator}) and carries the last valid pose through long gaps. Streaming, it feeds the
 * frames one by one through {@link LiveLifter}, the live pipeline's own lifting stage, so the output is what a
 * live stream of the same keypoints would give (causal gap rule, causal root smoothing).
 * Stateless apart from its settings; thread-safe if the model is used by one thread at a time.
 */
public final class ClipLifter {
    /** How frames are lifted. */
    public enum Mode {
        /** The whole clip at once; every frame has context on both sides. */
        OFFLINE,
        /** Frame by frame, each pose after a look-ahead of L frames. */
        STREAMING;

        /**
         * Parses a mode name, case-insensitively.
         *
         * @param text "offline" or "streaming" (not null)
         * @return the mode
         */
        public static Mode parse(String text) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown mode '" + text + "'; expected one of [offline, streaming]");
        }
    }

    private final Mode mode;
    private final int lookahead;
    private final int stride;
    private final boolean flip;
    private final double focalPixels;
    private final double rootSigmaFrames;
    private boolean undoSideSwaps = true;

    /**
     * Creates a lifter.
     *
     * @param mode offline or streaming (not null)
     * @param lookahead streaming look-ahead in frames (&ge;0; ignored offline)
     * @param stride frames between window runs (&ge;1, or 0 for the default: F/3 offline, 1 streaming)
     * @param flip whether to average with the mirrored input
     * @param focalPixels the camera's focal length in pixels (&gt;0), or 0 for the prior
     *     {@link RootEstimator#defaultFocal}
     */
    public ClipLifter(Mode mode, int lookahead, int stride, boolean flip, double focalPixels) {
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null; expected one of [offline, streaming]");
        }
        if (lookahead < 0) {
            throw new IllegalArgumentException("lookahead " + lookahead + " invalid; expected >= 0");
        }
        if (stride < 0) {
            throw new IllegalArgumentException("stride " + stride + " invalid; expected >= 1, or 0 for the default");
        }
        if (!(focalPixels >= 0) || Double.isInfinite(focalPixels)) {
            throw new IllegalArgumentException("focalPixels " + focalPixels + " invalid; expected > 0, or 0 for the prior");
        }
        this.mode = mode;
        this.lookahead = lookahead;
        this.stride = stride;
        this.flip = flip;
        this.focalPixels = focalPixels;
        this.rootSigmaFrames = 2.0;
    }

    /**
     * Lifts 2D joints that are already finite and normalised, without gap handling or root recovery: the
     * core used by {@link #lift} and by the lifter evaluation.
     *
     * @param model the window model (not null)
     * @param normalised [T][17][2] screen-normalised (not null, T &ge; 1, finite, unaffected)
     * @return a new array [T][17][3], root-relative metres
     * @throws MocapException if the model fails
     */
    public float[][][] liftNormalised(WindowModel model, float[][][] normalised) throws MocapException {
        WindowModel m = flip ? new FlipAveragedModel(model) : model;
        if (mode == Mode.OFFLINE) {
            int s = stride == 0 ? OfflineLifter.defaultStride(m.frames()) : stride;
            return new OfflineLifter(m, m.outputFrames() == 1 ? 1 : s).lift(normalised);
        }
        StreamingLifter stream = new StreamingLifter(m, lookahead, stride == 0 ? 1 : stride);
        float[][][] out = new float[normalised.length][][];
        List<StreamingLifter.Emitted> got = new ArrayList<>();
        for (float[][] frame : normalised) {
            got.addAll(stream.push(frame));
        }
        got.addAll(stream.flush());
        for (StreamingLifter.Emitted e : got) {
            out[e.frame()] = e.joints();
        }
        return out;
    }

    /**
     * Lifts a track.
     *
     * @param track the 2D joints (not null, unaffected)
     * @param model the window model (not null)
     * @param modelName the model's name, recorded in the output (not null)
     * @return a new sequence with one frame per track frame, every value finite
     * @throws MocapException if no frame has a person, or the model fails or returns non-finite values
     */
    public Pose3dSequence lift(KeypointTrack track, WindowModel model, String modelName) throws MocapException {
        if (mode == Mode.STREAMING) {
            return liftStreaming(track, model, modelName);
        }
        if (undoSideSwaps) {
            track = withoutSideSwaps(track);
        }
        GapFiller.Result filled = GapFiller.defaults(track.frameRateHz()).fill(track);
        int t = track.size();
        float[][][] norm = ScreenNormalisation.normalise(filled.joints(), track.width(), track.height());
        float[][][] poses = liftNormalised(model, norm);
        for (int i = 0; i < t; i++) {
            for (float[] j : poses[i]) {
                if (!Float.isFinite(j[0]) || !Float.isFinite(j[1]) || !Float.isFinite(j[2])) {
                    throw new MocapException("lifter " + modelName + " returned a non-finite value at frame " + i
                            + "; the model is broken (check it against its golden tensors)");
                }
            }
        }
        double f = focalPixels > 0 ? focalPixels : RootEstimator.defaultFocal(track.width());
        RootEstimator roots = new RootEstimator(track.width(), track.height(), f);
        float[][] root = new float[t][];
        boolean[] valid = filled.valid();
        float[] equal = new float[H36mJoints.COUNT];
        for (int i = 0; i < t; i++) {
            float[] w = filled.interpolated()[i] ? equal : filled.confidence()[i];
            root[i] = roots.solve(filled.joints()[i], w, poses[i]);
        }
        RootEstimator.smoothGaussian(root, valid, rootSigmaFrames);
        int firstValid = 0;
        while (!valid[firstValid]) {
            firstValid++;
        }
        List<Pose3dSequence.Frame> frames = new ArrayList<>(t);
        int lastValid = firstValid;
        for (int i = 0; i < t; i++) {
            if (valid[i]) {
                lastValid = i;
            }
            int src = valid[i] ? i : lastValid;
            float[] conf = valid[i] ? filled.confidence()[i].clone() : new float[H36mJoints.COUNT];
            frames.add(new Pose3dSequence.Frame(track.firstIndex() + i, track.timestampNanos(i), valid[i],
                    filled.interpolated()[i], poses[src], root[src].clone(), conf));
        }
        return new Pose3dSequence(track.source(), track.frameRateHz(), modelName, mode.name().toLowerCase(Locale.ROOT),
                0, frames);
    }

    /**
     * Streams a track through {@link LiveLifter}. Frames before the first pose the stream produces have no
     * pose yet; the file format needs one, so they carry the first valid pose and root (and stay invalid),
     * as offline.
     */
    private Pose3dSequence liftStreaming(KeypointTrack track, WindowModel model, String modelName) throws MocapException {
        int t = track.size();
        List<LiveLifter.Lifted> lifted = new ArrayList<>(t);
        try (LiveLifter live = new LiveLifter(model, modelName, lookahead, stride == 0 ? 1 : stride, flip, focalPixels,
                LiveLifter.DEFAULT_MAX_GAP_FRAMES)) {
            live.undoSideSwaps(undoSideSwaps);
            for (int i = 0; i < t; i++) {
                lifted.addAll(live.pushLifted(sample(track, i)));
            }
            lifted.addAll(live.flushLifted());
        }
        assert lifted.size() == t : lifted.size() + " frames out of " + t;
        int first = 0;
        while (first < t && lifted.get(first).pose().root() == null) {
            first++;
        }
        if (first == t) {
            throw new DecodeException("no frame of " + track.source() + " has a person with at least " + LiveLifter.MIN_JOINTS
                    + " joints of confidence >= " + LiveLifter.MIN_CONFIDENCE + "; there is nothing to lift");
        }
        List<Pose3dSequence.Frame> frames = new ArrayList<>(t);
        for (int i = 0; i < t; i++) {
            LiveLifter.Lifted l = lifted.get(i);
            Pose3dSample p = lifted.get(Math.max(i, first)).pose();
            frames.add(new Pose3dSequence.Frame(track.firstIndex() + i, track.timestampNanos(i), l.pose().valid(), l.held(),
                    unflatten(p.joints()), p.root().clone(), l.confidence()));
        }
        return new Pose3dSequence(track.source(), track.frameRateHz(), modelName, mode.name().toLowerCase(Locale.ROOT),
                lookahead, frames);
    }

    /**
     * Whether brief left/right swaps of the 2D stage are undone before lifting ({@link SideSwaps}: decided over the
     * whole clip offline, forward only when streaming; on by default).
     *
     * @param on false to lift the 2D joints as labelled
     * @return this lifter
     */
    public ClipLifter undoSideSwaps(boolean on) {
        undoSideSwaps = on;
        return this;
    }

    /**
     * Applies this lifter's side-swap rule to joints in pixels, each taken as fully confident: what {@link #lift}
     * does to a track before lifting (offline over the whole clip, streaming forward only), for callers that lift
     * with {@link #liftNormalised} (the evaluator).
     *
     * @param uv [T][17][2] pixels (not null, unaffected)
     * @return a new array [T][17][2]; a copy when the rule is off
     */
    public float[][][] undoSideSwaps(float[][][] uv) {
        int t = uv.length;
        float[][][] joints = new float[t][H36mJoints.COUNT][];
        boolean[] person = new boolean[t];
        for (int i = 0; i < t; i++) {
            person[i] = true;
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                joints[i][j] = new float[] {uv[i][j][0], uv[i][j][1], 1f};
            }
        }
        if (undoSideSwaps && mode == Mode.OFFLINE) {
            joints = SideSwaps.fix(person, joints, SideSwaps.DEFAULT_SWAP_COST);
        } else if (undoSideSwaps) {
            SideSwaps.Live live = new SideSwaps.Live(SideSwaps.DEFAULT_SWAP_COST);
            for (float[][] frame : joints) {
                live.apply(frame);
            }
        }
        float[][][] out = new float[t][H36mJoints.COUNT][];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                out[i][j] = new float[] {joints[i][j][0], joints[i][j][1]};
            }
        }
        return out;
    }

    /**
     * Returns the track with the brief left/right swaps {@link SideSwaps#fix} finds undone.
     *
     * @param track the track (not null, unaffected)
     * @return a new track
     */
    static KeypointTrack withoutSideSwaps(KeypointTrack track) {
        int t = track.size();
        boolean[] person = new boolean[t];
        long[] stamps = new long[t];
        float[][][] joints = new float[t][][];
        for (int i = 0; i < t; i++) {
            person[i] = track.person(i);
            stamps[i] = track.timestampNanos(i);
            joints[i] = track.joints(i);
        }
        return new KeypointTrack(track.source(), track.width(), track.height(), track.frameRateHz(), track.firstIndex(),
                stamps, person, SideSwaps.fix(person, joints, SideSwaps.DEFAULT_SWAP_COST));
    }

    /**
     * Returns one frame of a track as the pipeline's 2D sample.
     *
     * @param track the track (not null)
     * @param i the 0-based frame (0..size-1)
     * @return a new sample; no person when the track has none in that frame
     */
    static Pose2dSample sample(KeypointTrack track, int i) {
        float[] flat = null;
        if (track.person(i)) {
            float[][] j = track.joints(i);
            flat = new float[H36mJoints.COUNT * Pose2dSample.STRIDE];
            for (int k = 0; k < H36mJoints.COUNT; k++) {
                System.arraycopy(j[k], 0, flat, k * Pose2dSample.STRIDE, Pose2dSample.STRIDE);
            }
        }
        return new Pose2dSample(track.firstIndex() + i, Math.max(0, track.timestampNanos(i)), track.width(), track.height(),
                flat);
    }

    private static float[][] unflatten(float[] joints) {
        float[][] r = new float[H36mJoints.COUNT][3];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            System.arraycopy(joints, 3 * j, r[j], 0, 3);
        }
        return r;
    }
}
