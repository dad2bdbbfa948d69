package io.github.hourglassmocap.retarget.bvh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BvhSkeletonTest {
    private static final double[] ZERO = {0, 0, 0};
    private static final List<BvhChannel> ROT = List.of(BvhChannel.ZROTATION, BvhChannel.XROTATION, BvhChannel.YROTATION);

    @Test
    void lookupsAndChannelLayout() {
        BvhSkeleton s = new BvhSkeleton(List.of(new BvhJoint("a", 0, -1, ZERO, ROT, 0, null),
                new BvhJoint("b", 1, 0, new double[] {0, 1, 0}, ROT, 3, new double[] {0, 2, 0})));
        assertEquals(6, s.channelCount());
        assertEquals(1, s.getIndex("b"));
        assertEquals(-1, s.findIndex("c"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.getIndex("c"));
        assertEquals("no joint named 'c' in the skeleton; joints: [a, b]", e.getMessage());
        assertEquals(1.0, s.joint(1).offset(1), 0);
        assertEquals(2.0, s.joint(1).endSite()[1], 0);
    }

    @Test
    void rejectsInconsistentJoints() {
        assertThrows(IllegalArgumentException.class, () -> new BvhSkeleton(List.of()));
        // channels must be contiguous in joint order
        assertThrows(IllegalArgumentException.class, () -> new BvhSkeleton(List.of(
                new BvhJoint("a", 0, -1, ZERO, ROT, 0, null), new BvhJoint("b", 1, 0, ZERO, ROT, 4, null))));
        assertThrows(IllegalArgumentException.class, () -> new BvhSkeleton(List.of(
                new BvhJoint("a", 0, -1, ZERO, ROT, 0, null), new BvhJoint("a", 1, 0, ZERO, ROT, 3, null))));
        assertThrows(IllegalArgumentException.class, () -> new BvhJoint("x", 1, 1, ZERO, ROT, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new BvhJoint("x", 0, -1, new double[2], ROT, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new BvhJoint("x", 0, -1, ZERO,
                List.of(BvhChannel.XROTATION, BvhChannel.XROTATION), 0, null));
    }

    @Test
    void channelNames() {
        assertEquals(BvhChannel.YPOSITION, BvhChannel.find("yposition"));
        assertEquals(BvhChannel.ZROTATION, BvhChannel.find("ZROTATION"));
        assertEquals(null, BvhChannel.find("Wrotation"));
        assertEquals(2, BvhChannel.ZROTATION.axis());
        assertEquals(false, BvhChannel.XPOSITION.isRotation());
        assertEquals("Xrotation", BvhChannel.XROTATION.fileName());
    }
}
