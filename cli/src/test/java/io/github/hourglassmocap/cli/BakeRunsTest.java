package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mocap bake} as a new user meets it, in a child JVM: on a machine with no display (the preview is skipped
 * with one line saying how to get it, everything else written, exit 0), stopped by SIGTERM (what was found is
 * kept), killed outright (the next run cleans up), and run twice into one folder (refused unless --force).
 */
class BakeRunsTest {
    private static final List<String> ALL_BUT_PREVIEW = List.of("keypoints.json", "pose3d.json", "clip.j3o", "clip.bvh",
            "clip.glb", "metrics.json");

    @TempDir
    Path dir;

    private static Map<String, String> headless(String display) {
        Map<String, String> env = new HashMap<>();
        env.put("DISPLAY", display);
        env.put("WAYLAND_DISPLAY", null);
        env.put("PATH", ChildCli.pathWithout("xvfb-run"));
        return env;
    }

    private static JsonObject json(Path f) throws Exception {
        return JsonParser.parseString(Files.readString(f)).getAsJsonObject();
    }

    @Test
    void withNoDisplayTheBakeWritesEverythingElseAndSaysHowToGetThePreview() throws Exception {
        Path out = dir.resolve("out");
        Path log = dir.resolve("bake.log");
        Process p = ChildCli.start(headless(null), log, "bake", ChildCli.SAMPLE.toString(), "--out", out.toString());
        int rc = ChildCli.exitCode(p, 300);
        String text = Files.readString(log);
        assertEquals(0, rc, text);
        for (String name : ALL_BUT_PREVIEW) {
            assertTrue(Files.size(out.resolve(name)) > 100, name + ": " + text);
        }
        assertFalse(Files.exists(out.resolve("preview.mp4")));
        List<String> notes = text.lines().filter(l -> l.contains("preview.mp4 not written")).toList();
        assertEquals(1, notes.size(), text);
        assertTrue(notes.get(0).contains("no display") && notes.get(0).contains("xvfb")
                && notes.get(0).contains("--no-preview"), notes.get(0));
        assertFalse(text.contains("\tat ") || text.contains("Exception"), "no stack trace: " + text);
        JsonObject m = json(out.resolve("metrics.json"));
        assertEquals("complete", m.getAsJsonObject("bake").get("status").getAsString());
        assertTrue(m.getAsJsonObject("bake").get("preview").getAsString().startsWith("skipped: no display"));
        String runId = m.get("runId").getAsString();
        assertEquals(runId, json(out.resolve("keypoints.json")).get("runId").getAsString());
        assertEquals(runId, json(out.resolve("pose3d.json")).get("runId").getAsString());

        // The same folder again is refused (it would mix two runs), at once, naming the earlier run.
        String[] again = CliRun.run("bake", ChildCli.SAMPLE.toString(), "--out", out.toString(), "--no-preview");
        assertEquals("1", again[0]);
        assertTrue(again[2].contains("already holds the outputs of an earlier bake (run " + runId + ", complete)")
                && again[2].contains("--force"), again[2]);

        // A display that cannot be reached (or no OpenGL): the same one line, from the renderer's failure.
        Process p2 = ChildCli.start(headless(":93"), log, "bake", ChildCli.SAMPLE.toString(), "--out", out.toString(),
                "--force", "--no-glb", "--no-bvh");
        rc = ChildCli.exitCode(p2, 300);
        text = Files.readString(log);
        assertEquals(0, rc, text);
        notes = text.lines().filter(l -> l.contains("preview.mp4 not written")).toList();
        assertEquals(1, notes.size(), text);
        assertTrue(notes.get(0).contains("no usable OpenGL display") && notes.get(0).contains("--no-preview"), notes.get(0));
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
        String runId2 = json(out.resolve("metrics.json")).get("runId").getAsString();
        assertFalse(Files.exists(out.resolve("clip.glb")), "--force removed the earlier run's outputs first");
        assertFalse(runId.equals(runId2));
        assertEquals(runId2, json(out.resolve("keypoints.json")).get("runId").getAsString());
    }

    @Test
    void sigtermKeepsTheKeypointsFoundSoFarAndSaysSo() throws Exception {
        Path video = ChildCli.longSample(dir, 3);
        Path out = dir.resolve("out");
        Path log = dir.resolve("bake.log");
        Process p = ChildCli.start(headless(null), log, "bake", video.toString(), "--out", out.toString());
        boolean writing = ChildCli.await(() -> Files.isDirectory(out) && ChildCli.largestTemporary(out) > 0, 180_000);
        assertTrue(writing, Files.readString(log));
        p.destroy(); // SIGTERM
        int rc = ChildCli.exitCode(p, 60);
        String text = Files.readString(log);
        assertEquals(143, rc, text);
        assertEquals(List.of(), ChildCli.temporaries(out), text);
        KeypointsFile.Contents kp = KeypointsFile.read(out.resolve("keypoints.json"));
        assertTrue(kp.frames().size() >= 20 && kp.frames().size() < 360, "frames kept: " + kp.frames().size());
        JsonObject k = json(out.resolve("keypoints.json"));
        assertFalse(k.get("complete").getAsBoolean());
        JsonObject m = json(out.resolve("metrics.json"));
        assertEquals("interrupted", m.getAsJsonObject("bake").get("status").getAsString(), m.toString());
        assertEquals("keypoints", m.getAsJsonObject("bake").get("stage").getAsString());
        assertEquals(k.get("runId").getAsString(), m.get("runId").getAsString());
        assertTrue(text.contains("interrupted during keypoints"), text);

        String[] again = CliRun.run("bake", video.toString(), "--out", out.toString(), "--no-preview");
        assertEquals("1", again[0]);
        assertTrue(again[2].contains(", interrupted)") && again[2].contains("--force"), again[2]);
    }

    @Test
    void aKilledBakeLeavesTemporariesThatTheNextRunRemoves() throws Exception {
        Path out = dir.resolve("out");
        Path log = dir.resolve("bake.log");
        Process p = ChildCli.start(headless(null), log, "bake", ChildCli.SAMPLE.toString(), "--out", out.toString());
        boolean writing = ChildCli.await(() -> Files.isDirectory(out) && ChildCli.largestTemporary(out) > 0, 180_000);
        assertTrue(writing, Files.readString(log));
        p.destroyForcibly().waitFor(); // SIGKILL: no hook runs
        List<Path> left = ChildCli.temporaries(out);
        assertEquals(1, left.size(), "the killed run's temporary file: " + left);

        String[] r = CliRun.run("bake", ChildCli.SAMPLE.toString(), "--out", out.toString(), "--no-preview", "--no-glb");
        assertEquals("0", r[0], r[2]);
        assertEquals(List.of(), ChildCli.temporaries(out));
        assertFalse(Files.exists(left.get(0)));
        assertTrue(Files.exists(out.resolve("clip.j3o")));
    }
}
