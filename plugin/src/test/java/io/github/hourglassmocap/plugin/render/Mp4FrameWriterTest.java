package io.github.hourglassmocap.plugin.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.video.Frame;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4FrameWriterTest {
    @TempDir
    Path dir;

    /** Left half one colour, right half another, with a row stride wider than the image. */
    private static Frame split(int w, int h, int left, int right, long index) {
        int stride = w * 3 + 7;
        ByteBuffer b = ByteBuffer.allocate(stride * h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = x < w / 2 ? left : right;
                int i = y * stride + 3 * x;
                b.put(i, (byte) rgb);
                b.put(i + 1, (byte) (rgb >> 8));
                b.put(i + 2, (byte) (rgb >> 16));
            }
        }
        return new Frame(w, h, stride, b, 0, index);
    }

    @Test
    void writesAnMp4ThatDecodesToTheFramesColours() throws Exception {
        Path video = dir.resolve("out.mp4");
        try (Mp4FrameWriter w = new Mp4FrameWriter(video, 160, 120, 30, 1000)) {
            for (int i = 0; i < 12; i++) {
                w.write(split(160, 120, 0xff0000, 0x0000ff, i));
            }
            w.finish();
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(video), files.toList(), "no temporary file left behind");
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.start();
            assertEquals(160, g.getImageWidth());
            assertEquals(120, g.getImageHeight());
            assertEquals(30, g.getFrameRate(), 0.01);
            int count = 0;
            org.bytedeco.javacv.Frame f;
            while ((f = g.grabImage()) != null) {
                ByteBuffer px = (ByteBuffer) f.image[0];
                int row = f.imageStride;
                int li = 60 * row + 3 * 40;
                int ri = 60 * row + 3 * 120;
                assertEquals(255, px.get(li + 2) & 0xff, 12, "left is red (R)");
                assertEquals(0, px.get(li) & 0xff, 12, "left is red (B)");
                assertEquals(255, px.get(ri) & 0xff, 12, "right is blue (B)");
                assertEquals(0, px.get(ri + 2) & 0xff, 12, "right is blue (R)");
                count++;
            }
            assertEquals(12, count);
            g.stop();
        }
    }

    @Test
    void anAbandonedWriteLeavesNoFile() throws Exception {
        Path video = dir.resolve("abandoned.mp4");
        Mp4FrameWriter w = new Mp4FrameWriter(video, 64, 48, 25, 500);
        w.write(split(64, 48, 0x00ff00, 0x00ff00, 0));
        w.close();
        w.close();
        assertFalse(Files.exists(video));
        try (var files = Files.list(dir)) {
            assertTrue(files.toList().isEmpty(), "the temporary file is deleted");
        }
        assertThrows(IllegalStateException.class, () -> w.write(split(64, 48, 0, 0, 1)));
    }

    @Test
    void rejectsBadArguments() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new Mp4FrameWriter(dir.resolve("a.mp4"), 63, 48, 25, 500));
        assertThrows(IllegalArgumentException.class, () -> new Mp4FrameWriter(dir.resolve("a.mp4"), 64, 48, 0, 500));
        try (Mp4FrameWriter w = new Mp4FrameWriter(dir.resolve("b.mp4"), 64, 48, 25, 500)) {
            assertThrows(IllegalArgumentException.class, () -> w.write(split(32, 48, 0, 0, 0)));
        }
        assertEquals(1843, Mp4FrameWriter.defaultBitrateKbps(640, 480, 30));
    }
}
