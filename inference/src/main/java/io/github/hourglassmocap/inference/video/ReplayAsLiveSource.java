package io.github.hourglassmocap.inference.video;

import io.github.hourglassmocap.inference.DecodeException;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays any source as if it were a camera: each frame is released when its timestamp comes due on a
 * {@link LiveClock}, counting from the first grab, so code written for a webcam can be run and tested on a
 * video file or image folder. {@link #isLive()} is true.
 *
 * <p>If the consumer falls behind (it takes longer per frame than the frame period), a camera would not queue
 * frames for it. With {@code dropLateFrames} the replay behaves the same: a frame that is already more than
 * one frame period overdue when grabbed is skipped, and the next one is tried; frame indices then jump, which
 * is how a consumer sees drops (the last frames may be dropped too, as a camera's would). Without it every
 * frame is delivered, as soon as it is due or at once if late.
 *
 * <p>Closing this closes the wrapped source. A {@link DecodeException} from the wrapped source passes through;
 * an unexpected runtime failure in it is turned into one naming the source. After a failure every further
 * grab throws again. Not thread-safe.
 */
public final class ReplayAsLiveSource implements FrameSource {
    private static final Logger LOG = Logger.getLogger(ReplayAsLiveSource.class.getName());

    private final FrameSource source;
    private final LiveClock clock;
    private final boolean dropLateFrames;
    private final long periodNanos;
    private long originNanos;
    private boolean started;
    private long dropped;
    private long delivered;
    private Frame pending;
    private DecodeException failure;
    private boolean closed;

    /**
     * Wraps a source, pacing it on the real clock and dropping frames the consumer is too slow for.
     *
     * @param source the source to pace (not null; owned: closed with this one)
     */
    public ReplayAsLiveSource(FrameSource source) {
        this(source, LiveClock.system(), true);
    }

    /**
     * Wraps a source.
     *
     * @param source the source to pace (not null; owned: closed with this one)
     * @param clock the clock to pace by (not null; {@link LiveClock#system()} outside tests)
     * @param dropLateFrames true to skip frames more than one period overdue, as a camera would
     */
    public ReplayAsLiveSource(FrameSource source, LiveClock clock, boolean dropLateFrames) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dropLateFrames = dropLateFrames;
        double rate = source.frameRateHz();
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("source " + source.describe() + " has frame rate " + rate + "; need > 0");
        }
        this.periodNanos = Math.round(1e9 / rate);
    }

    @Override
    public Frame grab() throws DecodeException {
        ensureOpen();
        if (failure != null) {
            throw new DecodeException(failure.getMessage(), failure);
        }
        Frame frame = pending != null ? pending : next();
        pending = null;
        if (frame == null) {
            return null;
        }
        if (!started) {
            started = true;
            originNanos = clock.nanoTime() - frame.timestampNanos();
        }
        while (dropLateFrames && clock.nanoTime() - due(frame) > periodNanos) {
            dropped++;
            frame = next();
            if (frame == null) {
                return null;
            }
        }
        long wait = due(frame) - clock.nanoTime();
        if (wait > 0) {
            try {
                clock.sleepNanos(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending = frame.copy();
                throw new DecodeException("interrupted while waiting for frame " + frame.frameIndex() + " of "
                        + describe() + "; grab again to continue", e);
            }
        }
        delivered++;
        return frame;
    }

    private long due(Frame frame) {
        return originNanos + frame.timestampNanos();
    }

    private Frame next() throws DecodeException {
        try {
            return source.grab();
        } catch (DecodeException e) {
            failure = e;
            throw e;
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            failure = new DecodeException("source " + source.describe() + " failed after " + delivered
                    + " frames: " + e, e);
            throw failure;
        }
    }

    /**
     * Returns how many frames were skipped because the consumer was late.
     *
     * @return the count so far (&ge;0; always 0 without dropping)
     */
    public long droppedFrames() {
        return dropped;
    }

    @Override
    public double frameRateHz() {
        ensureOpen();
        return source.frameRateHz();
    }

    @Override
    public boolean isLive() {
        ensureOpen();
        return true;
    }

    @Override
    public String describe() {
        return "live:" + source.describe();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending = null;
        if (dropped > 0) {
            LOG.log(Level.FINE, "{0}: dropped {1} late frames, delivered {2}", new Object[] {describe(), dropped, delivered});
        }
        source.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ReplayAsLiveSource " + describe() + " is closed");
        }
    }
}
