package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeypointsCommandTest {
    /** A rendered clip of the inference module's tests (see its clips/README.md). */
    static final Path CLIP = Path.of("..", "inference", "src", "test", "resources", "io", "github", "hourglassmocap",
            "inference", "pose2d", "clips", "sinbad-dance-a0.mp4");

    static String[] run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void writesKeypointsAndOverlay(@TempDir Path dir) throws Exception {
        Path kp = dir.resolve("kp.json");
        Path ov = dir.resolve("overlay.mp4");
        String[] r = run("keypoints", CLIP.toString(), "--out", kp.toString(), "--model", "lite", "--overlay", ov.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("45 frames"), r[1]);
        KeypointsFile.Contents c = KeypointsFile.read(kp);
        assertEquals("lite", c.header().model());
        assertEquals(640, c.header().width());
        assertEquals(45, c.frames().size());
        assertTrue(c.frames().stream().filter(Keypoints2D::hasPerson).count() >= 40);
        try (VideoFileSource v = VideoFileSource.open(ov)) {
            assertEquals(640, v.width());
            int n = 0;
            while (v.grab() != null) {
                n++;
            }
            assertEquals(45, n);
        }
    }

    @Test
    void liveReplayStopsAfterTheRequestedFrames(@TempDir Path dir) throws Exception {
        Path kp = dir.resolve("kp.json");
        String[] r = run("keypoints", CLIP.toString(), "--out", kp.toString(), "--model", "lite", "--live", "--frames", "10");
        assertEquals("0", r[0], r[2]);
        KeypointsFile.Contents c = KeypointsFile.read(kp);
        // a live replay drops frames the tracker is late for, so at most 10, in increasing order
        assertTrue(c.frames().size() >= 1 && c.frames().size() <= 10, "frames: " + c.frames().size());
        for (int i = 1; i < c.frames().size(); i++) {
            assertTrue(c.frames().get(i).frameIndex() > c.frames().get(i - 1).frameIndex());
        }
        assertEquals(640, c.header().width());
        assertEquals(30.0, c.header().frameRateHz(), 0.01);
    }

    @Test
    void badArgumentsExitNonZeroWithAMessage(@TempDir Path dir) {
        Path kp = dir.resolve("kp.json");
        String[] r = run("keypoints", CLIP.toString(), "--out", kp.toString(), "--model", "huge");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown model 'huge'; expected one of [lite, full, heavy]"), r[2]);
        r = run("keypoints", dir.resolve("none.mp4").toString(), "--out", kp.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("none.mp4"), r[2]);
        assertFalse(Files.exists(kp));
    }

    @Test
    void benchPrintsEveryStage() {
        String[] r = run("bench", "keypoints", CLIP.toString(), "--models", "lite", "--frames", "6", "--warmup", "2");
        assertEquals("0", r[0], r[2]);
        for (String col : new String[] {"decode", "detect", "warp", "invoke", "post", "fps", "outside%"}) {
            assertTrue(r[1].contains(col), r[1]);
        }
        assertTrue(r[1].lines().anyMatch(l -> l.startsWith("lite ") && l.contains(" 6 ")), r[1]);
        assertEquals("2", run("bench", "keypoints", CLIP.toString(), "--models", "tiny")[0]);
    }
}
