package io.github.hourglassmocap.retarget.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Take17Test {
    @Test
    void indexesFrameJointAxis() {
        float[] d = new float[2 * 51];
        d[51 + 16 * 3 + 2] = 7;
        Take17 t = new Take17(d, 30, 120, "x.bvh");
        assertEquals(2, t.frames());
        assertEquals(7f, t.get(1, 16, 2), 0f);
        assertEquals(120, t.sourceFrameRateHz(), 0);
        assertEquals("x.bvh", t.source());
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(0, 17, 0));
        assertThrows(IllegalArgumentException.class, () -> new Take17(new float[50], 30, 30, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Take17(new float[51], 0, 30, "x"));
    }
}
