package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class PreviewInputTest {
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
    void recordsTheScaledFramesAndTheirTimesAndDeletesThemOnClose() throws Exception {
        int w = 641;
        int h = 601;
        PreviewInput.Recorder rec = PreviewInput.record(w, h, 25);
        long[] ts = {1_000_000_000L, 1_040_000_000L, 1_100_000_000L};
        for (int i = 0; i < ts.length; i++) {
            ByteBuffer px = ByteBuffer.allocateDirect(w * h * 3);
            for (int j = 0; j < w * h * 3; j++) {
                px.put(j, (byte) (40 + 60 * i));
            }
            rec.add(new Frame(w, h, w * 3, px, ts[i], i), Keypoints2D.noPerson(i, ts[i], w, h, true));
        }
        PreviewInput in = rec.finish();
        try {
            assertEquals(480, in.height(), "scaled to the preview's height");
            assertEquals(512, in.width(), "641 x 480 / 601 = 511.9, made even");
            assertEquals(3, in.frameCount());
            assertEquals(25.0, in.frameRateHz(), 1e-9);
            assertEquals(0.0, in.secondsAt(0), 1e-9);
            assertEquals(0.1, in.secondsAt(2), 1e-9, "the input's own times, not frame / rate");
            assertEquals(0.1, in.secondsAt(7), 1e-9, "clamped to the last frame");
            try (VideoFileSource src = VideoFileSource.open(in.video())) {
                assertEquals(512, src.width());
                assertEquals(480, src.height());
                int n = 0;
                Frame f;
                while ((f = src.grab()) != null) {
                    int blue = f.pixels().get(f.strideBytes() * 240 + 3 * 256) & 0xff;
                    assertEquals(40 + 60 * n, blue, 6, "frame " + n + " grey level (lossy codec)");
                    n++;
                }
                assertEquals(3, n);
            }
        } finally {
            in.close();
        }
        assertFalse(Files.exists(in.video()), "close() deletes the recording");
        in.close();
    }

    @Test
    void anAbortedRecordingLeavesNoFile() throws Exception {
        PreviewInput.Recorder rec = PreviewInput.record(64, 48, 30);
        ByteBuffer px = ByteBuffer.allocateDirect(64 * 48 * 3);
        rec.add(new Frame(64, 48, 64 * 3, px, 0, 0), Keypoints2D.noPerson(0, 0, 64, 48, true));
        rec.abort();
        assertThrows(IllegalStateException.class, () -> rec.add(new Frame(64, 48, 64 * 3, px, 1, 1),
                Keypoints2D.noPerson(1, 1, 64, 48, true)));
    }
}
