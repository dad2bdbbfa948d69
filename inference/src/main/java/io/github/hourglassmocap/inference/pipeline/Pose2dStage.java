package io.github.hourglassmocap.inference.pipeline;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.video.Frame;

/**
 * The 2D stage as the pipeline sees it: one frame in, the 17 joints (or no person) out. An implementation is
 * created, used and closed on one worker thread, so it need not be thread-safe.
 */
public interface Pose2dStage extends AutoCloseable {
    /**
     * Finds the person in one frame.
     *
     * @param frame the frame (not null, unaffected; valid only during this call)
     * @return the joints (not null; {@link Pose2dSample#hasPerson()} false when nobody is visible)
     * @throws MocapException if the model failed
     */
    Pose2dSample detect(Frame frame) throws MocapException;

    /** Releases native resources; idempotent. */
    @Override
    void close();
}
