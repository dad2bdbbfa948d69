package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.video.VideoCodec;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import io.github.hourglassmocap.inference.video.VideoWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewInputTest {
    @TempDir
    Path dir;

    @Test
    void blitScalesIntoItsRegionOnly() {
        int sw = 641;
        int sh = 479;
        int stride = sw * 3 + 5;
        ByteBuffer src = ByteBuffer.allocate(stride * sh);
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                int o = y * stride + 3 * x;
                src.put(o, (byte) (x < sw / 2 ? 10 : 200)).put(o + 1, (byte) (y < sh / 2 ? 20 : 220)).put(o + 2, (byte) 7);
            }
        }
        int dw = 400;
        ByteBuffer dst = ByteBuffer.allocate(dw * 120 * 3);
        PreviewInput.blitScaled(src, sw, sh, stride, dst, dw * 3, 100, 160, 120);
        // left of the region untouched
        assertEquals(0, dst.get((10 * dw + 50) * 3));
        // top-left quarter of the region: blue 10, green 20
        assertEquals(10, dst.get((10 * dw + 110) * 3));
        assertEquals(20, dst.get((10 * dw + 110) * 3 + 1));
        assertEquals(7, dst.get((10 * dw + 110) * 3 + 2));
        // bottom-right quarter: 200, 220
        assertEquals((byte) 200, dst.get((110 * dw + 250) * 3));
        assertEquals((byte) 220, dst.get((110 * dw + 250) * 3 + 1));
        // right of the region untouched
        assertEquals(0, dst.get((110 * dw + 270) * 3));
    }

    @Test
    void drawsTheInputAgainScaledOnTheSourceThe2dPassReadAndClosesIt() throws Exception {
        int w = 641;
        int h = 601;
        Path file = dir.resolve("in.mkv");
        try (VideoWriter vw = VideoWriter.open(file, w, h, 25, new VideoWriter.Options(VideoCodec.FFV1, 0))) {
            for (int i = 0; i < 3; i++) {
                byte[] px = new byte[w * h * 3];
                java.util.Arrays.fill(px, (byte) (40 + 60 * i));
                vw.write(px);
            }
        }
        VideoFileSource src = VideoFileSource.open(file);
        List<Keypoints2D> kp = new ArrayList<>();
        long[] ts = {0L, 40_000_000L, 100_000_000L};
        for (int i = 0; src.grab() != null; i++) {
            kp.add(Keypoints2D.noPerson(i, ts[i], w, h, true));
        }
        PreviewInput in = new PreviewInput(src, kp);
        assertEquals(480, in.height(), "scaled to the preview's height");
        assertEquals(512, in.width(), "641 x 480 / 601 = 511.9, made even");
        assertEquals(3, in.frameCount());
        assertEquals(25.0, in.frameRateHz(), 1e-9);
        assertEquals(0.1, in.secondsAt(2), 1e-9, "the input's own times, not frame / rate");
        assertEquals(0.1, in.secondsAt(7), 1e-9, "clamped to the last frame");
        int stride = 700 * 3;
        ByteBuffer canvas = ByteBuffer.allocateDirect(stride * 480);
        for (int i = 0; i < 3; i++) {
            assertTrue(in.next(canvas, stride), "frame " + i);
            assertEquals(40 + 60 * i, canvas.get(240 * stride + 3 * 256) & 0xff, "frame " + i + " grey level");
            assertEquals(0, canvas.get(240 * stride + 3 * 600) & 0xff, "right of the panel untouched");
        }
        assertFalse(in.next(canvas, stride), "the end of the input");
        in.close();
        in.close();
        assertThrows(IllegalStateException.class, src::grab, "close() closes the source");
        assertThrows(IllegalStateException.class, () -> in.next(canvas, stride));
    }
}
