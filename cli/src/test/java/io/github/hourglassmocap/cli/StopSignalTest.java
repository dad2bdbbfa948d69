package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl+C / SIGTERM keeps what was captured: the real command in a child JVM, stopped from outside. */
class StopSignalTest {
    @TempDir
    Path dir;

    @Test
    void sigtermDuringLiveKeypointsKeepsTheFramesSoFar() throws Exception {
        Path video = ChildCli.longSample(dir, 3); // 12 s, replayed at its real rate
        Path kp = dir.resolve("kp.json");
        Path log = dir.resolve("child.log");
        Process p = ChildCli.start(Map.of(), log, "keypoints", video.toString(), "--out", kp.toString(),
                "--model", "lite", "--live");
        // frames reach the temporary file in 64 KiB steps (about 25 frames): stop once some have
        boolean writing = ChildCli.await(() -> ChildCli.largestTemporary(dir) > 0, 120_000);
        assertTrue(writing, "the child never wrote frames: " + Files.readString(log));
        p.destroy(); // SIGTERM
        int rc = ChildCli.exitCode(p, 60);
        String out = Files.readString(log);
        assertEquals(143, rc, out);
        assertTrue(Files.isRegularFile(kp), "kp.json was not kept: " + out);
        assertEquals(java.util.List.of(), ChildCli.temporaries(dir), out);
        KeypointsFile.Contents c = KeypointsFile.read(kp);
        assertTrue(c.frames().size() >= 20 && c.frames().size() < 360, "frames kept: " + c.frames().size());
        JsonObject root = JsonParser.parseString(Files.readString(kp)).getAsJsonObject();
        assertFalse(root.get("complete").getAsBoolean());
        assertTrue(root.get("stopped").getAsString().contains("interrupted"), root.toString().substring(0, 200));
        assertTrue(root.has("runId"));
        assertTrue(out.contains("interrupted") && out.contains("kept"), out);
    }
}
