package io.github.hourglassmocap.inference.pipeline;

import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.model.ModelStore;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.PoseTracker;
import io.github.hourglassmocap.inference.pose2d.PoseTrackerOptions;
import io.github.hourglassmocap.inference.pose2d.StageTimes;
import io.github.hourglassmocap.inference.video.Frame;
import java.util.Objects;

/**
 * The BlazePose 2D stage for the pipeline: a {@link PoseTracker} (detector when tracking is lost, landmark
 * model otherwise) whose {@link Keypoints2D} result travels in {@link Pose2dSample#landmarks()}.
 */
public final class TrackerStage implements Pose2dStage {
    private final PoseTracker tracker;
    private StageTimes lastTimes = StageTimes.ZERO;
    private boolean closed;

    /**
     * Wraps a tracker.
     *
     * @param tracker the tracker (not null; owned: closed with the stage)
     */
    public TrackerStage(PoseTracker tracker) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    /**
     * Returns a factory that opens the tracker on the worker thread.
     *
     * @param model the landmark model (lite, full or heavy; not null)
     * @param threads interpreter threads (1..64)
     * @return a new factory; each call of it loads the models (from the per-user cache) anew
     */
    public static StageFactory<TrackerStage> factory(PoseModelFile model, int threads) {
        Objects.requireNonNull(model, "model");
        PoseTrackerOptions opts = PoseTrackerOptions.defaults().withModel(model).withThreads(threads);
        return () -> open(opts);
    }

    /**
     * Opens a tracker with the models from the per-user store.
     *
     * @param options the tracker options (not null)
     * @return a new stage
     * @throws ModelLoadException if the models cannot be obtained or loaded
     */
    public static TrackerStage open(PoseTrackerOptions options) throws ModelLoadException {
        return new TrackerStage(new PoseTracker(options, ModelStore.fromEnvironment()));
    }

    /**
     * Converts the tracker's result to the pipeline's sample.
     *
     * @param k the tracker's result (not null)
     * @return a new sample carrying {@code k} as its landmarks
     */
    public static Pose2dSample toSample(Keypoints2D k) {
        float[] j = null;
        if (k.hasPerson()) {
            j = new float[H36mJoints.COUNT * Pose2dSample.STRIDE];
            for (int i = 0; i < H36mJoints.COUNT; i++) {
                j[3 * i] = k.jointX(i);
                j[3 * i + 1] = k.jointY(i);
                j[3 * i + 2] = k.jointConfidence(i);
            }
        }
        return new Pose2dSample(k.frameIndex(), k.timestampNanos(), k.width(), k.height(), j, k);
    }

    @Override
    public Pose2dSample detect(Frame frame) {
        if (closed) {
            throw new IllegalStateException("TrackerStage is closed");
        }
        Keypoints2D k = tracker.process(frame);
        lastTimes = tracker.lastTimes();
        return toSample(k);
    }

    /**
     * Returns the per-stage times of the last frame.
     *
     * @return the times (not null)
     */
    public StageTimes lastTimes() {
        return lastTimes;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tracker.close();
        }
    }
}
