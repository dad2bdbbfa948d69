package io.github.hourglassmocap.inference.pipeline;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.FrameSource;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real but simple stages for the threading tests: a moving bright square, its centroid, a delayed lifter. Shared
 * with the plugin's tests through this module's test-jar.
 */
public final class TestStages {
    /** Frame width: odd, as the house style asks for image code. */
    public static final int W = 641;
    /** Frame height: odd. */
    public static final int H = 479;

    private TestStages() {
    }

    /** Renders a white 40x40 square moving right by 3 px per frame on black; optionally paced and failing. */
    public static final class SquareSource implements FrameSource {
        final int frames;
        final double fps;
        final boolean live;
        final int failAt;
        /** How many times {@code close()} took effect (1 after any number of calls). */
        public final AtomicInteger closes = new AtomicInteger();
        final ByteBuffer buf = ByteBuffer.allocateDirect(W * 3 * H);
        int next;
        long startNanos = -1;
        volatile boolean closed;

        /**
         * @param frames frames before end of stream
         * @param fps frame rate (paced to it when live)
         * @param live whether grab() waits for each frame's time
         * @param failAt frame index whose grab() throws DecodeException, or -1 for none
         */
        public SquareSource(int frames, double fps, boolean live, int failAt) {
            this.frames = frames;
            this.fps = fps;
            this.live = live;
            this.failAt = failAt;
        }

        @Override
        public Frame grab() throws DecodeException {
            if (closed) {
                throw new IllegalStateException("SquareSource is closed");
            }
            if (next == failAt) {
                throw new DecodeException("square source: camera unplugged at frame " + next);
            }
            if (next >= frames) {
                return null;
            }
            if (live) {
                if (startNanos < 0) {
                    startNanos = System.nanoTime();
                }
                long due = startNanos + (long) (next * 1e9 / fps);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
            }
            for (int i = 0; i < buf.capacity(); i++) {
                buf.put(i, (byte) 0);
            }
            int x0 = 10 + 3 * next;
            for (int y = 200; y < 240; y++) {
                for (int x = x0; x < x0 + 40 && x < W; x++) {
                    int o = y * W * 3 + x * 3;
                    buf.put(o, (byte) 255).put(o + 1, (byte) 255).put(o + 2, (byte) 255);
                }
            }
            Frame f = new Frame(W, H, W * 3, buf, (long) (next * 1e9 / fps), next);
            next++;
            return f;
        }

        @Override
        public double frameRateHz() {
            return fps;
        }

        @Override
        public boolean isLive() {
            return live;
        }

        @Override
        public String describe() {
            return "square:" + frames;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                closes.incrementAndGet();
            }
        }
    }

    /** Puts every joint at the centroid of the bright pixels; optionally slow. */
    public static final class CentroidStage implements Pose2dStage {
        final long delayMillis;
        /** How many times {@code close()} took effect (1 after any number of calls). */
        public final AtomicInteger closes = new AtomicInteger();
        boolean closed;

        /** @param delayMillis extra time each detect() takes, 0 for none */
        public CentroidStage(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        @Override
        public Pose2dSample detect(Frame f) {
            if (closed) {
                throw new IllegalStateException("CentroidStage is closed");
            }
            double sx = 0;
            double sy = 0;
            int n = 0;
            for (int y = 0; y < f.height(); y += 2) {
                for (int x = 0; x < f.width(); x++) {
                    if ((f.rgbAt(x, y) & 0xff) > 128) {
                        sx += x;
                        sy += y;
                        n++;
                    }
                }
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            float[] j = null;
            if (n > 0) {
                j = new float[H36mJoints.COUNT * 3];
                for (int i = 0; i < H36mJoints.COUNT; i++) {
                    j[3 * i] = (float) (sx / n);
                    j[3 * i + 1] = (float) (sy / n);
                    j[3 * i + 2] = 1f;
                }
            }
            return new Pose2dSample(f.frameIndex(), f.timestampNanos(), f.width(), f.height(), j);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                closes.incrementAndGet();
            }
        }
    }

    /** Emits frame i when frame i+L arrives: joints (x/W, y/W, 0) of the 2D centroid; fails at a frame if asked. */
    public static final class DelayLift implements LiftStage {
        final int lookahead;
        final long failAt;
        final ArrayDeque<Pose2dSample> held = new ArrayDeque<>();
        /** How many times {@code close()} took effect (1 after any number of calls). */
        public final AtomicInteger closes = new AtomicInteger();
        boolean closed;

        /**
         * @param lookahead frames held back before a pose is emitted
         * @param failAt frame index whose push() throws, or -1 for none
         */
        public DelayLift(int lookahead, long failAt) {
            this.lookahead = lookahead;
            this.failAt = failAt;
        }

        @Override
        public List<Pose3dSample> push(Pose2dSample s) throws io.github.hourglassmocap.inference.MocapException {
            if (s.frameIndex() == failAt) {
                throw new io.github.hourglassmocap.inference.MocapException("lift failed at frame " + failAt);
            }
            held.addLast(s);
            List<Pose3dSample> out = new ArrayList<>();
            while (held.size() > lookahead) {
                out.add(toPose(held.pollFirst()));
            }
            return out;
        }

        @Override
        public List<Pose3dSample> flush() {
            List<Pose3dSample> out = new ArrayList<>();
            while (!held.isEmpty()) {
                out.add(toPose(held.pollFirst()));
            }
            return out;
        }

        private static Pose3dSample toPose(Pose2dSample s) {
            float[] j = new float[H36mJoints.COUNT * 3];
            if (s.hasPerson()) {
                for (int i = 0; i < H36mJoints.COUNT; i++) {
                    j[3 * i] = s.get(i, 0) / W;
                    j[3 * i + 1] = s.get(i, 1) / W;
                }
            }
            return new Pose3dSample(s.frameIndex(), s.timestampNanos(), s.hasPerson(), j, null);
        }

        @Override
        public int lookaheadFrames() {
            return lookahead;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                closes.incrementAndGet();
            }
        }
    }
}
