package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FuzzCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aShortRunReportsTheCountsAndNoOtherOutcome() throws Exception {
        Path work = tmp.resolve("work");
        String[] r = EvalLifterCommandTest.run("fuzz", "--seconds", "30", "--cases", "300", "--seed", "3", "--work",
                work.toString(), "--seeds", EvalLifterCommandTest.BVH.resolve("cmu-acrnn-salsa-01-excerpt.bvh").toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("fuzz: 300 cases in"), r[1]);
        assertTrue(r[1].contains(", 0 other"), r[1]);
        assertTrue(r[1].contains("lifter_manifest"), r[1]);
        assertTrue(Files.isDirectory(work.resolve("failures")));
    }

    @Test
    void badArgumentsAreErrors() {
        String[] r = EvalLifterCommandTest.run("fuzz", "--seconds", "0");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--seconds must be > 0"), r[2]);
        r = EvalLifterCommandTest.run("fuzz", "--seconds", "1", "--seeds", tmp.resolve("none").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("does not exist"), r[2]);
    }
}
