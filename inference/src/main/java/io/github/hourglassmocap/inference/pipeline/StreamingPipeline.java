package io.github.hourglassmocap.inference.pipeline;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.FrameSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Capture, 2D and lifting on three worker threads joined by bounded queues. In {@link PipelineMode#LIVE}
 * a full queue drops its oldest frame (counted in {@link PipelineStats#framesDropped()}); in
 * {@link PipelineMode#RECORD} it blocks the producer, so no frame is lost. Results are collected without
 * blocking through {@link #poll()}, which is what a render thread calls.
 *
 * <p>Each worker creates its own resource (source or stage) from its factory on its own thread and closes it
 * there, so native handles never cross threads and model loading never runs on the caller's thread. A
 * failure in any worker (a webcam that disappears, a model error) ends the stream: the frames already taken
 * still come out, then {@link #state()} is {@link State#FAILED} and {@link #failure()} says why.
 *
 * <p>Thread-safe. {@link #close()} is idempotent; after it every other method except {@link #state()},
 * {@link #stats()} and {@link #failure()} throws {@link IllegalStateException}.
 */
public final class StreamingPipeline implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StreamingPipeline.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final long POLL_NANOS = 50_000_000L;
    private static final long JOIN_MILLIS = 5_000L;

    /** The pipeline's life cycle. */
    public enum State {
        /** Built, not started. */
        CREATED,
        /** Workers running. */
        RUNNING,
        /** Capture paused; the other stages finish what they hold. */
        PAUSED,
        /** The source ended and every result has been handed to the last queue. */
        FINISHED,
        /** A worker failed; see {@link StreamingPipeline#failure()}. */
        FAILED,
        /** Closed. */
        CLOSED
    }

    private static final class Item {
        final Frame frame;
        final long captureNanos;
        final boolean end;
        Pose2dSample pose2d;

        Item(Frame frame, long captureNanos, boolean end) {
            this.frame = frame;
            this.captureNanos = captureNanos;
            this.end = end;
        }
    }

    private final StageFactory<? extends FrameSource> sourceFactory;
    private final StageFactory<? extends Pose2dStage> pose2dFactory;
    private final StageFactory<? extends LiftStage> liftFactory;
    private volatile PipelineMode mode;
    private final boolean keepFrames;
    private final Handoff<Item> captured;
    private final Handoff<Item> detected;
    private final Handoff<PipelineResult> results;
    private final RateMeter captureMeter = new RateMeter(1.0, 0.1);
    private final RateMeter pose2dMeter = new RateMeter(1.0, 0.1);
    private final RateMeter liftMeter = new RateMeter(1.0, 0.1);
    private final RateMeter latencyMeter = new RateMeter(1.0, 0.1);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Object pauseLock = new Object();
    private final int id = IDS.incrementAndGet();
    private volatile State state = State.CREATED;
    private volatile boolean paused;
    private volatile boolean stopRequested;
    private volatile boolean exhausted;
    private volatile String sourceName = "(not started)";
    private Thread[] threads = new Thread[0];

    /** End-of-stream marker on the result queue, recognised by identity and never handed out. */
    private static final PipelineResult END = new PipelineResult(null, null, null, 0, 0, 0);

    private StreamingPipeline(Builder b) {
        this.sourceFactory = b.source;
        this.pose2dFactory = b.pose2d;
        this.liftFactory = b.lift;
        this.mode = b.mode;
        this.keepFrames = b.keepFrames;
        this.captured = new Handoff<>(b.queueCapacity);
        this.detected = new Handoff<>(b.queueCapacity);
        this.results = new Handoff<>(b.resultCapacity);
    }

    /**
     * Starts building a pipeline.
     *
     * @param source creates the frame source on the capture thread (not null)
     * @param pose2d creates the 2D stage on its worker thread (not null)
     * @return a new builder
     */
    public static Builder builder(StageFactory<? extends FrameSource> source, StageFactory<? extends Pose2dStage> pose2d) {
        return new Builder(source, pose2d);
    }

    /** Builds a {@link StreamingPipeline}. */
    public static final class Builder {
        private final StageFactory<? extends FrameSource> source;
        private final StageFactory<? extends Pose2dStage> pose2d;
        private StageFactory<? extends LiftStage> lift;
        private PipelineMode mode = PipelineMode.LIVE;
        private int queueCapacity = 2;
        private int resultCapacity = 8;
        private boolean keepFrames = true;

        private Builder(StageFactory<? extends FrameSource> source, StageFactory<? extends Pose2dStage> pose2d) {
            this.source = Objects.requireNonNull(source, "source");
            this.pose2d = Objects.requireNonNull(pose2d, "pose2d");
        }

        /**
         * Sets the lifting stage.
         *
         * @param factory creates the lifter on its worker thread, or null for 2D only (results carry no 3D pose)
         * @return this builder
         */
        public Builder lift(StageFactory<? extends LiftStage> factory) {
            this.lift = factory;
            return this;
        }

        /**
         * Sets what happens when a stage falls behind.
         *
         * @param m {@link PipelineMode#LIVE} drops, {@link PipelineMode#RECORD} blocks (not null; default LIVE)
         * @return this builder
         */
        public Builder mode(PipelineMode m) {
            this.mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /**
         * Sets the capacity of the queues between stages.
         *
         * @param n frames (&ge;1; default 2: small, so live latency stays low)
         * @return this builder
         */
        public Builder queueCapacity(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("queueCapacity " + n + " must be >= 1");
            }
            this.queueCapacity = n;
            return this;
        }

        /**
         * Sets the capacity of the result queue read by {@link StreamingPipeline#poll()}.
         *
         * @param n results (&ge;1; default 8)
         * @return this builder
         */
        public Builder resultCapacity(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("resultCapacity " + n + " must be >= 1");
            }
            this.resultCapacity = n;
            return this;
        }

        /**
         * Sets whether results carry a copy of their frame (for preview). The copy is made anyway to hand the
         * frame between threads; this only decides whether it is kept past the 2D stage.
         *
         * @param keep true to keep frames in results (default true)
         * @return this builder
         */
        public Builder keepFrames(boolean keep) {
            this.keepFrames = keep;
            return this;
        }

        /**
         * Builds the pipeline (not started).
         *
         * @return a new pipeline
         */
        public StreamingPipeline build() {
            return new StreamingPipeline(this);
        }
    }

    /**
     * Starts the worker threads; returns at once (sources and models load on the workers).
     *
     * @throws IllegalStateException if already started or closed
     */
    public synchronized void start() {
        checkOpen();
        if (state != State.CREATED) {
            throw new IllegalStateException("StreamingPipeline already started (state " + state + ")");
        }
        state = State.RUNNING;
        threads = new Thread[] {
            new Thread(this::captureLoop, "mocap-capture-" + id),
            new Thread(this::pose2dLoop, "mocap-pose2d-" + id),
            new Thread(this::liftLoop, "mocap-lift-" + id)
        };
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Pauses capture; frames already taken still come out. No effect unless running.
     *
     * @throws IllegalStateException if closed
     */
    public void pause() {
        checkOpen();
        synchronized (pauseLock) {
            if (state == State.RUNNING) {
                paused = true;
                state = State.PAUSED;
            }
        }
    }

    /**
     * Resumes capture after {@link #pause()}. No effect unless paused.
     *
     * @throws IllegalStateException if closed
     */
    public void resume() {
        checkOpen();
        synchronized (pauseLock) {
            if (state == State.PAUSED) {
                paused = false;
                state = State.RUNNING;
                pauseLock.notifyAll();
            }
        }
    }

    /**
     * Takes the next result without waiting: what a render thread calls in {@code update()}.
     *
     * @return the oldest waiting result, or null if none is ready
     * @throws IllegalStateException if closed
     */
    public PipelineResult poll() {
        checkOpen();
        PipelineResult o = results.poll();
        if (o == END) {
            exhausted = true;
            return null;
        }
        return o;
    }

    /**
     * Takes the next result, waiting for it: for offline callers, never for a render thread.
     *
     * @param timeoutMillis the longest wait (in milliseconds, &ge;0)
     * @return the next result, or null on timeout or at the end of the stream (see {@link #isExhausted()})
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if closed
     */
    public PipelineResult take(long timeoutMillis) throws InterruptedException {
        checkOpen();
        if (exhausted) {
            return null;
        }
        PipelineResult o = results.take(timeoutMillis * 1_000_000L);
        if (o == END) {
            exhausted = true;
            return null;
        }
        return o;
    }

    /**
     * Returns whether every result has been taken and the stream has ended (normally or by a failure).
     *
     * @return true once {@link #poll()} or {@link #take(long)} has passed the end of the stream
     */
    public boolean isExhausted() {
        return exhausted;
    }

    /**
     * Returns the life-cycle state.
     *
     * @return the state (not null)
     */
    public State state() {
        return state;
    }

    /**
     * Returns what ended the stream early, if anything.
     *
     * @return the first failure of any worker, or null
     */
    public Exception failure() {
        return failure.get();
    }

    /**
     * Returns the mode.
     *
     * @return LIVE or RECORD
     */
    public PipelineMode mode() {
        return mode;
    }

    /**
     * Changes the mode at run time: a recording switches a live pipeline to {@link PipelineMode#RECORD} so no
     * frame is lost while it runs, and back afterwards.
     *
     * @param m the new mode (not null)
     */
    public void setMode(PipelineMode m) {
        this.mode = Objects.requireNonNull(m, "mode");
    }

    private boolean isLive() {
        return mode == PipelineMode.LIVE;
    }

    /**
     * Describes the source once the capture thread has opened it.
     *
     * @return the source's description, or "(not started)"
     */
    public String sourceName() {
        return sourceName;
    }

    /**
     * Returns current figures.
     *
     * @return a new snapshot
     */
    public PipelineStats stats() {
        long now = System.nanoTime();
        return new PipelineStats(captureMeter.count(), captured.dropped() + detected.dropped() + results.dropped(),
                latencyMeter.count(), captureMeter.ratePerSecond(now), latencyMeter.ratePerSecond(now),
                latencyMeter.meanMillis(), captureMeter.meanMillis(), pose2dMeter.meanMillis(), liftMeter.meanMillis());
    }

    /**
     * Returns figures averaged over the whole run so far (what a benchmark reports), rather than the recent
     * running means of {@link #stats()} (what a HUD shows).
     *
     * @return a new snapshot; the rates are still over the last second
     */
    public PipelineStats runStats() {
        long now = System.nanoTime();
        return new PipelineStats(captureMeter.count(), captured.dropped() + detected.dropped() + results.dropped(),
                latencyMeter.count(), captureMeter.ratePerSecond(now), latencyMeter.ratePerSecond(now),
                latencyMeter.overallMeanMillis(), captureMeter.overallMeanMillis(), pose2dMeter.overallMeanMillis(),
                liftMeter.overallMeanMillis());
    }

    /**
     * Stops the workers, waits for them (at most a few seconds each) and lets each close its own source or
     * stage. Idempotent. Frames not yet delivered are discarded. Blocks briefly: a render thread should use
     * {@link #closeAsync()}.
     */
    @Override
    public void close() {
        Thread[] ts;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            ts = threads;
        }
        stopRequested = true;
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
        captured.close();
        detected.close();
        results.close();
        for (Thread t : ts) {
            t.interrupt();
        }
        for (Thread t : ts) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warning(() -> t.getName() + " did not stop within " + JOIN_MILLIS
                        + " ms (blocked in a native call?); it will release its resource when the call returns");
            }
        }
    }

    /**
     * Closes on a background thread, so the caller (a render thread) never waits.
     *
     * @return a future completed when every worker has stopped
     */
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            close();
            f.complete(null);
        }, "mocap-close-" + id);
        t.setDaemon(true);
        t.start();
        return f;
    }

    /**
     * Returns whether all worker threads have ended (and released their resources).
     *
     * @return true once capture, 2D and lifting have all stopped
     */
    public boolean isTerminated() {
        for (Thread t : threads) {
            if (t.isAlive()) {
                return false;
            }
        }
        return state != State.CREATED;
    }

    private void checkOpen() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("StreamingPipeline is closed");
        }
    }

    private void fail(String stage, Exception e) {
        if (failure.compareAndSet(null, e)) {
            LOG.log(Level.WARNING, stage + " failed: " + e.getMessage(), e);
        }
        stopRequested = true;
    }

    private void captureLoop() {
        try (FrameSource source = Objects.requireNonNull(sourceFactory.create(), "source factory returned null")) {
            sourceName = source.describe();
            LOG.fine(() -> "capture started: " + sourceName + " (" + mode + ")");
            while (!stopRequested) {
                synchronized (pauseLock) {
                    while (paused && !stopRequested) {
                        pauseLock.wait();
                    }
                }
                if (stopRequested) {
                    break;
                }
                long t0 = System.nanoTime();
                Frame f = source.grab();
                if (f == null) {
                    break;
                }
                Frame copy = f.copy();
                long t1 = System.nanoTime();
                captureMeter.record(t1, t1 - t0);
                captured.put(new Item(copy, t1, false), isLive(), false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MocapException | RuntimeException e) {
            fail("capture", e);
        } finally {
            putEnd(captured, new Item(null, 0, true));
        }
    }

    private void pose2dLoop() {
        try (Pose2dStage stage = Objects.requireNonNull(pose2dFactory.create(), "2D stage factory returned null")) {
            while (state != State.CLOSED) {
                Item item = captured.take(POLL_NANOS);
                if (item == null) {
                    if (state == State.CLOSED || captured.isClosed() && captured.size() == 0) {
                        break;
                    }
                    continue;
                }
                if (item.end) {
                    break;
                }
                long t0 = System.nanoTime();
                item.pose2d = Objects.requireNonNull(stage.detect(item.frame), "2D stage returned null");
                long t1 = System.nanoTime();
                pose2dMeter.record(t1, t1 - t0);
                detected.put(item, isLive(), false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MocapException | RuntimeException e) {
            fail("2D stage", e);
            captured.close();
        } finally {
            putEnd(detected, new Item(null, 0, true));
        }
    }

    private void liftLoop() {
        ArrayDeque<Item> pending = new ArrayDeque<>();
        LiftStage stage = null;
        try {
            stage = liftFactory == null ? null : Objects.requireNonNull(liftFactory.create(), "lift factory returned null");
            while (state != State.CLOSED) {
                Item item = detected.take(POLL_NANOS);
                if (item == null) {
                    if (state == State.CLOSED || detected.isClosed() && detected.size() == 0) {
                        break;
                    }
                    continue;
                }
                if (item.end) {
                    if (stage != null) {
                        long t0 = System.nanoTime();
                        emit(stage.flush(), pending, t0);
                    }
                    break;
                }
                if (stage == null) {
                    long now = System.nanoTime();
                    deliver(item, null, now, item.captureNanos);
                    continue;
                }
                pending.addLast(item);
                long t0 = System.nanoTime();
                List<Pose3dSample> out = stage.push(item.pose2d);
                long t1 = System.nanoTime();
                liftMeter.record(t1, t1 - t0);
                emit(out, pending, item.captureNanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MocapException | RuntimeException e) {
            fail("lifting stage", e);
            detected.close();
        } finally {
            if (stage != null) {
                stage.close();
            }
            synchronized (this) {
                if (state != State.CLOSED) {
                    state = failure.get() != null ? State.FAILED : State.FINISHED;
                }
            }
            putEnd(results, END);
        }
    }

    private void emit(List<Pose3dSample> poses, ArrayDeque<Item> pending, long newestCaptureNanos)
            throws InterruptedException {
        for (Pose3dSample p : poses) {
            Item match = null;
            while (!pending.isEmpty() && pending.peekFirst().pose2d.frameIndex() <= p.frameIndex()) {
                match = pending.pollFirst();
            }
            if (match == null || match.pose2d.frameIndex() != p.frameIndex()) {
                LOG.fine(() -> "lift stage emitted frame " + p.frameIndex() + " with no matching input; skipped");
                continue;
            }
            deliver(match, p, System.nanoTime(), newestCaptureNanos);
        }
    }

    private void deliver(Item item, Pose3dSample p, long now, long newestCaptureNanos)
            throws InterruptedException {
        PipelineResult r = new PipelineResult(keepFrames ? item.frame : null, item.pose2d, p, item.captureNanos, now,
                Math.max(0, now - newestCaptureNanos));
        latencyMeter.record(now, r.processingLatencyNanos());
        results.put(r, isLive(), false);
    }

    private static <T> void putEnd(Handoff<T> q, T end) {
        try {
            q.put(end, false, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
