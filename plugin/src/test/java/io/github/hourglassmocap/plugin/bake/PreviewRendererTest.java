package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PreviewRendererTest {
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
        byte[] dst = new byte[dw * 120 * 3];
        PreviewRenderer.blitScaled(src, sw, sh, stride, dst, dw, 100, 160, 120);
        // left of the region untouched
        assertEquals(0, dst[(10 * dw + 50) * 3]);
        // top-left quarter of the region: blue 10, green 20
        assertEquals(10, dst[(10 * dw + 110) * 3]);
        assertEquals(20, dst[(10 * dw + 110) * 3 + 1]);
        assertEquals(7, dst[(10 * dw + 110) * 3 + 2]);
        // bottom-right quarter: 200, 220
        assertEquals((byte) 200, dst[(110 * dw + 250) * 3]);
        assertEquals((byte) 220, dst[(110 * dw + 250) * 3 + 1]);
        // right of the region untouched
        assertEquals(0, dst[(110 * dw + 270) * 3]);
    }
}
