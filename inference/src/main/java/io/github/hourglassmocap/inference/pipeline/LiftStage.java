package io.github.hourglassmocap.inference.pipeline;

import io.github.hourglassmocap.inference.MocapException;
import java.util.List;

/**
 * The lifting stage as the pipeline sees it: 2D samples in, in frame order; 3D poses out, in frame order,
 * possibly later than their input (a look-ahead of L frames emits frame i when frame i+L arrives). An
 * implementation is created, used and closed on one worker thread.
 */
public interface LiftStage extends AutoCloseable {
    /**
     * Pushes the next frame's 2D joints.
     *
     * @param sample the 2D sample (not null)
     * @return the poses that became ready, oldest first (a new or empty list, never null)
     * @throws MocapException if the model failed
     */
    List<Pose3dSample> push(Pose2dSample sample) throws MocapException;

    /**
     * Ends the stream: emits every pose still held back for look-ahead.
     *
     * @return the remaining poses, oldest first (never null)
     * @throws MocapException if the model failed
     */
    List<Pose3dSample> flush() throws MocapException;

    /**
     * Returns how many frames a pose is held back for look-ahead.
     *
     * @return the look-ahead (in frames, &ge;0)
     */
    int lookaheadFrames();

    /** Releases native resources; idempotent. */
    @Override
    void close();
}
