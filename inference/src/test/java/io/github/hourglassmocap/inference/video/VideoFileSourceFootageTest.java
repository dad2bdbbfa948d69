package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.DecodeException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VideoFileSource on the traits of real phone and web footage, with the small committed files described in
 * src/test/resources/.../video/README.md: a losslessly trimmed MP4 (edit list), a trimmed MP4 that was then
 * truncated, a damaged MP4, display-matrix rotations and a variable frame rate.
 */
class VideoFileSourceFootageTest {
    /** Frame period of the 25 fps files (in nanoseconds). */
    private static final long PERIOD_25 = 40_000_000L;

    static Path resource(String name) {
        URL url = VideoFileSourceFootageTest.class.getResource(name);
        assertNotNull(url, "test resource " + name + " is missing");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads every frame, checking the timestamps increase; returns them. */
    private static List<Long> readAll(VideoFileSource src) throws DecodeException {
        List<Long> ts = new ArrayList<>();
        Frame f;
        while ((f = src.grab()) != null) {
            assertEquals(ts.size(), f.frameIndex());
            if (!ts.isEmpty()) {
                assertTrue(f.timestampNanos() > ts.get(ts.size() - 1), "timestamps must increase: " + ts + " then "
                        + f.timestampNanos());
            }
            ts.add(f.timestampNanos());
        }
        return ts;
    }

    /** Collects the records a logger publishes while it is attached. */
    private static final class Capture extends Handler implements AutoCloseable {
        final List<LogRecord> records = new ArrayList<>();
        private final Logger logger = Logger.getLogger(VideoFileSource.class.getName());

        Capture() {
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }

        List<String> warnings() {
            List<String> out = new ArrayList<>();
            for (LogRecord r : records) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    out.add(new java.util.logging.SimpleFormatter().formatMessage(r));
                }
            }
            return out;
        }
    }

    @Test
    void aLosslesslyTrimmedMp4IsReadWholeAndWithoutComplaint() throws Exception {
        // 75 samples in the sample table, 50 presented by the edit list: FFmpeg decodes it without an error.
        Path file = resource("trimmed.mp4");
        try (Capture log = new Capture(); VideoFileSource src = VideoFileSource.open(file)) {
            assertEquals(75, src.headerFrameCount());
            assertEquals(50, src.expectedFrameCount());
            List<Long> ts = readAll(src);
            assertEquals(50, ts.size());
            for (int i = 0; i < ts.size(); i++) {
                assertEquals(i * PERIOD_25, ts.get(i), 1_000_000, "timestamp of frame " + i);
            }
            assertNull(src.findDamage());
            assertEquals(List.of(), log.warnings());
        }
    }

    @Test
    void aTrimmedMp4ThatWasThenCutIsStillReportedAsTruncated() throws Exception {
        Path file = resource("trimmed-cut.mp4");
        try (VideoFileSource src = VideoFileSource.open(file)) {
            int[] n = {0};
            DecodeException e = assertThrows(DecodeException.class, () -> {
                while (src.grab() != null) {
                    n[0]++;
                }
            });
            assertEquals(25, n[0]);
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated")
                    && e.getMessage().contains("2.000 s"), e.getMessage());
        }
        try (Capture log = new Capture(); VideoFileSource src = VideoFileSource.open(file, true)) {
            assertEquals(25, readAll(src).size());
            VideoFileSource.Damage d = src.findDamage();
            assertNotNull(d);
            assertTrue(d.truncated());
            assertEquals(25, d.framesDecoded());
            assertEquals(50, d.framesExpected());
            assertEquals(1, log.warnings().size(), log.warnings().toString());
            assertTrue(log.warnings().get(0).contains("25 of about 50 frames"), log.warnings().toString());
        }
    }

    @Test
    void aDamagedFileThatPlaysToItsEndIsAcceptedWithAWarningSayingWhatSurvived() throws Exception {
        Path file = resource("damaged.mp4");
        try (Capture log = new Capture(); VideoFileSource src = VideoFileSource.open(file)) {
            List<Long> ts = readAll(src);
            assertTrue(ts.size() > 40 && ts.size() < 75, "frames decoded: " + ts.size());
            VideoFileSource.Damage d = src.findDamage();
            assertNotNull(d, "a damaged file must not pass silently");
            assertFalse(d.truncated());
            assertEquals(ts.size(), d.framesDecoded());
            assertEquals(75, d.framesExpected());
            assertTrue(d.ffmpegErrors() > 0, d.toString());
            String m = d.message();
            assertTrue(m.contains(file.toString()) && m.contains("damaged") && m.contains("FFmpeg reported")
                    && m.contains(ts.size() + " of about 75 frames"), m);
            assertEquals(List.of(m + "; using the frames that decoded"), log.warnings());
        }
    }

    @Test
    void decoderErrorsAreReportedEvenWhenEveryFrameSurvives() throws Exception {
        // The broken macroblocks are concealed, so all 25 frames come out; FFmpeg logs the errors on its
        // decoder threads.
        Path file = resource("concealed.mp4");
        try (Capture log = new Capture(); VideoFileSource src = VideoFileSource.open(file)) {
            assertEquals(25, readAll(src).size());
            VideoFileSource.Damage d = src.findDamage();
            assertNotNull(d, "decoder errors must not pass silently");
            assertFalse(d.truncated());
            assertTrue(d.ffmpegErrors() >= 1, d.toString());
            assertTrue(d.message().contains("error while decoding MB") || d.message().contains("intra mode"),
                    d.message());
            assertTrue(d.message().contains("25 of about 25 frames"), d.message());
            assertEquals(1, log.warnings().size(), log.warnings().toString());
        }
    }

    @Test
    void aCleanFileHasNoDamageAndNoWarning() throws Exception {
        try (Capture log = new Capture(); VideoFileSource src = VideoFileSource.open(resource("base.mp4"))) {
            assertEquals(75, readAll(src).size());
            assertNull(src.findDamage());
            assertEquals(List.of(), log.warnings());
        }
    }

    /** The centre of the red marker (R high, G and B low), in pixels: {x, y}. */
    static double[] redCentre(Frame f) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                int rgb = f.rgbAt(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r > 150 && g < 110 && b < 110) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        assertTrue(n > 100, "the red marker (200 pixels) should be found; found " + n);
        return new double[] {sx / n, sy / n};
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, orientation, width, height, red marker centre x, y (the ffmpeg program's autorotated picture)
        "base.mp4, UPRIGHT, 64, 48, 13.5, 8.5",
        "rot90.mp4, ROTATE_90_COUNTERCLOCKWISE, 48, 64, 8.5, 49.5",
        "rot180.mp4, ROTATE_180, 64, 48, 49.5, 38.5",
        "rot270.mp4, ROTATE_90_CLOCKWISE, 48, 64, 38.5, 13.5"})
    void aDisplayMatrixIsAppliedSoFramesAreUpright(String name, DisplayOrientation orientation, int width, int height,
            double redX, double redY) throws Exception {
        try (VideoFileSource src = VideoFileSource.open(resource(name))) {
            assertEquals(orientation, src.orientation());
            assertEquals(width, src.width());
            assertEquals(height, src.height());
            int n = 0;
            Frame f;
            while ((f = src.grab()) != null) {
                assertEquals(width, f.width());
                assertEquals(height, f.height());
                if (n % 25 == 0) {
                    double[] c = redCentre(f);
                    assertEquals(redX, c[0], 1.5, "red marker x in frame " + n);
                    assertEquals(redY, c[1], 1.5, "red marker y in frame " + n);
                    double[] kept = redCentre(f.copy());
                    assertEquals(c[0], kept[0], 1e-9);
                    assertEquals(c[1], kept[1], 1e-9);
                }
                assertEquals(n * PERIOD_25, f.timestampNanos(), 1_000_000);
                n++;
            }
            assertEquals(75, n);
            assertNull(src.findDamage());
        }
    }

    @Test
    void aRotatedFileReplayedAsLiveIsUprightToo() throws Exception {
        FrameSourceOptions live = FrameSourceOptions.defaults().withLive(true);
        try (FrameSource src = FrameSources.open(resource("rot270.mp4").toString(), live)) {
            assertTrue(src.isLive());
            Frame f = src.grab();
            assertEquals(48, f.width());
            assertEquals(64, f.height());
            double[] c = redCentre(f);
            assertEquals(38.5, c[0], 1.5);
            assertEquals(13.5, c[1], 1.5);
        }
    }

    @Test
    void variableFrameRateKeepsEachFramesOwnTime() throws Exception {
        try (VideoFileSource src = VideoFileSource.open(resource("vfr.mp4"))) {
            List<Long> ts = readAll(src);
            assertEquals(60, ts.size());
            for (int i = 0; i < ts.size(); i++) {
                double expectedMs = i < 10 ? i * 100.0 : 1000.0 + (i - 10) * 1000.0 / 30;
                assertEquals(expectedMs, ts.get(i) / 1e6, 1.0, "time of frame " + i);
            }
            assertNull(src.findDamage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base.mp4", "vfr.mp4", "rot270.mp4", "concealed.mp4"})
    void rewindDecodesTheSameFramesAgainWithoutReopening(String name) throws Exception {
        try (VideoFileSource src = VideoFileSource.open(resource(name))) {
            List<long[]> first = frames(src);
            VideoFileSource.Damage damage = src.findDamage();
            src.rewind();
            List<long[]> second = frames(src);
            assertEquals(first.size(), second.size(), name + ": frames in each pass");
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i), second.get(i), name + " frame " + i + " (index, time, size, checksum)");
            }
            assertEquals(damage == null, src.findDamage() == null, name + ": the same damage finding");
        }
    }

    /** Index, timestamp, size and a pixel checksum of every frame left in a source. */
    private static List<long[]> frames(VideoFileSource src) throws Exception {
        List<long[]> out = new java.util.ArrayList<>();
        Frame f;
        while ((f = src.grab()) != null) {
            long sum = 0;
            java.nio.ByteBuffer px = f.pixels();
            for (int y = 0; y < f.height(); y += 7) {
                for (int x = 0; x < f.width() * 3; x += 5) {
                    sum = sum * 31 + (px.get(y * f.strideBytes() + x) & 0xff);
                }
            }
            out.add(new long[] {f.frameIndex(), f.timestampNanos(), f.width(), f.height(), sum});
        }
        return out;
    }
}
