package io.github.hourglassmocap.retarget.bvh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BvhMotionTest {
    private static final BvhSkeleton ONE = new BvhSkeleton(List.of(new BvhJoint("a", 0, -1, new double[3],
            List.of(BvhChannel.XPOSITION, BvhChannel.YROTATION), 0, null)));

    @Test
    void framesAndValues() {
        BvhMotion m = new BvhMotion(ONE, 0.5, 2, new float[] {1, 2, 3, 4});
        assertEquals(4f, m.value(1, 1), 0f);
        double[] f = m.frame(1, new double[2]);
        assertEquals(3, f[0], 0);
        assertThrows(IndexOutOfBoundsException.class, () -> m.value(2, 0));
    }

    @Test
    void rejectsWrongSizesAndRates() {
        assertThrows(IllegalArgumentException.class, () -> new BvhMotion(ONE, 0.5, 2, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new BvhMotion(ONE, 0, 1, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> new BvhMotion(ONE, Double.NaN, 1, new float[2]));
    }
}
