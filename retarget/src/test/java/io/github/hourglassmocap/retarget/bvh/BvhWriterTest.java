package io.github.hourglassmocap.retarget.bvh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.retarget.internal.skeleton.ForwardKinematics;
import io.github.hourglassmocap.retarget.testutil.TestBvh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BvhWriterTest {
    @TempDir
    Path tmp;

    @Test
    void readWriteReadGivesTheSameWorldPositionsOnBothRigs() throws Exception {
        for (String name : List.of(TestBvh.ICLONE, TestBvh.ICLONE_BONEROOT, TestBvh.ACRNN, TestBvh.ACRNN_TPOSE)) {
            BvhMotion a = BvhReader.readAll(TestBvh.path(name));
            Path copy = tmp.resolve(name);
            BvhWriter.write(copy, a);
            BvhMotion b = BvhReader.readAll(copy);
            assertEquals(a.skeleton().names(), b.skeleton().names());
            assertEquals(a.frameCount(), b.frameCount());
            assertEquals(a.frameTimeSeconds(), b.frameTimeSeconds(), 1e-12);
            ForwardKinematics fa = new ForwardKinematics(a.skeleton());
            ForwardKinematics fb = new ForwardKinematics(b.skeleton());
            double[] ca = new double[a.skeleton().channelCount()];
            double[] cb = new double[b.skeleton().channelCount()];
            for (int f = 0; f < a.frameCount(); f++) {
                fa.setFrame(a.frame(f, ca));
                fb.setFrame(b.frame(f, cb));
                for (int k = 0; k < fa.worldPositions().length; k++) {
                    // 1e-4 of a 165-185 unit tall rig
                    assertEquals(fa.worldPositions()[k], fb.worldPositions()[k], 0.0165, name + " frame " + f);
                }
            }
            for (int j = 0; j < a.skeleton().size(); j++) {
                assertEquals(a.skeleton().joint(j).hasEndSite(), b.skeleton().joint(j).hasEndSite());
                assertEquals(a.skeleton().joint(j).channels(), b.skeleton().joint(j).channels());
            }
        }
    }

    @Test
    void roundTripCheckReportsATinyRelativeError() throws Exception {
        BvhRoundTrip.Result r = BvhRoundTrip.check(TestBvh.path(TestBvh.ACRNN), tmp);
        assertEquals(13, r.frames());
        assertEquals(43, r.joints());
        assertTrue(r.relativeError() < 1e-4, "relative error " + r.relativeError());
        assertEquals(165.7, r.sizeUnits(), 0.5, "stature of the Poser rig in centimetres");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "the temporary copy is deleted");
        }
    }

    @Test
    void numbersArePlainDecimalsWithoutExponents() {
        StringBuilder sb = new StringBuilder();
        for (double v : new double[] {0, -0.0, 1e-7, 1.5e-5, -2.25, 105.214241, 3.14654e-15, 123456789.0, -0.0000015}) {
            BvhWriter.appendNumber(sb, v, 6);
            sb.append(' ');
        }
        assertEquals("0 0 0 0.000015 -2.25 105.214241 0 123456789 -0.000001 ", sb.toString());
    }

    @Test
    void writesEndSitesForLeavesAndCanBeReadBack() throws Exception {
        BvhMotion m = BvhReader.readAll(BvhReaderTest.SMALL, "small");
        Path f = tmp.resolve("small.bvh");
        BvhWriter.write(f, m);
        String text = Files.readString(f);
        assertTrue(text.startsWith("HIERARCHY\nROOT Hips\n{\n\tOFFSET 0 0 0\n"), text);
        assertTrue(text.contains("\tJOINT Leg\n\t{\n\t\tOFFSET 2 -1 0\n\t\tCHANNELS 6 Zrotation Xposition Yposition Zposition"
                + " Xrotation Yrotation\n\t\tEnd Site\n\t\t{\n\t\t\tOFFSET 0 -20 0\n"), text);
        assertTrue(text.contains("MOTION\nFrames: 2\nFrame Time: 0.033333\n1 2 3 10 20 30 10 2 -3.5 0 0 0 4 5 6\n"), text);
        assertEquals(m.skeleton().names(), BvhReader.readAll(f).skeleton().names());
    }

    @Test
    void fewerFramesThanDeclaredLeavesNoFile() throws Exception {
        BvhMotion m = BvhReader.readAll(BvhReaderTest.SMALL, "small");
        Path f = tmp.resolve("short.bvh");
        BvhWriter w = BvhWriter.open(f, m.skeleton(), 0.1, 2);
        w.writeFrame(new double[15]);
        MocapIOException e = assertThrows(MocapIOException.class, w::close);
        assertTrue(e.getMessage().contains("1 of the 2"), e.getMessage());
        w.close();
        assertFalse(Files.exists(f));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count());
        }
        assertThrows(IllegalStateException.class, () -> w.writeFrame(new double[15]));
        BvhWriter w2 = BvhWriter.open(f, m.skeleton(), 0.1, 1);
        assertThrows(IllegalArgumentException.class, () -> w2.writeFrame(new double[] {Double.NaN, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0}));
        w2.writeFrame(new double[15]);
        assertThrows(IllegalStateException.class, () -> w2.writeFrame(new double[15]));
        w2.close();
        assertTrue(Files.exists(f));
    }
}
