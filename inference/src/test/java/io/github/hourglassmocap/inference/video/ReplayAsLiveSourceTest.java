package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.DecodeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayAsLiveSourceTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** A clock that only moves when told to, or when slept on; it records every sleep. */
    static final class FakeClock implements LiveClock {
        long now = 5_000 * MS;
        final List<Long> sleeps = new ArrayList<>();
        boolean interruptNextSleep;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            if (interruptNextSleep) {
                interruptNextSleep = false;
                throw new InterruptedException("test");
            }
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void releasesEachFrameWhenItsTimestampComesDue() throws Exception {
        FakeClock clock = new FakeClock();
        try (ReplayAsLiveSource live = new ReplayAsLiveSource(new ListSource(5, 25), clock, true)) {
            assertTrue(live.isLive());
            assertEquals(25.0, live.frameRateHz(), 0.0);
            assertEquals("live:list:test", live.describe());
            long start = clock.now;
            for (int i = 0; i < 5; i++) {
                Frame f = live.grab();
                assertEquals(i, f.frameIndex());
                assertEquals(start + i * 40 * MS, clock.now, "frame " + i + " released exactly when due");
                clock.now += 10 * MS; // the consumer works 10 ms per frame
            }
            assertNull(live.grab());
            assertEquals(List.of(30 * MS, 30 * MS, 30 * MS, 30 * MS), clock.sleeps, "sleeps cover the rest of each period");
            assertEquals(0, live.droppedFrames());
        }
    }

    @Test
    void aSlowConsumerLosesFramesLikeWithACamera() throws Exception {
        FakeClock clock = new FakeClock();
        List<Long> seen = new ArrayList<>();
        try (ReplayAsLiveSource live = new ReplayAsLiveSource(new ListSource(20, 10), clock, true)) {
            Frame f;
            while ((f = live.grab()) != null) {
                seen.add(f.frameIndex());
                assertTrue(clock.now - (5_000 * MS + f.timestampNanos()) <= 100 * MS, "never more than a period late");
                clock.now += 250 * MS; // 2.5 frame periods of work per frame
            }
            // Frame k is due at 100k ms; frames more than 100 ms overdue at the grab are skipped.
            assertEquals(List.of(0L, 2L, 4L, 7L, 9L, 12L, 14L, 17L, 19L), seen);
            assertEquals(20 - seen.size(), live.droppedFrames());
        }
    }

    @Test
    void withoutDroppingEveryFrameArrivesLateButInOrder() throws Exception {
        FakeClock clock = new FakeClock();
        try (ReplayAsLiveSource live = new ReplayAsLiveSource(new ListSource(6, 10), clock, false)) {
            for (int i = 0; i < 6; i++) {
                assertEquals(i, live.grab().frameIndex());
                clock.now += 250 * MS;
            }
            assertNull(live.grab());
            assertTrue(clock.sleeps.isEmpty(), "a late consumer never waits");
            assertEquals(0, live.droppedFrames());
        }
    }

    @Test
    void aSourceThatDiesMidStreamEndsWithItsException() throws Exception {
        ListSource inner = new ListSource(10, 30, 3, null);
        try (ReplayAsLiveSource live = new ReplayAsLiveSource(inner, new FakeClock(), true)) {
            for (int i = 0; i < 3; i++) {
                assertNotNull(live.grab());
            }
            DecodeException e = assertThrows(DecodeException.class, live::grab);
            assertTrue(e.getMessage().contains("list:test") && e.getMessage().contains("died"), e.getMessage());
            int grabs = inner.grabs;
            assertThrows(DecodeException.class, live::grab, "the failure sticks");
            assertEquals(grabs, inner.grabs, "the dead source is not asked again");
        }
    }

    @Test
    void aRuntimeFailureInTheSourceBecomesADecodeExceptionNamingIt() throws Exception {
        ListSource inner = new ListSource(10, 30, 2, new IndexOutOfBoundsException("broken buffer"));
        try (ReplayAsLiveSource live = new ReplayAsLiveSource(inner, new FakeClock(), false)) {
            live.grab();
            live.grab();
            DecodeException e = assertThrows(DecodeException.class, live::grab);
            assertTrue(e.getMessage().contains("list:test") && e.getMessage().contains("broken buffer"), e.getMessage());
            assertTrue(e.getCause() instanceof IndexOutOfBoundsException);
        }
    }

    @Test
    void anInterruptedWaitKeepsTheFrameForTheNextGrab() throws Exception {
        FakeClock clock = new FakeClock();
        try (ReplayAsLiveSource live = new ReplayAsLiveSource(new ListSource(3, 10), clock, true)) {
            live.grab();
            clock.interruptNextSleep = true;
            DecodeException e = assertThrows(DecodeException.class, live::grab);
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(Thread.interrupted(), "the interrupt flag is restored (and cleared here)");
            Frame again = live.grab();
            assertEquals(1, again.frameIndex());
            assertEquals(1, again.pixels().get(0), "the kept frame holds its own pixels");
        }
    }

    @Test
    void pacesARealFileOnTheRealClock() throws Exception {
        Path file = TestClips.write(dir.resolve("p.avi"), VideoCodec.MJPEG, 32, 32, 10, 50);
        try (ReplayAsLiveSource live = new ReplayAsLiveSource(VideoFileSource.open(file))) {
            assertEquals("live:file:" + file.toAbsolutePath().normalize(), live.describe());
            long t0 = System.nanoTime();
            int n = 0;
            while (live.grab() != null) {
                n++;
            }
            long elapsed = System.nanoTime() - t0;
            assertEquals(10, n + live.droppedFrames());
            assertTrue(elapsed >= 175 * MS, "10 frames at 50 fps take at least 9 periods (180 ms): " + elapsed / MS + " ms");
            assertTrue(elapsed < 5_000 * MS, "and not absurdly long: " + elapsed / MS + " ms");
        }
    }

    @Test
    void closeClosesTheSourceOnceAndUseAfterCloseThrows() {
        ListSource inner = new ListSource(3, 30);
        ReplayAsLiveSource live = new ReplayAsLiveSource(inner, new FakeClock(), true);
        assertFalse(inner.closed);
        live.close();
        live.close();
        assertTrue(inner.closed);
        assertThrows(IllegalStateException.class, live::grab);
        assertThrows(IllegalStateException.class, live::isLive);
        assertThrows(NullPointerException.class, () -> new ReplayAsLiveSource(null));
    }
}
