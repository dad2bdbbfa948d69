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
}
