package io.github.hourglassmocap.retarget.bvh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.retarget.testutil.TestBvh;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BvhRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void ccRigComesBackExactlyAndUsesItsStature() throws Exception {
        BvhRoundTrip.Result r = BvhRoundTrip.check(TestBvh.path(TestBvh.ICLONE_BONEROOT), tmp);
        assertEquals(5, r.frames());
        assertEquals(101, r.joints());
        assertEquals(184.6, r.sizeUnits(), 0.5, "CC rig stature in centimetres");
        assertTrue(r.maxErrorUnits() < 1e-6, "6-decimal input is written back exactly: " + r.maxErrorUnits());
    }

    @Test
    void aRigThatDoesNotMapUsesItsRestSize() throws Exception {
        Path f = tmp.resolve("stick.bvh");
        Files.writeString(f, "HIERARCHY\nROOT a\n{\nOFFSET 0 0 0\nCHANNELS 3 Zrotation Xrotation Yrotation\nJOINT b\n{\n"
                + "OFFSET 0 2 0\nCHANNELS 3 Zrotation Xrotation Yrotation\nEnd Site\n{\nOFFSET 0 1 0\n}\n}\n}\nMOTION\n"
                + "Frames: 1\nFrame Time: 0.1\n10.1234567 0 0 0 0 0\n");
        BvhRoundTrip.Result r = BvhRoundTrip.check(f, tmp);
        assertEquals(2.0, r.sizeUnits(), 1e-12);
        assertTrue(r.relativeError() < 1e-6, "error " + r.relativeError());
        assertTrue(r.maxErrorUnits() > 0, "the 7th decimal is rounded away");
    }
}
