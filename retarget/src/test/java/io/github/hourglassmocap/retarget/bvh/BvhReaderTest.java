package io.github.hourglassmocap.retarget.bvh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.retarget.testutil.TestBvh;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class BvhReaderTest {
    static final String SMALL = String.join("\n",
            "HIERARCHY",
            "ROOT Hips",
            "{",
            "\tOFFSET 0 0 0",
            "\tCHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation",
            "\tJOINT Spine {",
            "\t\tOFFSET 0 10 0",
            "\t\tCHANNELS 3 Yrotation Zrotation Xrotation",
            "\t\tEnd Site",
            "\t\t{",
            "\t\t\tOFFSET 0 5 0",
            "\t\t}",
            "\t}",
            "\tJOINT Leg",
            "\t{",
            "\t\tOFFSET 2 -1 0",
            "\t\tCHANNELS 6 Zrotation Xposition Yposition Zposition Xrotation Yrotation",
            "\t\tEnd Site { OFFSET 0 -20 0 }",
            "\t}",
            "}",
            "MOTION",
            "Frames: 2",
            "Frame Time: 3.3333e-2",
            "1 2 3 10 20 30 1e1 2E0 -3.5 0 0 0 4 5 6",
            "  \t-1 -2 -3 0 0 0 0 0 0 0 0 0 0 0 0  ",
            "");

    @Test
    void readsHierarchyChannelsEndSitesAndExponentNumbers() throws Exception {
        BvhMotion m = BvhReader.readAll(SMALL, "small");
        BvhSkeleton s = m.skeleton();
        assertEquals(List.of("Hips", "Spine", "Leg"), s.names());
        assertArrayEquals(new int[] {-1, 0, 0}, s.parents());
        assertEquals(15, s.channelCount());
        assertEquals(6, s.joint(1).firstChannel());
        assertEquals(9, s.joint(2).firstChannel());
        assertEquals(List.of(BvhChannel.YROTATION, BvhChannel.ZROTATION, BvhChannel.XROTATION), s.joint(1).channels());
        assertArrayEquals(new double[] {0, 5, 0}, s.joint(1).endSite(), 0.0);
        assertArrayEquals(new double[] {0, -20, 0}, s.joint(2).endSite(), 0.0);
        assertNull(s.joint(0).endSite());
        assertEquals(2, m.frameCount());
        assertEquals(0.033333, m.frameTimeSeconds(), 1e-9);
        assertEquals(10f, m.value(0, 6), 0f);
        assertEquals(2f, m.value(0, 7), 0f);
        assertEquals(-3.5f, m.value(0, 8), 0f);
        assertEquals(-1f, m.value(1, 0), 0f);
    }

    @Test
    void crlfAndCrOnlyLineEndsReadTheSame() throws Exception {
        BvhMotion lf = BvhReader.readAll(SMALL, "lf");
        BvhMotion crlf = BvhReader.readAll(SMALL.replace("\n", "\r\n"), "crlf");
        BvhMotion cr = BvhReader.readAll(SMALL.replace("\n", "\r"), "cr");
        for (BvhMotion m : List.of(crlf, cr)) {
            assertEquals(lf.skeleton().names(), m.skeleton().names());
            for (int c = 0; c < 15; c++) {
                assertEquals(lf.value(1, c), m.value(1, c), 0f);
            }
        }
    }

    @Test
    void streamsFrameByFrame() throws Exception {
        try (BvhReader r = BvhReader.open(new StringReader(SMALL), "small")) {
            double[] f = new double[r.skeleton().channelCount()];
            assertEquals(0, r.framesRead());
            assertTrue(r.nextFrame(f));
            assertEquals(30, f[5], 0);
            assertTrue(r.nextFrame(f));
            assertEquals(-2, f[1], 0);
            assertFalse(r.nextFrame(f));
            assertEquals(2, r.framesRead());
        }
    }

    @Test
    void readingAfterCloseThrowsAndCloseIsIdempotent() throws Exception {
        BvhReader r = BvhReader.open(new StringReader(SMALL), "small");
        r.close();
        r.close();
        assertThrows(IllegalStateException.class, () -> r.nextFrame(new double[15]));
    }

    @Test
    void readsBothCmuRigs() throws Exception {
        BvhMotion iclone = BvhReader.readAll(TestBvh.path(TestBvh.ICLONE));
        assertEquals("CC_Base_Hip", iclone.skeleton().joint(0).name());
        assertEquals(100, iclone.skeleton().size());
        assertEquals(303, iclone.skeleton().channelCount());
        assertEquals(5, iclone.frameCount());
        BvhMotion boneRoot = BvhReader.readAll(TestBvh.path(TestBvh.ICLONE_BONEROOT));
        assertEquals("RL_BoneRoot", boneRoot.skeleton().joint(0).name());
        BvhMotion acrnn = BvhReader.readAll(TestBvh.path(TestBvh.ACRNN));
        assertEquals(43, acrnn.skeleton().size());
        assertEquals(132, acrnn.skeleton().channelCount());
        assertEquals(13, acrnn.frameCount());
        assertEquals(0.00833333, acrnn.frameTimeSeconds(), 1e-12);
        assertEquals(List.of(BvhChannel.ZROTATION, BvhChannel.XROTATION, BvhChannel.YROTATION),
                acrnn.skeleton().joint(1).channels());
        assertNotNull(BvhReader.readAll(TestBvh.path(TestBvh.ACRNN_TPOSE)));
    }
}
