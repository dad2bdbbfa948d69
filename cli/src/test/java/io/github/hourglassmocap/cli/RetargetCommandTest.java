package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.retarget.internal.dataset.BvhTake17;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.SourceSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetargetCommandTest {
    static final Path WALK = Path.of("..", "retarget", "src", "test", "resources", "retarget", "cmu-iclone-002_01-walk.bvh");

    @TempDir
    Path tmp;
    Path poses;

    @BeforeEach
    void writePoses() throws Exception {
        poses = tmp.resolve("walk.pose3d.json");
        SourceSequence.of(BvhTake17.load(WALK, 30)).toPose3d("cmu-iclone-002_01-walk.bvh", "bvh").write(poses);
    }

    @Test
    void bakeRetargetAndRenderSyntheticListTheSameCharacters() {
        for (String command : new String[] {"bake", "retarget", "render-synthetic"}) {
            String[] r = EvalLifterCommandTest.run(command, "--help");
            String help = r[1].replaceAll("\\s+", " ");
            assertTrue(help.contains(BuiltInCharacters.NAME_LIST), command + " --help: " + r[1]);
        }
    }

    @Test
    void writesEveryOutputAndTheMetrics() throws Exception {
        Path out = tmp.resolve("out/clip.j3o");
        String[] r = EvalLifterCommandTest.run("retarget", poses.toString(), "--character", "sinbad", "--out", out.toString(),
                "--bvh", tmp.resolve("out/clip.bvh").toString(), "--glb", tmp.resolve("out/clip.glb").toString(),
                "--key-error", "0.5");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("onto sinbad (A_POSE rest pose"), r[1]);
        assertTrue(r[1].contains("bone-direction error"), r[1]);
        for (String f : new String[] {"clip.j3o", "clip.bvh", "clip.glb", "metrics.json"}) {
            assertTrue(Files.size(tmp.resolve("out").resolve(f)) > 100, f);
        }
        JsonObject m = JsonParser.parseString(Files.readString(tmp.resolve("out/metrics.json"))).getAsJsonObject();
        assertEquals(1, m.get("version").getAsInt());
        assertEquals("offline", m.get("mode").getAsString());
        assertEquals(48, m.get("frames").getAsInt());
        double mean = m.getAsJsonObject("boneDirectionErrorDegrees").get("mean").getAsDouble();
        double p95 = m.getAsJsonObject("boneDirectionErrorDegrees").get("p95").getAsDouble();
        assertTrue(mean < 3 && p95 < 8, "mean " + mean + ", p95 " + p95);
        assertTrue(m.getAsJsonObject("footSkate").get("contacts").getAsInt() > 0);
    }

    @Test
    void builtInCharactersKeepTheirHandWrittenMapsAndOnlyAUsersModelIsMappedAutomatically() throws Exception {
        for (String name : new String[] {"jaime", "sinbad", "ninja"}) {
            Path out = tmp.resolve(name + "/clip.j3o");
            String[] r = EvalLifterCommandTest.run("retarget", poses.toString(), "--character", name, "--out",
                    out.toString());
            assertEquals("0", r[0], r[2]);
            assertTrue(r[1].contains("built-in map"), r[1]);
            JsonObject m = JsonParser.parseString(Files.readString(tmp.resolve(name + "/metrics.json"))).getAsJsonObject();
            assertEquals("built-in", m.get("mapping").getAsString(), name);
        }
        // The baked Sinbad, given as a model file, is a user's model: mapped automatically.
        Path user = tmp.resolve("user/clip.j3o");
        String[] r = EvalLifterCommandTest.run("retarget", poses.toString(), "--character",
                tmp.resolve("sinbad/clip.j3o").toString(), "--out", user.toString());
        assertEquals("0", r[0], r[2]);
        JsonObject m = JsonParser.parseString(Files.readString(tmp.resolve("user/metrics.json"))).getAsJsonObject();
        assertEquals("automatic", m.get("mapping").getAsString());
    }

    @Test
    void livePathAndInPlace() {
        Path out = tmp.resolve("live.j3o");
        Path metrics = tmp.resolve("live-metrics.json");
        String[] r = EvalLifterCommandTest.run("retarget", poses.toString(), "--character", "jaime", "--out", out.toString(),
                "--live", "--in-place", "--metrics", metrics.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("live path"), r[1]);
        assertTrue(Files.exists(out) && Files.exists(metrics));
    }

    @Test
    void badCharacterAndBadPosesAreErrors() {
        String[] r = EvalLifterCommandTest.run("retarget", poses.toString(), "--character", "bob", "--out",
                tmp.resolve("x.j3o").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("'bob'") && r[2].contains("jaime"), r[2]);
        r = EvalLifterCommandTest.run("retarget", tmp.resolve("missing.json").toString(), "--character", "jaime", "--out",
                tmp.resolve("x.j3o").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("missing.json"), r[2]);
        assertTrue(!Files.exists(tmp.resolve("x.j3o")));
    }
}
