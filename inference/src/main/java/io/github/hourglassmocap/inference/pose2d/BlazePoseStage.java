package io.github.hourglassmocap.inference.pose2d;

import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.model.ModelStore;
import io.github.hourglassmocap.inference.pipeline.Pose2dSample;
import io.github.hourglassmocap.inference.pipeline.Pose2dStage;
import io.github.hourglassmocap.inference.video.Frame;

/**
 * The BlazePose tracker as the streaming pipeline's 2D stage: each frame's 17 joints, or no person. Create it
 * on the worker thread that uses it (a {@code StageFactory} such as {@code () -> BlazePoseStage.create(options)}).
 * {@link #close()} is idempotent; use after it throws {@link IllegalStateException}.
 */
public final class BlazePoseStage implements Pose2dStage {
    private final PoseTracker tracker;

    /**
     * Wraps a tracker, which the stage then owns and closes.
     *
     * @param tracker the tracker (not null)
     */
    public BlazePoseStage(PoseTracker tracker) {
        if (tracker == null) {
            throw new IllegalArgumentException("tracker must not be null");
        }
        this.tracker = tracker;
    }

    /**
     * Creates a stage with models from the per-user {@link ModelStore}.
     *
     * @param options the tracker settings (not null)
     * @return a new stage
     * @throws ModelLoadException if a model cannot be obtained or loaded
     */
    public static BlazePoseStage create(PoseTrackerOptions options) throws ModelLoadException {
        return new BlazePoseStage(new PoseTracker(options, ModelStore.fromEnvironment()));
    }

    /**
     * Returns the wrapped tracker (for its stage times).
     *
     * @return the tracker (shared)
     */
    public PoseTracker tracker() {
        return tracker;
    }

    @Override
    public Pose2dSample detect(Frame frame) {
        Keypoints2D k = tracker.process(frame);
        return new Pose2dSample(k.frameIndex(), k.timestampNanos(), k.width(), k.height(), k.joints17());
    }

    @Override
    public void close() {
        tracker.close();
    }
}
