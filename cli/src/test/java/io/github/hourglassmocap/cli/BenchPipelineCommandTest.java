package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument errors of {@code mocap bench pipeline}; it is a benchmark, so its figures are never asserted. */
class BenchPipelineCommandTest {
    @TempDir
    Path tmp;

    @Test
    void missingVideoAndUnknownModeAreClearErrors() throws Exception {
        String[] r = EvalLifterCommandTest.run("bench", "pipeline", tmp.resolve("none.mp4").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("not found"), r[2]);
        Path video = Files.writeString(tmp.resolve("v.mp4"), "x");
        String[] r2 = EvalLifterCommandTest.run("bench", "pipeline", video.toString(), "--mode", "fast");
        assertEquals("1", r2[0]);
        assertTrue(r2[2].contains("[bake, live, both]"), r2[2]);
    }

    @Test
    void anUnknownLifterIsNamedWithTheShippedModels() throws Exception {
        Path video = Files.writeString(tmp.resolve("v.mp4"), "x");
        String[] r = EvalLifterCommandTest.run("bench", "pipeline", video.toString(), "--lifter", "gigapose-f243");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("unknown lifter 'gigapose-f243'") && r[2].contains("htnet-f27 (htnet)"), r[2]);
    }
}
