package io.github.hourglassmocap.retarget.humanoid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.testutil.TestBvh;
import java.util.List;
import org.junit.jupiter.api.Test;

class RigDescriptionTest {
    private static final RigDescription TREE = new RigDescription("tree", List.of("a", "b", "c", "d", "e"),
            new int[] {-1, 0, 1, 1, 0}, new double[15]);

    @Test
    void hierarchyQueries() {
        assertEquals(2, TREE.depth(3));
        assertTrue(TREE.isAncestor(0, 3));
        assertFalse(TREE.isAncestor(3, 3));
        assertEquals(List.of(2, 3), TREE.children(1));
        assertEquals(List.of(1, 3), TREE.pathBelow(0, 3));
        assertEquals(List.of(), TREE.pathBelow(4, 3));
        assertEquals(1, TREE.commonAncestor(2, 3));
        assertEquals(0, TREE.commonAncestor(2, 4));
        assertEquals(1, TREE.commonAncestor(1, 3));
        assertEquals(3, TREE.findIndex("d"));
        assertEquals(-1, TREE.findIndex("z"));
    }

    @Test
    void rejectsBadRigs() {
        assertThrows(IllegalArgumentException.class,
                () -> new RigDescription("dup", List.of("a", "a"), new int[] {-1, 0}, new double[6]));
        assertThrows(IllegalArgumentException.class,
                () -> new RigDescription("cycle", List.of("a", "b"), new int[] {1, 0}, new double[6]));
        assertThrows(IllegalArgumentException.class,
                () -> new RigDescription("short", List.of("a", "b"), new int[] {-1, 0}, new double[5]));
        assertThrows(IllegalArgumentException.class,
                () -> new RigDescription("nan", List.of("a"), new int[] {-1}, new double[] {0, Double.NaN, 0}));
    }

    @Test
    void bvhRestPoseIsTheZeroPose() throws Exception {
        RigDescription r = RigDescription.of("tpose", BvhReader.readAll(TestBvh.path(TestBvh.ACRNN_TPOSE)).skeleton());
        int lShldr = r.findIndex("lShldr");
        int rShldr = r.findIndex("rShldr");
        assertEquals(-r.rest(lShldr, 0), r.rest(rShldr, 0), 1e-9);
        assertTrue(r.rest(lShldr, 0) > 0, "left is +X");
    }

    @Test
    void aMotionFrameCanServeAsRestPose() throws Exception {
        var m = BvhReader.readAll(TestBvh.path(TestBvh.ICLONE));
        RigDescription zero = RigDescription.of("zero", m.skeleton());
        RigDescription first = RigDescription.of("first", m.skeleton(), m.frame(0, new double[m.skeleton().channelCount()]));
        int foot = first.findIndex("CC_Base_L_Foot");
        int hip = first.findIndex("CC_Base_Hip");
        // the CC rig's all-zero pose has its legs pointing up (foot 95 cm above the hips); its first frame stands
        assertTrue(zero.rest(foot, 1) - zero.rest(hip, 1) > 80);
        assertTrue(first.rest(foot, 1) - first.rest(hip, 1) < -80);
    }
}
