package io.github.hourglassmocap.inference.video;

import io.github.hourglassmocap.inference.DecodeException;

/**
 * A source of decoded frames: a video file, a webcam, an image folder, or a file replayed at its real rate.
 * Implementations are native resources: {@link #close()} is idempotent and any use after it throws
 * {@link IllegalStateException}.
 */
public interface FrameSource extends AutoCloseable {
    /**
     * Grabs the next frame, blocking until it is available (a live source) or decoded (a file).
     *
     * @return the next frame, valid until the next grab (see {@link Frame}), or null at the end of the source
     * @throws DecodeException if the source failed: it names the source and what went wrong
     */
    Frame grab() throws DecodeException;

    /**
     * Returns the nominal frame rate.
     *
     * @return frames per second (&gt;0)
     */
    double frameRateHz();

    /**
     * Returns whether frames arrive in real time (webcam or replay-as-live) rather than as fast as decoded.
     *
     * @return true for live sources
     */
    boolean isLive();

    /**
     * Describes the source for messages and file headers, for example "file:/tmp/a.mp4" or "webcam:0".
     *
     * @return a short description (not null)
     */
    String describe();

    @Override
    void close();
}
