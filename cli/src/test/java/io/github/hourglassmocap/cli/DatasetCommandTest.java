package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {
    @TempDir
    Path tmp;

    @Test
    void convertsAFolderOfExcerpts() throws Exception {
        Path out = tmp.resolve("ds");
        String[] r = EvalLifterCommandTest.run("dataset", EvalLifterCommandTest.BVH.toString(), "--fps", "30", "--out",
                out.toString(), "--threads", "1");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("wrote 4 takes"), r[1]);
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"id\": \"bvh/cmu-iclone-001_01-excerpt\""), manifest);
        assertTrue(Files.isRegularFile(out.resolve("takes/bvh_cmu-acrnn-salsa-01-excerpt.npy")));
    }

    @Test
    void badArgumentsAndBadTakesAreErrors() throws Exception {
        Path out = tmp.resolve("ds");
        String[] r = EvalLifterCommandTest.run("dataset", EvalLifterCommandTest.BVH.toString(), "--fps", "0", "--out",
                out.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--fps must be a positive number"), r[2]);
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("x.bvh"), "HIERARCHY\nROOT a\n{\nOFFSET 0 0 0\nCHANNELS 1 Qrotation\n}\n");
        r = EvalLifterCommandTest.run("dataset", in.toString(), "--out", out.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("x.bvh:5: unknown channel 'Qrotation'"), r[2]);
        assertTrue(r[2].contains("nothing was written"), r[2]);
        assertFalse(Files.exists(out));
    }

    @Test
    void mappingFileAppliesToEveryTake() throws Exception {
        Path map = tmp.resolve("map.json");
        // swapping the arms makes the left wrist come out on the rig's right (-X) in the T-pose
        Files.writeString(map, "{\"version\": 1, \"bones\": {\"leftUpperArm\": \"rShldr\", \"leftLowerArm\": "
                + "\"rForeArm\", \"leftHand\": \"rHand\", \"leftShoulder\": null}}");
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.copy(EvalLifterCommandTest.BVH.resolve("cmu-acrnn-standard_tpose.bvh"), in.resolve("tpose.bvh"));
        Path out = tmp.resolve("mapped");
        String[] r = EvalLifterCommandTest.run("dataset", in.toString(), "--out", out.toString(), "--map", map.toString());
        assertEquals("0", r[0], r[2]);
        float[] data = io.github.hourglassmocap.retarget.internal.dataset.NpyWriter.read(out.resolve("takes/in_tpose.npy"), new int[3]);
        assertTrue(data[13 * 3] < -0.5f, "left wrist x " + data[13 * 3]);
        Files.writeString(map, "{\"version\": 1, \"bones\": {\"leftHand\": \"nope\"}}");
        r = EvalLifterCommandTest.run("dataset", in.toString(), "--out", tmp.resolve("x").toString(), "--map",
                map.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("'nope'"), r[2]);
    }
}
