package io.github.hourglassmocap.inference.pose2d;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.FrameSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a {@link PoseTracker} over a {@link FrameSource} (video file, webcam, replay-as-live) and hands each
 * frame's result to a listener the moment it is computed. Either blocking on the caller's thread
 * ({@link #run()}) or on its own daemon thread ({@link #start()}), in which case {@link #latest()} gives the
 * newest result to a render loop without blocking.
 *
 * <p>The runner owns neither the source nor the tracker: the caller closes them after the runner has
 * stopped. {@link #close()} stops the thread and waits for it; it is idempotent.
 */
public final class PoseStreamRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PoseStreamRunner.class.getName());

    /** Receives results on the runner's thread, in frame order. */
    public interface Listener {
        /**
         * Called once per frame, as soon as its result is ready.
         *
         * @param result the frame's result (not null)
         * @param frame the frame itself, valid only during the call (copy it to keep it)
         * @throws MocapException to stop the run (it is reported to {@link #onEnd})
         */
        void onResult(Keypoints2D result, Frame frame) throws MocapException;

        /**
         * Called once when the run ends: at the end of the source, on {@link #close()}, or after a failure.
         *
         * @param failure what stopped the run, or null for a normal end
         */
        default void onEnd(Exception failure) {
        }
    }

    private final FrameSource source;
    private final PoseTracker tracker;
    private final Listener listener;
    private final AtomicReference<Keypoints2D> latest = new AtomicReference<>();
    private volatile boolean stopRequested;
    private Thread thread;
    private boolean used;

    /**
     * Creates a runner.
     *
     * @param source the frames (not null; not closed by the runner)
     * @param tracker the tracker (not null; not closed by the runner; used only by the runner while it runs)
     * @param listener receives the results (not null)
     */
    public PoseStreamRunner(FrameSource source, PoseTracker tracker, Listener listener) {
        if (source == null || tracker == null || listener == null) {
            throw new IllegalArgumentException("source, tracker and listener must not be null");
        }
        this.source = source;
        this.tracker = tracker;
        this.listener = listener;
    }

    private synchronized void claim() {
        if (used) {
            throw new IllegalStateException("PoseStreamRunner runs once; create a new one");
        }
        used = true;
    }

    /**
     * Processes the whole source on the calling thread.
     *
     * @return the number of frames processed
     * @throws MocapException if decoding fails or the listener stops the run
     */
    public long run() throws MocapException {
        claim();
        return loop();
    }

    private long loop() throws MocapException {
        long n = 0;
        Exception failure = null;
        try {
            Frame f;
            while (!stopRequested && (f = source.grab()) != null) {
                Keypoints2D k = tracker.process(f);
                latest.set(k);
                listener.onResult(k, f);
                n++;
            }
            return n;
        } catch (MocapException | RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            listener.onEnd(failure);
        }
    }

    /**
     * Starts processing on a new daemon thread and returns at once.
     */
    public void start() {
        claim();
        thread = new Thread(() -> {
            try {
                loop();
            } catch (MocapException | RuntimeException e) {
                LOG.log(Level.WARNING, "pose stream from " + source.describe() + " stopped", e);
            }
        }, "pose-stream");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Returns the newest result.
     *
     * @return the last frame's result, or null before the first (shared, immutable)
     */
    public Keypoints2D latest() {
        return latest.get();
    }

    /**
     * Returns whether the background thread is still running.
     *
     * @return true while running
     */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /**
     * Asks the run to stop after the current frame and waits for the thread (if started) to end. A listener
     * may call it from inside {@link Listener#onResult} to end the run after that frame.
     */
    @Override
    public void close() {
        stopRequested = true;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
