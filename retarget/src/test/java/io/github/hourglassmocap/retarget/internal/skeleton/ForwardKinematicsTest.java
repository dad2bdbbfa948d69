package io.github.hourglassmocap.retarget.internal.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.hourglassmocap.retarget.bvh.BvhMotion;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import org.junit.jupiter.api.Test;

class ForwardKinematicsTest {
    private static final String CHAIN = String.join("\n", "HIERARCHY", "ROOT A", "{", "OFFSET 1 2 3",
            "CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation", "JOINT B", "{", "OFFSET 0 10 0",
            "CHANNELS 6 Xposition Yposition Zposition Xrotation Yrotation Zrotation", "End Site", "{", "OFFSET 0 5 0",
            "}", "}", "}", "MOTION", "Frames: 3", "Frame Time: 1",
            "1 2 3 0 0 0 0 10 0 0 0 0",
            "10 2 3 90 0 0 0 10 0 0 0 0",
            "1 2 3 90 90 0 0 11 0 0 0 0", "");

    @Test
    void restPoseIsTheOffsets() throws Exception {
        BvhMotion m = BvhReader.readAll(CHAIN, "chain");
        ForwardKinematics fk = new ForwardKinematics(m.skeleton());
        fk.setRest();
        double[] p = fk.worldPositions();
        assertEquals(1, p[0], 1e-12);
        assertEquals(12, p[4], 1e-12);
        double[] end = fk.pointInJoint(1, new double[] {0, 5, 0}, new double[3]);
        assertEquals(17, end[1], 1e-12);
    }

    @Test
    void positionsReplaceTheOffsetAndRotationsApplyInListedOrder() throws Exception {
        // every joint has position channels: each channel is the joint's local translation (it replaces the OFFSET)
        BvhMotion m = BvhReader.readAll(CHAIN, "chain");
        ForwardKinematics fk = new ForwardKinematics(m.skeleton());
        fk.setFrame(m.frame(0, new double[12]));
        double[] p = fk.worldPositions();
        assertEquals(1, p[0], 1e-12);
        assertEquals(12, p[4], 1e-12);
        fk.setFrame(m.frame(1, new double[12]));
        // root at (10, 2, 3); 90 degrees about Z turns B's +Y translation into -X
        assertEquals(10, p[0], 1e-9);
        assertEquals(0, p[3], 1e-9);
        assertEquals(2, p[4], 1e-9);
        fk.setFrame(m.frame(2, new double[12]));
        // Rz(90) * Rx(90): B's translation (0, 11, 0) goes Rx first: +Y -> +Z, then Rz keeps Z
        assertEquals(1, p[3], 1e-9);
        assertEquals(2, p[4], 1e-9);
        assertEquals(3 + 11, p[5], 1e-9);
    }

    @Test
    void rejectsShortFrames() throws Exception {
        BvhMotion m = BvhReader.readAll(CHAIN, "chain");
        ForwardKinematics fk = new ForwardKinematics(m.skeleton());
        assertThrows(IllegalArgumentException.class, () -> fk.setFrame(new double[11]));
        assertThrows(IllegalArgumentException.class, () -> fk.setLocal(new double[4], new double[6]));
    }
}
