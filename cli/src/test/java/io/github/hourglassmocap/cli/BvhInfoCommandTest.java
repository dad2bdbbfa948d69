package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BvhInfoCommandTest {
    static final Path BVH = EvalLifterCommandTest.BVH;

    @TempDir
    Path tmp;

    @Test
    void printsRigFramesRateDurationAndMap() {
        String[] r = EvalLifterCommandTest.run("bvh-info", BVH.resolve("cmu-acrnn-salsa-01-excerpt.bvh").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("rig: Poser/DAZ naming, root hip, 43 joints, 132 channels"), r[1]);
        assertTrue(r[1].contains("13 frames, Frame Time 0.00833333 s (120.0 fps), duration 0.11 s"), r[1]);
        assertTrue(r[1].matches("(?s).*leftUpperArm\\s+lShldr.*"), r[1]);
        assertTrue(r[1].contains("unmapped (2): rButtock, lButtock"), r[1]);
    }

    @Test
    void roundTripsAFolder() {
        String[] r = EvalLifterCommandTest.run("bvh-info", "--brief", "--roundtrip", BVH.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("round trip: 4 files"), r[1]);
        assertTrue(r[1].contains("0 failed"), r[1]);
    }

    @Test
    void malformedFileIsAnErrorWithItsLine() throws Exception {
        Path bad = tmp.resolve("bad.bvh");
        Files.writeString(bad, "HIERARCHY\nROOT a\n{\nOFFSET 0 0\n}\n");
        String[] r = EvalLifterCommandTest.run("bvh-info", bad.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("bad.bvh:4: OFFSET of joint 'a' has 2 numbers; expected 3"), r[2]);
    }

    @Test
    void mappingFileCompletesTheMap() throws Exception {
        Path map = tmp.resolve("map.json");
        Files.writeString(map, "{\"version\": 1, \"bones\": {\"leftUpperArm\": \"lCollar\", \"leftShoulder\": null}}");
        String[] r = EvalLifterCommandTest.run("bvh-info", "--map", map.toString(),
                BVH.resolve("cmu-acrnn-standard_tpose.bvh").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].matches("(?s).*leftUpperArm\\s+lCollar.*"), r[1]);
        assertTrue(!r[1].contains("leftShoulder"), r[1]);
    }

    @Test
    void savedMapReadsBackAsAMappingFile() throws Exception {
        Path map = tmp.resolve("saved.json");
        String[] r = EvalLifterCommandTest.run("bvh-info", "--save-map", map.toString(),
                BVH.resolve("cmu-iclone-001_01-excerpt.bvh").toString());
        assertEquals("0", r[0], r[2]);
        String json = Files.readString(map);
        assertTrue(json.contains("\"leftUpperLeg\": \"CC_Base_L_Thigh\""), json);
        r = EvalLifterCommandTest.run("bvh-info", "--map", map.toString(), BVH.resolve("cmu-iclone-001_01-excerpt.bvh").toString());
        assertEquals("0", r[0], r[2]);
        r = EvalLifterCommandTest.run("bvh-info", "--save-map", map.toString(), BVH.toString());
        assertEquals("2", r[0]);
    }
}
