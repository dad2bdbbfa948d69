package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument and input errors of {@code mocap bake}; the whole bake is tested end to end in the tests module. */
class BakeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void missingVideoExitsWithTwo() {
        String[] r = EvalLifterCommandTest.run("bake", tmp.resolve("none.mp4").toString(), "--out", tmp.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("none.mp4 not found"), r[2]);
    }

    @Test
    void unknownModelNamesTheChoices() throws Exception {
        Path video = Files.writeString(tmp.resolve("v.mp4"), "x");
        String[] r = EvalLifterCommandTest.run("bake", video.toString(), "--out", tmp.resolve("o").toString(),
                "--model", "huge");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("huge") && r[2].contains("lite"), r[2]);
    }

    @Test
    void theLifterIsAFileOrAShippedModelByName() throws Exception {
        Path video = Files.writeString(tmp.resolve("v.mp4"), "x");
        String[] r = EvalLifterCommandTest.run("bake", video.toString(), "--out", tmp.resolve("o").toString(),
                "--lifter", "nosuch", "--no-preview");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("unknown lifter 'nosuch'") && r[2].contains("htnet-f27 (htnet)"), r[2]);
        // a shipped name resolves: the bake gets as far as the (invalid) video
        String[] r2 = EvalLifterCommandTest.run("bake", video.toString(), "--out", tmp.resolve("o2").toString(),
                "--lifter", "htnet", "--no-preview");
        assertEquals("1", r2[0]);
        assertTrue(r2[2].contains("v.mp4") && !r2[2].contains("unknown lifter"), r2[2]);
    }

    @Test
    void unwritableOutputAndNonVideoAreClearErrors() throws Exception {
        Path notVideo = Files.writeString(tmp.resolve("notes.mp4"), "this is not a video");
        String[] r = EvalLifterCommandTest.run("bake", notVideo.toString(), "--out",
                notVideo.resolve("sub").toString(), "--no-preview");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("not writable"), r[2]);
        String[] r2 = EvalLifterCommandTest.run("bake", notVideo.toString(), "--out", tmp.resolve("o").toString(),
                "--no-preview");
        assertEquals("1", r2[0]);
        assertTrue(r2[2].contains("notes.mp4"), r2[2]);
    }
}
