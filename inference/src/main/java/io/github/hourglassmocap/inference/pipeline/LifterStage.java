package io.github.hourglassmocap.inference.pipeline;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.RootEstimator;
import io.github.hourglassmocap.inference.lift.ScreenNormalisation;
import io.github.hourglassmocap.inference.lift.StreamingLifter;
import io.github.hourglassmocap.inference.lift.WindowModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The live lifting stage: a {@link StreamingLifter} over a window model, with the live version of gap handling
 * and a causal root path. Frames without a person (or with too few confident joints) repeat the last good 2D
 * input; after {@code maxGapFrames} such frames the poses are marked invalid (the character holds its pose)
 * until the person is back. Frames before the first person yield invalid zero poses without running the model.
 *
 * <p>Created, used and closed on the pipeline's lifting thread. Closing closes the model if it is
 * {@link AutoCloseable}.
 */
public final class LifterStage implements LiftStage {
    private static final float MIN_CONFIDENCE = 0.3f;
    private static final int MIN_JOINTS = 9;
    private final WindowModel model;
    private final StreamingLifter stream;
    private final int maxGapFrames;
    private final RootEstimator.CausalSmoother rootSmoother = new RootEstimator.CausalSmoother(0.5f);
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private RootEstimator roots;
    private float[][] lastGood;
    private float[][] lastGoodPixels;
    private float[] lastGoodWeights;
    private int gap;
    private boolean closed;

    private record Pending(Pose2dSample sample, boolean valid, float[][] pixels, float[] weights) {
    }

    /**
     * Creates the stage.
     *
     * @param model the window model (not null; owned: closed with the stage if it is AutoCloseable)
     * @param lookaheadFrames the look-ahead L (0 = causal; see {@link StreamingLifter})
     * @param stride frames per window run (&ge;1; see {@link StreamingLifter})
     * @param maxGapFrames frames without a person that are bridged by holding the last pose before poses turn
     *     invalid (&ge;0)
     */
    public LifterStage(WindowModel model, int lookaheadFrames, int stride, int maxGapFrames) {
        this.model = Objects.requireNonNull(model, "model");
        if (maxGapFrames < 0) {
            throw new IllegalArgumentException("maxGapFrames " + maxGapFrames + " must be >= 0");
        }
        this.stream = new StreamingLifter(model, lookaheadFrames, stride);
        this.maxGapFrames = maxGapFrames;
    }

    private static boolean usable(Pose2dSample s) {
        if (!s.hasPerson()) {
            return false;
        }
        int n = 0;
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            float x = s.get(j, 0);
            float y = s.get(j, 1);
            if (s.get(j, 2) >= MIN_CONFIDENCE && Float.isFinite(x) && Float.isFinite(y)) {
                n++;
            }
        }
        return n >= MIN_JOINTS;
    }

    @Override
    public List<Pose3dSample> push(Pose2dSample s) throws MocapException {
        checkOpen();
        if (roots == null) {
            roots = new RootEstimator(s.width(), s.height(), RootEstimator.defaultFocal(s.width()));
        }
        boolean valid;
        if (usable(s)) {
            float[][] px = new float[H36mJoints.COUNT][2];
            float[] w = new float[H36mJoints.COUNT];
            float[][] norm = new float[H36mJoints.COUNT][2];
            float[] tmp = new float[2];
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                float x = s.get(j, 0);
                float y = s.get(j, 1);
                boolean ok = s.get(j, 2) >= MIN_CONFIDENCE && Float.isFinite(x) && Float.isFinite(y);
                if (!ok && lastGoodPixels != null) {
                    x = lastGoodPixels[j][0];
                    y = lastGoodPixels[j][1];
                } else if (!ok) {
                    x = s.get(H36mJoints.PELVIS, 0);
                    y = s.get(H36mJoints.PELVIS, 1);
                    if (!Float.isFinite(x) || !Float.isFinite(y)) {
                        x = s.width() / 2f;
                        y = s.height() / 2f;
                    }
                }
                px[j][0] = x;
                px[j][1] = y;
                w[j] = ok ? s.get(j, 2) : 0f;
                ScreenNormalisation.normalise(x, y, s.width(), s.height(), tmp);
                norm[j][0] = tmp[0];
                norm[j][1] = tmp[1];
            }
            lastGood = norm;
            lastGoodPixels = px;
            lastGoodWeights = w;
            gap = 0;
            valid = true;
        } else {
            gap++;
            valid = lastGood != null && gap <= maxGapFrames;
        }
        if (lastGood == null) {
            // Nobody seen yet: nothing to lift, and nothing is buffered in the lifter.
            return List.of(new Pose3dSample(s.frameIndex(), s.timestampNanos(), false,
                    new float[H36mJoints.COUNT * 3], null));
        }
        pending.addLast(new Pending(s, valid, lastGoodPixels, lastGoodWeights));
        return convert(stream.push(lastGood));
    }

    @Override
    public List<Pose3dSample> flush() throws MocapException {
        checkOpen();
        return convert(stream.flush());
    }

    private List<Pose3dSample> convert(List<StreamingLifter.Emitted> got) {
        List<Pose3dSample> out = new ArrayList<>(got.size());
        for (StreamingLifter.Emitted e : got) {
            Pending p = pending.pollFirst();
            assert p != null : "lifter emitted more poses than it was given";
            float[] flat = new float[H36mJoints.COUNT * 3];
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                for (int d = 0; d < 3; d++) {
                    float v = e.joints()[j][d];
                    flat[3 * j + d] = Float.isFinite(v) ? v : 0f;
                }
            }
            float[] root = roots.solve(p.pixels(), p.weights(), e.joints());
            boolean finite = root != null && Float.isFinite(root[0]) && Float.isFinite(root[1])
                    && Float.isFinite(root[2]);
            out.add(new Pose3dSample(p.sample().frameIndex(), p.sample().timestampNanos(), p.valid(), flat,
                    finite ? rootSmoother.next(root) : null));
        }
        return out;
    }

    @Override
    public int lookaheadFrames() {
        return stream.lookahead();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("LifterStage is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (model instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                java.util.logging.Logger.getLogger(LifterStage.class.getName())
                        .warning("closing the lifter model failed: " + e);
            }
        }
    }
}
