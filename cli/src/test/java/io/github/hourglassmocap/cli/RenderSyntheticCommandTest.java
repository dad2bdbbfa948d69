package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.plugin.internal.render.GroundTruthFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders offscreen: needs xvfb-run on a headless machine (CI runs the build under it).
 */
class RenderSyntheticCommandTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void rendersAVideoAndADefaultNamedTruthFile() throws Exception {
        Path video = tmp.resolve("clip.mp4");
        String[] r = run("render-synthetic", "--character", "oto", "--motion", "Walk", "--out", video.toString(),
                "--width", "161", "--height", "121", "--fps", "24", "--frames", "4", "--camera", "azimuth=20,fov=50",
                "--background", "plain", "--background-color", "#203040", "--samples", "1");
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.size(video) > 0);
        Path truth = tmp.resolve("clip.truth.json");
        assertTrue(r[1].contains("wrote " + video) && r[1].contains(truth.toString()), r[1]);
        assertTrue(r[1].contains("ms/frame"), r[1]);
        GroundTruthFile t = GroundTruthFile.read(truth);
        assertEquals(4, t.frames().size());
        assertEquals(161, t.header().width());
        assertEquals(121, t.header().height());
        assertEquals(24, t.header().frameRateHz(), 0);
        assertEquals("plain", t.header().background());
        assertTrue(t.header().camera().contains("azimuth=20") && t.header().camera().contains("fov=50"), t.header().camera());
    }

    @Test
    void listsClips() {
        String[] r = run("render-synthetic", "--character", "sinbad", "--list-clips");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("clips: Dance, DrawSwords"), r[1]);
        assertTrue(r[1].contains("joints (69)"), r[1]);
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhatToDo() {
        Path video = tmp.resolve("never.mp4");
        String[] r = run("render-synthetic", "--character", "sinbad", "--motion", "Moonwalk", "--out", video.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("no clip 'Moonwalk'") && r[2].contains("RunBase"), r[2]);
        r = run("render-synthetic", "--character", "gollum", "--motion", "Walk", "--out", video.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("'gollum'") && r[2].contains("[jaime, sinbad, ninja, oto, elephant]"), r[2]);
        r = run("render-synthetic", "--character", "sinbad", "--motion", "Dance", "--out", video.toString(), "--camera", "zoom=2");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown camera key 'zoom'"), r[2]);
        r = run("render-synthetic", "--character", "sinbad", "--motion", "Dance", "--out", video.toString(),
                "--background-color", "green");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("#RRGGBB"), r[2]);
        r = run("render-synthetic", "--character", "sinbad", "--motion", "Dance",
                "--out", tmp.resolve("missing/folder/x.mp4").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("does not exist"), r[2]);
        r = run("render-synthetic", "--character", "sinbad", "--motion", "Dance", "--out", video.toString(),
                "--frames", "3", "--duration", "1");
        assertEquals("2", r[0]);
        r = run("render-synthetic", "--character", "sinbad", "--out", video.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--motion is required"), r[2]);
        assertFalse(Files.exists(video));
    }
}
