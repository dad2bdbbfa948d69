package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.util.Random;

/**
 * Evaluates a lifter on 3D motion: each take is cut into segments, each segment is filmed by its own
 * {@link SyntheticCamera} (drawn as in training, looking at the segment's mean pelvis), projected,
 * optionally given detector-like noise, screen-normalised, lifted with a {@link ClipLifter} and compared
 * with the camera-frame truth ({@link PoseMetrics}). Seeded: the same seed, takes and settings give the
 * same cameras and noise. Also counts model windows and their time. Not thread-safe.
 */
public final class LifterEvaluator {
    /** Frames per camera segment: 10 s at 30 fps. */
    public static final int DEFAULT_SEGMENT_FRAMES = 300;

    private final WindowModel model;
    private final ClipLifter lifter;
    private final boolean noise;
    private final int segmentFrames;
    private final Random rng;
    private final PoseMetrics metrics = new PoseMetrics();
    private long windows;
    private long modelNanos;

    /**
     * Creates an evaluator.
     *
     * @param model the model (not null)
     * @param lifter how to lift (mode, look-ahead, stride, flip) (not null)
     * @param noise whether to add detector-like noise to the 2D joints
     * @param seed the seed for cameras and noise
     * @param segmentFrames frames per camera segment (&ge;1)
     */
    public LifterEvaluator(WindowModel model, ClipLifter lifter, boolean noise, long seed, int segmentFrames) {
        if (model == null || lifter == null) {
            throw new IllegalArgumentException("model and lifter must not be null");
        }
        if (segmentFrames < 1) {
            throw new IllegalArgumentException("segmentFrames " + segmentFrames + " invalid; expected >= 1");
        }
        this.model = model;
        this.lifter = lifter;
        this.noise = noise;
        this.segmentFrames = segmentFrames;
        this.rng = new Random(seed);
    }

    /**
     * Evaluates one take.
     *
     * @param world [T][17][3] joint positions in metres, world frame with Y up, at the model's frame rate
     *     (not null, T &ge; 1, finite, unaffected)
     * @throws MocapException if the model fails
     */
    public void add(float[][][] world) throws MocapException {
        WindowModel timed = new WindowModel() {
            @Override
            public int frames() {
                return model.frames();
            }

            @Override
            public int outputFrames() {
                return model.outputFrames();
            }

            @Override
            public float[][][] run(float[][][] window) throws MocapException {
                long t0 = System.nanoTime();
                float[][][] y = model.run(window);
                modelNanos += System.nanoTime() - t0;
                windows++;
                return y;
            }
        };
        for (int start = 0; start < world.length; start += segmentFrames) {
            int len = Math.min(segmentFrames, world.length - start);
            float[][][] seg = new float[len][][];
            System.arraycopy(world, start, seg, 0, len);
            double[] centre = new double[3];
            for (float[][] f : seg) {
                for (int k = 0; k < 3; k++) {
                    centre[k] += f[H36mJoints.PELVIS][k] / (double) len;
                }
            }
            SyntheticCamera cam = SyntheticCamera.sample(rng, centre);
            float[][][] pc = cam.toCamera(seg);
            float[][][] uv = cam.project(pc);
            if (noise) {
                uv = SyntheticCamera.detectorNoise(uv, rng, model.frames());
            }
            uv = lifter.undoSideSwaps(uv);   // as lift() does to a keypoint track (a no-op copy when it is off)
            float[][][] pred = lifter.liftNormalised(timed, ScreenNormalisation.normalise(uv, cam.width(), cam.height()));
            float[][] previousTruth = null;
            for (int t = 0; t < len; t++) {
                float[][] truth = new float[H36mJoints.COUNT][3];
                for (int j = 0; j < H36mJoints.COUNT; j++) {
                    for (int k = 0; k < 3; k++) {
                        truth[j][k] = pc[t][j][k] - pc[t][H36mJoints.PELVIS][k];
                    }
                }
                metrics.add(pred[t], truth);
                if (previousTruth != null) {
                    metrics.addVelocity(pred[t - 1], pred[t], previousTruth, truth);
                }
                previousTruth = truth;
            }
        }
    }

    /**
     * Returns the accumulated metrics.
     *
     * @return the shared metrics object
     */
    public PoseMetrics metrics() {
        return metrics;
    }

    /**
     * Returns how many model windows ran.
     *
     * @return the count
     */
    public long windows() {
        return windows;
    }

    /**
     * Returns the mean time of one model window.
     *
     * @return milliseconds (NaN before any window)
     */
    public double msPerWindow() {
        return modelNanos / 1e6 / windows;
    }
}
