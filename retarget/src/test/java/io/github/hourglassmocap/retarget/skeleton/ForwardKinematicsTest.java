package io.github.hourglassmocap.retarget.skeleton;

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
            "0 0 0 0 0 0 0 0 0 0 0 0",
            "10 0 0 90 0 0 0 0 0 0 0 0",
            "0 0 0 90 90 0 0 1 0 0 0 0", "");

    @Test
    void restPoseAddsOffsets() throws Exception {
        BvhMotion m = BvhReader.readAll(CHAIN, "chain");
        ForwardKinematics fk = new ForwardKinematics(m.skeleton());
        fk.setFrame(m.frame(0, new double[12]));
        double[] p = fk.worldPositions();
        assertEquals(1, p[0], 1e-12);
        assertEquals(12, p[4], 1e-12);
        double[] end = fk.pointInJoint(1, new double[] {0, 5, 0}, new double[3]);
        assertEquals(17, end[1], 1e-12);
    }

    @Test
    void positionsAddToTheOffsetAndRotationsApplyInListedOrder() throws Exception {
        BvhMotion m = BvhReader.readAll(CHAIN, "chain");
        ForwardKinematics fk = new ForwardKinematics(m.skeleton());
        fk.setFrame(m.frame(1, new double[12]));
        double[] p = fk.worldPositions();
        // root at offset + (10, 0, 0); 90 degrees about Z turns B's +Y offset into -X
        assertEquals(11, p[0], 1e-9);
        assertEquals(1, p[3], 1e-9);
        assertEquals(2, p[4], 1e-9);
        fk.setFrame(m.frame(2, new double[12]));
        // Rz(90) * Rx(90): the +Y offset (plus B's own +1 Y position) goes Rx first: +Y -> +Z, then Rz keeps Z
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
