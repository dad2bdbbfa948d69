package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.hourglassmocap.inference.DecodeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.Test;

class WebcamSourceTest {
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final WebcamSource.Settings QUICK = new WebcamSource.Settings(0, 0, 0, null,
            Duration.ofMillis(500), Duration.ofMillis(300));

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    /** Stands in for a camera: delivers {@code frames} frames 40 ms apart (device clock), then blocks or ends. */
    static final class FakeCamera extends FrameGrabber {
        final int frames;
        final boolean blockAfter;
        final boolean blockOnStart;
        final CountDownLatch released = new CountDownLatch(1);
        int sent;

        FakeCamera(int frames, boolean blockAfter, boolean blockOnStart) {
            this.frames = frames;
            this.blockAfter = blockAfter;
            this.blockOnStart = blockOnStart;
        }

        @Override
        public void start() throws Exception {
            if (blockOnStart) {
                sleepUntilInterrupted();
            }
        }

        private static void sleepUntilInterrupted() {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public org.bytedeco.javacv.Frame grab() {
            if (sent >= frames) {
                if (blockAfter) {
                    sleepUntilInterrupted();
                }
                return null;
            }
            org.bytedeco.javacv.Frame f = new org.bytedeco.javacv.Frame(8, 6, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3);
            ((ByteBuffer) f.image[0]).put(0, (byte) sent);
            f.timestamp = 1_000_000_000L + 40_000L * sent++; // a device clock far from zero, in microseconds
            return f;
        }

        @Override
        public void stop() {
        }

        @Override
        public void trigger() {
        }

        @Override
        public void release() {
            released.countDown();
        }

        @Override
        public double getFrameRate() {
            return 25;
        }
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should contain '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void aMissingWebcamIndexFailsFastNamingTheDevice() {
        assumeTrue(linux());
        assumeTrue(!Files.exists(Path.of("/dev/video97")));
        DecodeException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(DecodeException.class, () -> WebcamSource.open(97)));
        assertMessage(e, "webcam:97", "/dev/video97", "does not exist");
    }

    @Test
    void aDeviceThatIsNotACameraFailsWithFfmpegsReason() {
        assumeTrue(linux() && Files.exists(Path.of("/dev/null")));
        DecodeException e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(DecodeException.class, () -> WebcamSource.open("/dev/null", WebcamSource.Settings.DEFAULT)));
        assertMessage(e, "webcam:/dev/null", "cannot open the camera");
    }

    @Test
    void aRegularFileIsNotAWebcam() throws Exception {
        assumeTrue(linux());
        Path file = Files.createTempFile("not-a-camera", ".bin");
        try {
            DecodeException e = assertThrows(DecodeException.class, () -> WebcamSource.open(file.toString(), QUICK));
            assertMessage(e, file.toString(), "not a device");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void deliversLiveFramesWithRelativeTimestampsThenReportsTheCameraDying() throws Exception {
        FakeCamera camera = new FakeCamera(3, false, false);
        try (WebcamSource cam = WebcamSource.open("webcam:fake", camera, QUICK)) {
            assertTrue(cam.isLive());
            assertEquals(25.0, cam.frameRateHz(), 0.0);
            for (int i = 0; i < 3; i++) {
                Frame f = cam.grab();
                assertEquals(i, f.frameIndex());
                assertEquals(i * 40_000_000L, f.timestampNanos());
                assertEquals(i, f.pixels().get(0));
            }
            DecodeException e = assertThrows(DecodeException.class, cam::grab);
            assertMessage(e, "webcam:fake", "stopped delivering frames after 3");
            assertThrows(DecodeException.class, cam::grab, "the failure sticks");
        }
        assertEquals(0, camera.released.getCount(), "closing released the grabber");
    }

    @Test
    void aStalledCameraTimesOutInsteadOfHanging() throws Exception {
        FakeCamera camera = new FakeCamera(1, true, false);
        assertTimeoutPreemptively(BOUND, () -> {
            WebcamSource cam = WebcamSource.open("webcam:stalled", camera, QUICK);
            cam.grab();
            long t0 = System.nanoTime();
            DecodeException e = assertThrows(DecodeException.class, cam::grab);
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertMessage(e, "webcam:stalled", "no frame 1 within 0.3 s");
            assertTrue(waitedMs >= 250 && waitedMs < 5_000, "waited " + waitedMs + " ms");
            cam.close();
            cam.close();
            assertThrows(IllegalStateException.class, cam::grab);
            assertThrows(IllegalStateException.class, cam::frameRateHz);
        });
    }

    @Test
    void aCameraThatNeverOpensTimesOut() {
        FakeCamera camera = new FakeCamera(0, false, true);
        DecodeException e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(DecodeException.class, () -> WebcamSource.open("webcam:slow", camera, QUICK)));
        assertMessage(e, "webcam:slow", "no open within 0.5 s");
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WebcamSource.open(-1));
        assertThrows(IllegalArgumentException.class, () -> WebcamSource.open(" ", QUICK));
        assertThrows(IllegalArgumentException.class,
                () -> new WebcamSource.Settings(-1, 0, 0, null, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new WebcamSource.Settings(0, 0, Double.NaN, null, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new WebcamSource.Settings(0, 0, 0, null, Duration.ZERO, Duration.ofSeconds(1)));
    }
}
