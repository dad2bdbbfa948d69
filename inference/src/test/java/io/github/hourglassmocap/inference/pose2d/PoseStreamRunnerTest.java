package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.FrameSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PoseStreamRunnerTest {
    /** A live-like source over frames in memory; optionally fails at one index. */
    static final class ListSource implements FrameSource {
        private final List<Frame> frames;
        private final int failAt;
        private int next;
        private boolean closed;

        ListSource(List<Frame> frames, int failAt) {
            this.frames = frames;
            this.failAt = failAt;
        }

        @Override
        public Frame grab() throws DecodeException {
            if (closed) {
                throw new IllegalStateException("ListSource is closed");
            }
            if (next == failAt) {
                throw new DecodeException("camera unplugged");
            }
            return next < frames.size() ? frames.get(next++) : null;
        }

        @Override
        public double frameRateHz() {
            return 30;
        }

        @Override
        public boolean isLive() {
            return true;
        }

        @Override
        public String describe() {
            return "list:" + frames.size();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void deliversEveryFrameInOrderOnTheCallingThread() throws Exception {
        List<Frame> clip = PoseTrackerTest.frames("sinbad-dance-a0").subList(0, 12);
        List<Long> seen = new ArrayList<>();
        Exception[] end = {new Exception("not called")};
        try (PoseTracker t = PoseTrackerTest.tracker(PoseModelFile.LITE); ListSource src = new ListSource(clip, -1)) {
            PoseStreamRunner r = new PoseStreamRunner(src, t, new PoseStreamRunner.Listener() {
                @Override
                public void onResult(Keypoints2D result, Frame frame) {
                    assertEquals(frame.frameIndex(), result.frameIndex());
                    seen.add(result.frameIndex());
                }

                @Override
                public void onEnd(Exception failure) {
                    end[0] = failure;
                }
            });
            assertNull(r.latest());
            assertEquals(12, r.run());
            assertNull(end[0]);
            assertEquals(11, r.latest().frameIndex());
            assertThrows(IllegalStateException.class, r::run, "a runner runs once");
        }
        for (int i = 0; i < 12; i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void backgroundThreadPublishesResultsAsTheyArrive() throws Exception {
        List<Frame> clip = PoseTrackerTest.frames("sinbad-dance-a0").subList(0, 20);
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        try (PoseTracker t = PoseTrackerTest.tracker(PoseModelFile.LITE); ListSource src = new ListSource(clip, -1)) {
            PoseStreamRunner r = new PoseStreamRunner(src, t, new PoseStreamRunner.Listener() {
                @Override
                public void onResult(Keypoints2D result, Frame frame) {
                    first.countDown();
                }

                @Override
                public void onEnd(Exception failure) {
                    done.countDown();
                }
            });
            r.start();
            assertTrue(first.await(60, TimeUnit.SECONDS), "a first result arrives");
            assertNotNull(r.latest());
            assertTrue(done.await(120, TimeUnit.SECONDS));
            r.close();
            r.close();
            assertFalse(r.isRunning());
            assertEquals(19, r.latest().frameIndex());
        }
    }

    @Test
    void sourceFailureAndListenerFailureEndTheRun() throws Exception {
        List<Frame> clip = PoseTrackerTest.frames("sinbad-dance-a0").subList(0, 6);
        try (PoseTracker t = PoseTrackerTest.tracker(PoseModelFile.LITE)) {
            Exception[] end = new Exception[1];
            PoseStreamRunner r = new PoseStreamRunner(new ListSource(clip, 3), t, new PoseStreamRunner.Listener() {
                @Override
                public void onResult(Keypoints2D result, Frame frame) {
                }

                @Override
                public void onEnd(Exception failure) {
                    end[0] = failure;
                }
            });
            DecodeException e = assertThrows(DecodeException.class, r::run);
            assertSame(e, end[0]);
            MocapException stop = new MocapException("disk full");
            PoseStreamRunner r2 = new PoseStreamRunner(new ListSource(clip, -1), t, (k, f) -> {
                throw stop;
            });
            assertSame(stop, assertThrows(MocapException.class, r2::run));
        }
        assertThrows(IllegalArgumentException.class, () -> new PoseStreamRunner(null, null, null));
    }
}
