package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.hourglassmocap.inference.video.Frame;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class ImageWarperTest {
    /** A 641x479 frame whose blue = x mod 256, green = y mod 256, red = 200. */
    static Frame gradient(boolean direct, int stridePad) {
        int w = 641;
        int h = 479;
        int stride = w * 3 + stridePad;
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(stride * h) : ByteBuffer.allocate(stride * h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.put(y * stride + x * 3, (byte) (x & 0xff));
                b.put(y * stride + x * 3 + 1, (byte) (y & 0xff));
                b.put(y * stride + x * 3 + 2, (byte) 200);
            }
        }
        return new Frame(w, h, stride, b, 0, 0);
    }

    private static float[] pixel(FloatBuffer t, int n, int u, int v) {
        int i = (v * n + u) * 3;
        return new float[] {t.get(i), t.get(i + 1), t.get(i + 2)};
    }

    @Test
    void axisAlignedCropCopiesPixelsAsRgbInTheRequestedRange() {
        for (boolean direct : new boolean[] {true, false}) {
            int n = 64;
            try (FloatPointer p = new FloatPointer((long) n * n * 3); ImageWarper w = new ImageWarper(n, p)) {
                Frame f = gradient(direct, direct ? 5 : 0);
                Mat[] reuse = new Mat[1];
                Mat m = ImageWarper.wrap(f, reuse);
                // a region whose crop pixel (u, v) lands exactly on image pixel (100 + u, 50 + v)
                Roi r = new Roi(100 + n / 2.0, 50 + n / 2.0, n, 0);
                w.warp(m, r.cropToImage(n), true, 1.0 / 255, 0);
                FloatBuffer t = p.asBuffer();
                float[] px = pixel(t, n, 10, 20);
                assertEquals(200 / 255f, px[0], 1e-5f); // red first
                assertEquals((50 + 20) / 255f, px[1], 1e-5f);
                assertEquals((100 + 10) / 255f, px[2], 1e-5f);
                // the -1..1 range of the detector
                w.warp(m, r.cropToImage(n), true, 2.0 / 255, -1);
                assertEquals(2 * 200 / 255f - 1, pixel(t, n, 0, 0)[0], 1e-5f);
                if (m != reuse[0]) {
                    m.close();
                } else {
                    reuse[0].close();
                }
            }
        }
    }

    @Test
    void rotatedCropAndBorders() {
        int n = 32;
        try (FloatPointer p = new FloatPointer((long) n * n * 3); ImageWarper w = new ImageWarper(n, p)) {
            Frame f = gradient(true, 0);
            Mat m = ImageWarper.wrap(f, new Mat[1]);
            // rotated by +90 degrees: crop +u runs along image +y, crop +v along image -x
            Roi r = new Roi(300 + 0.5, 200 + 0.5, n, Math.PI / 2);
            w.warp(m, r.cropToImage(n), true, 1, 0);
            FloatBuffer t = p.asBuffer();
            double[] xy = new double[2];
            r.toImage((5 + 0.5) / n, (9 + 0.5) / n, xy);
            float[] px = pixel(t, n, 5, 9);
            assertEquals(Math.round(xy[0] - 0.5) & 0xff, px[2], 1e-3f);
            assertEquals(Math.round(xy[1] - 0.5) & 0xff, px[1], 1e-3f);
            // letterbox with a black border: the top rows of a 641x479 frame's square are padding
            Letterbox lb = new Letterbox(641, 479);
            w.warp(m, lb.inputToImage(n), false, 2.0 / 255, -1);
            assertEquals(-1f, pixel(t, n, 16, 0)[0], 1e-6f);
            assertEquals(2 * 200 / 255f - 1, pixel(t, n, 16, 16)[0], 1e-5f);
            m.close();
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseThrows() {
        FloatPointer p = new FloatPointer(12L);
        ImageWarper w = new ImageWarper(2, p);
        w.close();
        w.close();
        assertThrows(IllegalStateException.class, () -> w.warp(new Mat(), new double[6], true, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ImageWarper(4, p));
        p.close();
    }
}
