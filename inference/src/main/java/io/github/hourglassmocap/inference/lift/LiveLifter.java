package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pipeline.LiftStage;
import io.github.hourglassmocap.inference.pipeline.Pose2dSample;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The one streaming lifter: a {@link StreamingLifter} over a window model, with causal gap handling and a
 * causally smoothed root path. Each frame's pose comes out once the frame L (look-ahead) frames later has
 * arrived. The live pipeline uses it as its {@link LiftStage}, and {@code mocap lift --mode streaming}
 * ({@link ClipLifter.Mode#STREAMING}) feeds a keypoints file through the same class, so the command
 * measures exactly what a live stream produces.
 *
 * <p>Gaps, causally: a frame is usable when it has a person with at least 9 joints of confidence &ge; 0.3;
 * its other joints keep their last usable position. An unusable frame repeats the last usable 2D joints;
 * the first {@code maxGapFrames} frames of a gap stay {@code valid} (the lifter sees a held pose), later
 * ones are marked invalid and repeat the last valid 3D pose and root. Frames before the first person
 * come out at once as invalid zero poses with no root. Nothing is ever NaN.
 *
 * <p>When built over a {@link PoseLifter} it owns it: {@link #close()} closes it (idempotent). Used by one
 * thread.
 */
public final class LiveLifter implements LiftStage {
    /** Frames of a gap that stay valid by default: a third of a second at 30 fps. */
    public static final int DEFAULT_MAX_GAP_FRAMES = 10;

    static final float MIN_CONFIDENCE = 0.3f;
    static final int MIN_JOINTS = 9;

    /**
     * One lifted frame with what a pose file records besides the pose.
     *
     * @param pose the pose as the pipeline carries it
     * @param held true when the frame's 2D input was not usable and the last usable one was held
     * @param confidence [17] the 2D confidence of each joint (0 where it was filled in; owned by the receiver)
     */
    record Lifted(Pose3dSample pose, boolean held, float[] confidence) {
    }

    private record Pending(Pose2dSample sample, boolean valid, boolean held, float[][] pixels, float[] weights) {
    }

    private final PoseLifter owned;
    private final String modelName;
    private final StreamingLifter stream;
    private final int maxGapFrames;
    private final double focalPixels;
    private final RootEstimator.CausalSmoother smoother = new RootEstimator.CausalSmoother(0.5f);
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private RootEstimator roots;
    private float[][] lastPixels;
    private int gapRun;
    private float[] lastJoints;
    private float[] lastRoot;
    private boolean closed;
    private SideSwaps.Live sideSwaps = new SideSwaps.Live(SideSwaps.DEFAULT_SWAP_COST);

    /**
     * Creates a stage around an open lifter.
     *
     * @param lifter the model (not null; owned and closed by this stage)
     * @param lookahead frames of look-ahead (0..F-1)
     * @param stride frames per window run (1..F-L); 1 gives every frame its own window
     * @param flip whether to average with the mirrored input (twice the cost)
     * @param focalPixels the camera's focal length in pixels, or 0 for {@link RootEstimator#defaultFocal}
     * @param maxGapFrames the longest gap that stays valid (&ge;0)
     */
    public LiveLifter(PoseLifter lifter, int lookahead, int stride, boolean flip, double focalPixels, int maxGapFrames) {
        this(lifter, lifter == null ? null : lifter.manifest().name(), lifter, lookahead, stride, flip, focalPixels,
                maxGapFrames);
    }

    /**
     * Creates a stage around a window model it does not own (for example to lift a whole keypoints file).
     *
     * @param model the model (not null; not closed by this stage)
     * @param modelName the model's name, for error messages (not null)
     * @param lookahead frames of look-ahead (0..F-1)
     * @param stride frames per window run (1..F-L)
     * @param flip whether to average with the mirrored input (twice the cost)
     * @param focalPixels the camera's focal length in pixels, or 0 for {@link RootEstimator#defaultFocal}
     * @param maxGapFrames the longest gap that stays valid (&ge;0)
     */
    LiveLifter(WindowModel model, String modelName, int lookahead, int stride, boolean flip, double focalPixels,
            int maxGapFrames) {
        this(model, modelName, null, lookahead, stride, flip, focalPixels, maxGapFrames);
    }

    private LiveLifter(WindowModel lifter, String modelName, PoseLifter owned, int lookahead, int stride, boolean flip,
            double focalPixels, int maxGapFrames) {
        if (lifter == null || modelName == null) {
            throw new IllegalArgumentException("lifter and its name must not be null");
        }
        if (!(focalPixels >= 0) || Double.isInfinite(focalPixels)) {
            throw new IllegalArgumentException("focalPixels " + focalPixels + " invalid; expected > 0, or 0 for the prior");
        }
        if (maxGapFrames < 0) {
            throw new IllegalArgumentException("maxGapFrames " + maxGapFrames + " invalid; expected >= 0");
        }
        this.owned = owned;
        this.modelName = modelName;
        this.stream = new StreamingLifter(flip ? new FlipAveragedModel(lifter) : lifter, lookahead, stride);
        this.focalPixels = focalPixels;
        this.maxGapFrames = maxGapFrames;
    }

    /**
     * Opens a model and wraps it.
     *
     * @param model the .onnx file with its manifest (not null)
     * @param options runtime options (not null)
     * @param lookahead frames of look-ahead (0..F-1)
     * @param stride frames per window run (1..F-L)
     * @return a new stage, to be closed by the caller
     * @throws ModelLoadException if the model cannot be loaded
     */
    public static LiveLifter open(Path model, LifterOptions options, int lookahead, int stride) throws ModelLoadException {
        PoseLifter l = PoseLifter.open(model, options);
        try {
            return new LiveLifter(l, lookahead, stride, false, 0, DEFAULT_MAX_GAP_FRAMES);
        } catch (IllegalArgumentException e) {
            l.close();
            throw e;
        }
    }

    /**
     * Whether brief left/right swaps of the 2D stage are undone before lifting ({@link SideSwaps}; on by default).
     *
     * @param on false to lift the 2D joints as labelled
     * @return this stage
     */
    public LiveLifter undoSideSwaps(boolean on) {
        sideSwaps = on ? new SideSwaps.Live(SideSwaps.DEFAULT_SWAP_COST) : null;
        return this;
    }

    @Override
    public int lookaheadFrames() {
        return stream.lookahead();
    }

    @Override
    public List<Pose3dSample> push(Pose2dSample sample) throws MocapException {
        return poses(pushLifted(sample));
    }

    @Override
    public List<Pose3dSample> flush() throws MocapException {
        return poses(flushLifted());
    }

    private static List<Pose3dSample> poses(List<Lifted> lifted) {
        List<Pose3dSample> out = new ArrayList<>(lifted.size());
        for (Lifted l : lifted) {
            out.add(l.pose());
        }
        return out;
    }

    /**
     * Adds the next frame and returns the frames that became ready, with their gap flags and confidences.
     *
     * @param sample the frame's 2D joints (not null)
     * @return a new list, possibly empty, in frame order
     * @throws MocapException if the model fails or returns a non-finite value
     */
    List<Lifted> pushLifted(Pose2dSample sample) throws MocapException {
        if (closed) {
            throw new IllegalStateException("LiveLifter is closed");
        }
        if (sample == null) {
            throw new IllegalArgumentException("sample must not be null");
        }
        if (roots == null) {
            roots = new RootEstimator(sample.width(), sample.height(),
                    focalPixels > 0 ? focalPixels : RootEstimator.defaultFocal(sample.width()));
        }
        float[][] pixels = new float[H36mJoints.COUNT][2];
        float[] weights = new float[H36mJoints.COUNT];
        int observed = 0;
        if (sample.hasPerson()) {
            float[][] frame = new float[H36mJoints.COUNT][];
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                frame[j] = new float[] {sample.get(j, 0), sample.get(j, 1), sample.get(j, 2)};
            }
            if (sideSwaps != null) {
                sideSwaps.apply(frame);
            }
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                float x = frame[j][0];
                float y = frame[j][1];
                float c = frame[j][2];
                if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(c) && c >= MIN_CONFIDENCE) {
                    pixels[j][0] = x;
                    pixels[j][1] = y;
                    weights[j] = Math.min(1f, c);
                    observed++;
                }
            }
        }
        boolean usable = observed >= MIN_JOINTS;
        if (!usable && lastPixels == null) {
            // No person seen yet: nothing to lift or hold.
            return List.of(new Lifted(new Pose3dSample(sample.frameIndex(), sample.timestampNanos(), false,
                    new float[H36mJoints.COUNT * 3], null), true, new float[H36mJoints.COUNT]));
        }
        boolean valid;
        if (usable) {
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                if (weights[j] == 0) {
                    pixels[j] = lastPixels != null ? lastPixels[j].clone() : centroid(pixels, weights);
                }
            }
            gapRun = 0;
            valid = true;
        } else {
            gapRun++;
            pixels = copy(lastPixels);
            java.util.Arrays.fill(weights, 1f);
            valid = gapRun <= maxGapFrames;
        }
        lastPixels = copy(pixels);
        pending.add(new Pending(sample, valid, !usable, pixels, weights));
        float[][] norm = new float[H36mJoints.COUNT][2];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            ScreenNormalisation.normalise(pixels[j][0], pixels[j][1], sample.width(), sample.height(), norm[j]);
        }
        return convert(stream.push(norm));
    }

    /**
     * Ends the stream: emits every frame still waiting for its look-ahead.
     *
     * @return a new list, possibly empty, in frame order
     * @throws MocapException if the model fails or returns a non-finite value
     */
    List<Lifted> flushLifted() throws MocapException {
        if (closed) {
            throw new IllegalStateException("LiveLifter is closed");
        }
        return convert(stream.flush());
    }

    private List<Lifted> convert(List<StreamingLifter.Emitted> emitted) throws MocapException {
        List<Lifted> out = new ArrayList<>(emitted.size());
        for (StreamingLifter.Emitted e : emitted) {
            Pending p = pending.poll();
            assert p != null : "emitted frame " + e.frame() + " without a pending input";
            float[] joints = new float[H36mJoints.COUNT * 3];
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                for (int k = 0; k < 3; k++) {
                    float v = e.joints()[j][k];
                    if (!Float.isFinite(v)) {
                        throw new MocapException("lifter " + modelName + " returned a non-finite value at frame "
                                + p.sample().frameIndex() + "; the model is broken (check it against its golden tensors)");
                    }
                    joints[j * 3 + k] = v;
                }
            }
            if (p.valid()) {
                float[] root = smoother.next(roots.solve(p.pixels(), p.weights(), e.joints()));
                lastJoints = joints;
                lastRoot = root;
                float[] conf = p.held() ? new float[H36mJoints.COUNT] : p.weights();
                out.add(new Lifted(new Pose3dSample(p.sample().frameIndex(), p.sample().timestampNanos(), true, joints,
                        root.clone()), p.held(), conf));
            } else {
                out.add(new Lifted(new Pose3dSample(p.sample().frameIndex(), p.sample().timestampNanos(), false,
                        lastJoints != null ? lastJoints.clone() : joints, lastRoot != null ? lastRoot.clone() : null),
                        p.held(), new float[H36mJoints.COUNT]));
            }
        }
        return out;
    }

    private static float[][] copy(float[][] a) {
        float[][] r = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
        }
        return r;
    }

    private static float[] centroid(float[][] pixels, float[] weights) {
        float sx = 0;
        float sy = 0;
        int n = 0;
        for (int j = 0; j < pixels.length; j++) {
            if (weights[j] > 0) {
                sx += pixels[j][0];
                sy += pixels[j][1];
                n++;
            }
        }
        return new float[] {sx / n, sy / n};
    }

    /** Closes the model if this stage owns it; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (owned != null) {
                owned.close();
            }
        }
    }
}
