package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DepthMapTest {
    /** The window depth OpenGL stores for an eye distance z with a standard perspective projection. */
    private static float window(double z, double n, double f) {
        double ndc = (f + n) / (f - n) - 2 * f * n / ((f - n) * z);
        return (float) ((ndc + 1) / 2);
    }

    @Test
    void convertsPerspectiveAndParallelDepthsToMetres() {
        float n = 0.05f;
        float f = 200f;
        float[] w = {window(3.0, n, f), window(0.5, n, f), 1f, 0f};
        DepthMap m = new DepthMap(2, 2, w, n, f, false);
        assertEquals(3.0, m.depthMetres(0, 0), 3.0 * 1e-4);
        assertEquals(0.5, m.depthMetres(1, 0), 0.5 * 1e-4);
        assertEquals(Double.POSITIVE_INFINITY, m.depthMetres(0, 1), 0.0);
        assertEquals(n, m.depthMetres(1, 1), 1e-6, "window depth 0 is the near plane");
        DepthMap p = new DepthMap(2, 1, new float[] {0.5f, 0f}, 1f, 101f, true);
        assertEquals(51.0, p.depthMetres(0, 0), 1e-4);
        assertEquals(1.0, p.depthMetres(1, 0), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new DepthMap(2, 2, new float[3], n, f, false));
        assertThrows(IllegalArgumentException.class, () -> new DepthMap(1, 1, new float[1], 1f, 1f, false));
    }
}
