package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.MocapIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VideoWriterTest {
    @TempDir
    Path dir;

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "mp4, H264, 6.0",
        "mp4, MPEG4, 6.0",
        "mkv, H264, 6.0",
        "mov, MPEG4, 6.0",
        "avi, MJPEG, 6.0",
        "webm, VP9, 6.0",
        "mkv, FFV1, 0.0",
    })
    void roundTripsThroughEachContainerAndCodec(String extension, VideoCodec codec, double maxMeanError) throws Exception {
        int w = 320;
        int h = 240;
        Path file = TestClips.write(dir.resolve("clip." + extension), codec, w, h, 12, 25);
        assertEquals(List.of("clip." + extension), listing(dir), "only the target is left, no temporary file");
        try (VideoFileSource src = VideoFileSource.open(file)) {
            assertEquals(25.0, src.frameRateHz(), 1e-6);
            for (int i = 0; i < 12; i++) {
                Frame f = src.grab();
                assertNotNull(f, "frame " + i);
                assertEquals(w, f.width());
                assertEquals(h, f.height());
                assertEquals(i, f.frameIndex());
                assertEquals(i * 40_000_000L, f.timestampNanos(), 1_000_000L, "timestamp of frame " + i);
                assertEquals(TestClips.red(i), TestClips.meanRed(f), 4.5, "red level (steps of 9) identifies frame " + i);
                assertTrue(TestClips.meanAbsError(f, w, h, i) <= maxMeanError,
                        codec + " frame " + i + " mean error " + TestClips.meanAbsError(f, w, h, i));
            }
            assertNull(src.grab());
        }
    }

    @Test
    void oddSizeIsPaddedByRepeatingTheLastColumnAndRowNotRescaled() throws Exception {
        int w = 641;
        int h = 479;
        Path file = TestClips.write(dir.resolve("odd.mkv"), VideoCodec.FFV1, w, h, 3, 30);
        try (VideoFileSource src = VideoFileSource.open(file)) {
            Frame f = src.grab();
            assertEquals(642, f.width());
            assertEquals(480, f.height());
            assertEquals(0.0, TestClips.meanAbsError(f, w, h, 0), 0.0, "the written 641x479 pixels are exact");
            for (int y = 0; y < 480; y++) {
                assertEquals(f.rgbAt(640, Math.min(y, 478)), f.rgbAt(641, y), "padded column at row " + y);
            }
            for (int x = 0; x < 642; x++) {
                assertEquals(f.rgbAt(x, 478), f.rgbAt(x, 479), "padded row at column " + x);
            }
        }
    }

    @Test
    void oddSizeWithTheDefaultH264CodecKeepsPixelCoordinates() throws Exception {
        try (VideoWriter w = VideoWriter.open(dir.resolve("odd.mp4"), 641, 479, 30)) {
            assertEquals(VideoCodec.H264, w.codec());
            assertEquals(642, w.encodedWidth());
            assertEquals(480, w.encodedHeight());
            for (int i = 0; i < 5; i++) {
                w.write(TestClips.pattern(641, 479, i));
            }
        }
        try (VideoFileSource src = VideoFileSource.open(dir.resolve("odd.mp4"))) {
            Frame f = src.grab();
            assertEquals(642, f.width());
            assertTrue(TestClips.meanAbsError(f, 641, 479, 0) < 6.0);
        }
    }

    @Test
    void theBundledFfmpegHasOpenH264SoMp4DefaultsToH264() {
        assertTrue(VideoCodec.H264.isAvailable(), "the pinned bytedeco FFmpeg build ships libopenh264");
        assertEquals(VideoCodec.H264, VideoWriter.defaultCodec("MP4"));
        assertEquals(VideoCodec.MJPEG, VideoWriter.defaultCodec("avi"));
        assertEquals(VideoCodec.VP9, VideoWriter.defaultCodec("webm"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VideoWriter.defaultCodec("gif"));
        assertTrue(e.getMessage().contains("gif") && e.getMessage().contains("mp4"), e.getMessage());
    }

    @Test
    void byteArrayBufferAndFrameInputsGiveTheSameVideo() throws Exception {
        int w = 64;
        int h = 48;
        byte[] packed = TestClips.pattern(w, h, 3);
        int stride = 3 * w + 13;
        ByteBuffer strided = ByteBuffer.allocate(stride * h);
        ByteBuffer direct = ByteBuffer.allocateDirect(stride * h);
        for (int y = 0; y < h; y++) {
            strided.put(y * stride, packed, 3 * y * w, 3 * w);
            direct.put(y * stride, packed, 3 * y * w, 3 * w);
        }
        strided.position(17);
        Path file = dir.resolve("inputs.mkv");
        try (VideoWriter vw = VideoWriter.open(file, w, h, 10, new VideoWriter.Options(VideoCodec.FFV1, 0))) {
            vw.write(packed);
            vw.write(strided, stride);
            vw.write(new Frame(w, h, stride, direct, 0, 0));
            assertEquals(3, vw.framesWritten());
        }
        assertEquals(17, strided.position(), "the caller's buffer position is unaffected");
        try (VideoFileSource src = VideoFileSource.open(file)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(0.0, TestClips.meanAbsError(src.grab(), w, h, 3), 0.0, "frame " + i);
            }
        }
    }

    @Test
    void replacesAnExistingFileOnlyWhenClosedAndAbortLeavesItUntouched() throws Exception {
        Path file = dir.resolve("keep.mp4");
        Files.writeString(file, "old content");
        VideoWriter w = VideoWriter.open(file, 32, 32, 10);
        w.write(TestClips.pattern(32, 32, 0));
        assertEquals("old content", Files.readString(file), "the target is untouched while writing");
        assertEquals(2, listing(dir).size(), "a temporary file sits beside the target");
        w.abort();
        w.abort();
        assertEquals("old content", Files.readString(file));
        assertEquals(List.of("keep.mp4"), listing(dir));
        assertThrows(IllegalStateException.class, () -> w.write(TestClips.pattern(32, 32, 0)));

        TestClips.write(file, VideoCodec.H264, 32, 32, 2, 10);
        assertEquals(List.of("keep.mp4"), listing(dir));
        assertTrue(Files.size(file) > 100);
    }

    @Test
    void closingWithoutFramesFailsAndLeavesNothing() throws Exception {
        VideoWriter w = VideoWriter.open(dir.resolve("empty.mp4"), 32, 32, 10);
        MocapIOException e = assertThrows(MocapIOException.class, w::close);
        assertTrue(e.getMessage().contains("empty.mp4") && e.getMessage().contains("no frame"), e.getMessage());
        assertEquals(List.of(), listing(dir));
        w.close();
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseThrows() throws Exception {
        VideoWriter w = VideoWriter.open(dir.resolve("a.avi"), 16, 16, 10);
        w.write(TestClips.pattern(16, 16, 0));
        w.close();
        w.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.write(TestClips.pattern(16, 16, 0)));
        assertTrue(e.getMessage().contains("VideoWriter"), e.getMessage());
    }

    @Test
    void rejectsBadArgumentsWithMessagesNamingThem() throws Exception {
        Path mp4 = dir.resolve("x.mp4");
        IllegalArgumentException ext = assertThrows(IllegalArgumentException.class,
                () -> VideoWriter.open(dir.resolve("x.gif"), 16, 16, 10));
        assertTrue(ext.getMessage().contains("'gif'") && ext.getMessage().contains("webm"), ext.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VideoWriter.open(mp4, 0, 16, 10));
        assertThrows(IllegalArgumentException.class, () -> VideoWriter.open(mp4, 16, 16, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> VideoWriter.open(mp4, 16, 16, 0));
        IllegalArgumentException container = assertThrows(IllegalArgumentException.class,
                () -> VideoWriter.open(dir.resolve("x.webm"), 16, 16, 10, new VideoWriter.Options(VideoCodec.H264, 0)));
        assertTrue(container.getMessage().contains("webm") && container.getMessage().contains("H264"), container.getMessage());
        MocapIOException folder = assertThrows(MocapIOException.class,
                () -> VideoWriter.open(dir.resolve("missing/x.mp4"), 16, 16, 10));
        assertTrue(folder.getMessage().contains("missing") && folder.getMessage().contains("does not exist"), folder.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VideoWriter.Options(null, -1));

        try (VideoWriter w = VideoWriter.open(mp4, 16, 16, 10)) {
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                    () -> w.write(TestClips.pattern(17, 16, 0)));
            assertTrue(size.getMessage().contains("16x16"), size.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.write(ByteBuffer.allocate(100), 48));
            assertThrows(IllegalArgumentException.class, () -> w.write(ByteBuffer.allocate(16 * 48), 47));
            w.write(TestClips.pattern(16, 16, 0));
        }
        assertFalse(listing(dir).stream().anyMatch(n -> n.endsWith(".part")));
    }
}
