package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.hourglassmocap.inference.DecodeException;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VideoFileSourceTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static void assertMessage(DecodeException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should contain '" + part + "': " + e.getMessage());
        }
    }

    /** Reads to the end; returns how many frames came before the exception it expects. */
    private static int framesBeforeFailure(VideoFileSource src) {
        int[] count = {0};
        DecodeException e = assertThrows(DecodeException.class, () -> {
            while (src.grab() != null) {
                count[0]++;
            }
        });
        assertTrue(e.getMessage().contains(src.file().toString()), e.getMessage());
        return count[0];
    }

    @Test
    void readsFramesTimestampsSizeAndCodec() throws Exception {
        Path file = TestClips.write(dir.resolve("c.mp4"), VideoCodec.H264, 160, 120, 10, 30);
        try (VideoFileSource src = VideoFileSource.open(file)) {
            assertEquals("file:" + file.toAbsolutePath().normalize(), src.describe());
            assertFalse(src.isLive());
            assertEquals(30.0, src.frameRateHz(), 1e-6);
            assertEquals(160, src.width());
            assertEquals(120, src.height());
            assertEquals("h264", src.codecName());
            assertEquals(10, src.headerFrameCount());
            for (int i = 0; i < 10; i++) {
                Frame f = src.grab();
                assertEquals(i, f.frameIndex());
                assertEquals(i * 1e9 / 30, f.timestampNanos(), 1e6);
                assertTrue(f.strideBytes() >= 3 * f.width());
                assertEquals(0, f.pixels().position());
            }
            assertNull(src.grab());
            assertNull(src.grab(), "the end stays the end");
        }
    }

    @Test
    void framesShareOneBufferUntilCopied() throws Exception {
        Path file = TestClips.write(dir.resolve("reuse.avi"), VideoCodec.MJPEG, 64, 48, 3, 10);
        try (VideoFileSource src = VideoFileSource.open(file)) {
            Frame first = src.grab();
            Frame kept = first.copy();
            assertEquals(TestClips.red(0), TestClips.meanRed(kept), 4.5);
            Frame second = src.grab();
            assertEquals(TestClips.red(1), TestClips.meanRed(second), 4.5);
            assertEquals(TestClips.meanRed(second), TestClips.meanRed(first), 1e-9,
                    "the first frame's buffer now holds the second frame (documented reuse)");
            assertEquals(TestClips.red(0), TestClips.meanRed(kept), 4.5, "the copy survives the next grab");
        }
    }

    @Test
    void missingFileIsAClearError() {
        Path missing = dir.resolve("nope.mp4");
        DecodeException e = assertThrows(DecodeException.class, () -> VideoFileSource.open(missing));
        assertMessage(e, missing.toString(), "does not exist");
    }

    @Test
    void emptyFileFolderAndDeviceAreClearErrors() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        assertMessage(assertThrows(DecodeException.class, () -> VideoFileSource.open(empty)), "empty.mp4", "empty");
        assertMessage(assertThrows(DecodeException.class, () -> VideoFileSource.open(dir)), dir.toString(), "folder");
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull));
        assertMessage(assertThrows(DecodeException.class, () -> VideoFileSource.open(devNull)), "/dev/null", "not a regular file");
    }

    @Test
    void textFileRenamedMp4IsNotAVideo() throws Exception {
        Path fake = dir.resolve("notes.mp4");
        Files.writeString(fake, "These are notes, not a video.\n".repeat(200));
        DecodeException e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(DecodeException.class, () -> VideoFileSource.open(fake)));
        assertMessage(e, "notes.mp4", "could not read it as a video");
    }

    @Test
    void audioOnlyFileHasNoVideoStream() throws Exception {
        Path wav = dir.resolve("tone.mkv");
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(wav.toString(), 1);
        r.setFormat("matroska");
        r.setAudioCodecName("pcm_s16le");
        r.setSampleRate(8000);
        r.start();
        short[] samples = new short[8000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(i * 0.3));
        }
        r.recordSamples(8000, 1, ShortBuffer.wrap(samples));
        r.stop();
        r.release();
        DecodeException e = assertThrows(DecodeException.class, () -> VideoFileSource.open(wav));
        assertMessage(e, "tone.mkv", "no video stream");
    }

    @ParameterizedTest(name = "{0} cut to {1}")
    @CsvSource({"mp4, H264, 0.6", "mov, MPEG4, 0.6", "mkv, H264, 0.6", "webm, VP9, 0.6", "avi, MJPEG, 0.6", "mkv, FFV1, 0.5",
        "mp4, H264, 0.05", "mkv, H264, 0.05", "avi, MJPEG, 0.05"})
    void truncatedFileFailsClearlyAtOpenOrAtTheCut(String extension, VideoCodec codec, double keep) throws Exception {
        Path whole = TestClips.write(dir.resolve("whole." + extension), codec, 160, 120, 30, 25);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut." + extension), Arrays.copyOf(bytes, (int) (bytes.length * keep)));
        assertTimeoutPreemptively(BOUND, () -> {
            VideoFileSource src;
            try {
                src = VideoFileSource.open(cut);
            } catch (DecodeException e) {
                assertMessage(e, cut.toString());
                return; // mp4/mov keep their index at the end: a cut file does not even open
            }
            try (src) {
                int frames = framesBeforeFailure(src);
                assertTrue(frames < 30, "frames before the failure: " + frames);
                DecodeException again = assertThrows(DecodeException.class, src::grab);
                assertMessage(again, cut.toString());
            }
        });
    }

    @Test
    void aTruncatedFileIsAcceptedWhenShortReadsAreAllowed() throws Exception {
        Path whole = TestClips.write(dir.resolve("whole.mkv"), VideoCodec.H264, 160, 120, 30, 25);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.mkv"), Arrays.copyOf(bytes, bytes.length / 2));
        try (VideoFileSource src = VideoFileSource.open(cut, true)) {
            int n = 0;
            while (src.grab() != null) {
                n++;
            }
            assertTrue(n > 3 && n < 30, "frames read: " + n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"avi, MJPEG", "mp4, MPEG4", "mkv, FFV1"})
    void fileCutWhileBeingReadDiesWithAnError(String extension, VideoCodec codec) throws Exception {
        Path file = TestClips.write(dir.resolve("live." + extension), codec, 320, 240, 60, 25);
        assertTimeoutPreemptively(BOUND, () -> {
            try (VideoFileSource src = VideoFileSource.open(file)) {
                for (int i = 0; i < 5; i++) {
                    assertNotNull(src.grab());
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(ch.size() * 2 / 5);
                }
                int more = framesBeforeFailure(src);
                assertTrue(5 + more < 60, "frames read in all: " + (5 + more));
            }
        });
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseThrows() throws Exception {
        Path file = TestClips.write(dir.resolve("c.avi"), VideoCodec.MJPEG, 32, 32, 2, 10);
        VideoFileSource src = VideoFileSource.open(file);
        src.close();
        src.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, src::grab);
        assertTrue(e.getMessage().contains("closed") && e.getMessage().contains("c.avi"), e.getMessage());
        assertThrows(IllegalStateException.class, src::frameRateHz);
        assertThrows(IllegalStateException.class, src::isLive);
        assertNotEquals("", src.describe());
    }
}
