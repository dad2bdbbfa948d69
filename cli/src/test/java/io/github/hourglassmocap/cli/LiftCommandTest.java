package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.lift.KeypointTrack;
import io.github.hourglassmocap.inference.lift.LifterOptions;
import io.github.hourglassmocap.inference.lift.LiveLifter;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.inference.pipeline.Pose2dSample;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.inference.lift.PoseLifter;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiftCommandTest {
    /** The tiny test lifter of the inference module (made by its make_tiny_lifters.py). */
    static final Path TINY = Path.of("..", "inference", "src", "test", "resources", "io", "github", "hourglassmocap",
            "inference", "lift", "tiny-seq2seq.onnx");

    static Path keypoints(Path dir, int frames) throws Exception {
        return keypoints(dir, frames, i -> i != 2);
    }

    static Path keypoints(Path dir, int frames, java.util.function.IntPredicate hasPerson) throws Exception {
        StringBuilder sb = new StringBuilder("{\"version\": 1, \"source\": \"v.mp4\", \"width\": 641, \"height\": 479,"
                + " \"frameRateHz\": 30, \"model\": \"full\", \"frames\": [");
        for (int i = 0; i < frames; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"index\": ").append(i).append(", \"timestampNanos\": ").append(i * 33_333_333L)
                    .append(", \"person\": ").append(hasPerson.test(i));
            if (hasPerson.test(i)) {
                sb.append(", \"roi\": {\"cx\": 340, \"cy\": 200, \"size\": 300, \"rotationRadians\": 0}, \"score\": 0.9,"
                        + " \"landmarks33\": [");
                for (int l = 0; l < 33; l++) {
                    sb.append(l == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.1f, %.1f, 0, 0.9, 0.9]", 300 + 2.0 * l, 100 + 6.0 * l));
                }
                sb.append("], \"joints17\": [");
                for (int j = 0; j < 17; j++) {
                    sb.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.1f, %.1f, 0.8]", 300 + 5.0 * j + i, 100 + 12.0 * j));
                }
                sb.append("]");
            }
            sb.append("}");
        }
        Path p = dir.resolve("kp.json");
        Files.writeString(p, sb.append("]}").toString());
        return p;
    }

    static int run(String... args) {
        return MocapCommand.commandLine().execute(args);
    }

    @Test
    void liftsAKeypointsFileInBothModes(@TempDir Path dir) throws Exception {
        Path kp = keypoints(dir, 12);
        Path out = dir.resolve("pose3d.json");
        assertEquals(0, run("lift", kp.toString(), "--out", out.toString(), "--model", TINY.toString(), "--flip"));
        Pose3dSequence seq = Pose3dSequence.read(out);
        assertEquals(12, seq.frames().size());
        assertEquals("offline", seq.mode());
        assertTrue(seq.frames().get(2).interpolated());
        assertEquals(0, run("lift", kp.toString(), "--out", out.toString(), "--model", TINY.toString(),
                "--mode", "streaming", "--lookahead", "2", "--threads", "1"));
        assertEquals(2, Pose3dSequence.read(out).lookaheadFrames());
        assertEquals(0, run("lift", kp.toString(), "--out", out.toString(), "--model", TINY.toString(),
                "--keep-side-swaps"));
        assertEquals(12, Pose3dSequence.read(out).frames().size());
    }

    @Test
    void aShippedLifterIsChosenByName(@TempDir Path dir) throws Exception {
        Path kp = keypoints(dir, 30);
        Path out = dir.resolve("pose3d.json");
        assertEquals(0, run("lift", kp.toString(), "--out", out.toString(), "--model", "htnet", "--threads", "1"));
        Pose3dSequence seq = Pose3dSequence.read(out);
        assertEquals("htnet-f27", seq.model());
        assertEquals(30, seq.frames().size());
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, run("lift", kp.toString(), "--out", out.toString(), "--model", "no-such-lifter"));
        } finally {
            System.setErr(err);
        }
        String msg = buf.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("unknown lifter 'no-such-lifter'") && msg.contains("htnet-f27 (htnet)"), msg);
    }

    @Test
    void withoutAModelTheDefaultFollowsTheModeAndLookAhead(@TempDir Path dir) throws Exception {
        Path kp = keypoints(dir, 30);
        Path out = dir.resolve("pose3d.json");
        assertEquals(0, run("lift", kp.toString(), "--out", out.toString(), "--threads", "1"));
        assertEquals(ShippedLifters.HOT_OFFLINE, Pose3dSequence.read(out).model());   // the recommended HoT
        assertEquals(0, run("lift", kp.toString(), "--out", out.toString(), "--mode", "streaming", "--lookahead", "4",
                "--threads", "1"));
        assertEquals(ShippedLifters.HOT_LIVE, Pose3dSequence.read(out).model());      // every look-ahead
        assertEquals(0, run("lift", kp.toString(), "--out", out.toString(), "--mode", "streaming", "--lookahead", "0",
                "--threads", "1"));
        assertEquals(ShippedLifters.HOT_LIVE, Pose3dSequence.read(out).model());
    }

    @Test
    void streamingModeWritesWhatTheLivePipelineStageProduces(@TempDir Path dir) throws Exception {
        // Gaps: before the first person, a short one, and a long one (14 frames: 10 held, then invalid).
        Path kp = keypoints(dir, 40, i -> i > 1 && i != 7 && (i < 15 || i >= 29));
        Path out = dir.resolve("pose3d.json");
        assertEquals(0, run("lift", kp.toString(), "--out", out.toString(), "--model", TINY.toString(),
                "--mode", "streaming", "--lookahead", "3", "--stride", "2", "--threads", "1"));
        Pose3dSequence seq = Pose3dSequence.read(out);
        KeypointTrack track = KeypointTrack.read(kp);
        List<Pose3dSample> live = new ArrayList<>();
        // The live pipeline's lifting stage, opened as the plugin opens it.
        try (LiveLifter stage = LiveLifter.open(TINY, LifterOptions.defaults(), 3, 2)) {
            for (int i = 0; i < track.size(); i++) {
                float[] flat = null;
                if (track.person(i)) {
                    flat = new float[51];
                    for (int j = 0; j < 17; j++) {
                        System.arraycopy(track.joints(i)[j], 0, flat, 3 * j, 3);
                    }
                }
                live.addAll(stage.push(new Pose2dSample(i, track.timestampNanos(i), track.width(), track.height(), flat)));
            }
            live.addAll(stage.flush());
        }
        assertEquals(live.size(), seq.frames().size());
        int compared = 0;
        for (int i = 0; i < live.size(); i++) {
            Pose3dSample p = live.get(i);
            Pose3dSequence.Frame f = seq.frames().get(i);
            assertEquals(p.valid(), f.valid(), "frame " + i);
            if (p.root() == null) {
                continue; // no pose yet (before the first person)
            }
            for (int j = 0; j < 17; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(p.joints()[3 * j + k], f.joints()[j][k], 1e-5f, "frame " + i + " joint " + j);
                }
            }
            for (int k = 0; k < 3; k++) {
                assertEquals(p.root()[k], f.root()[k], 1e-5f, "frame " + i + " root");
            }
            compared++;
        }
        assertEquals(38, compared);
        assertTrue(seq.frames().get(20).valid() && seq.frames().get(20).interpolated(), "held part of the long gap");
        assertFalse(seq.frames().get(27).valid(), "rest of the long gap");
    }

    @Test
    void aKilledRunsTemporaryFileIsRemovedOnTheNextRun(@TempDir Path dir) throws Exception {
        Path kp = keypoints(dir, 6);
        Path out = dir.resolve("pose3d.json");
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        Process running = new ProcessBuilder("sleep", "30").start();
        try {
            Path stale = Files.writeString(dir.resolve(".pose3d.json." + done.pid() + "-7a.part"), "");
            Path live = Files.writeString(dir.resolve(".pose3d.json." + running.pid() + "-7b.part"), "");
            Path other = Files.writeString(dir.resolve(".kp.json." + done.pid() + "-7c.part"), "");
            assertEquals(0, run("lift", kp.toString(), "--out", out.toString(), "--model", TINY.toString()));
            assertTrue(!Files.exists(stale), "the dead run's temporary file must go");
            assertTrue(Files.exists(live), "a running writer's temporary file stays");
            assertTrue(Files.exists(other), "only the output's own temporaries are touched");
        } finally {
            running.destroy();
        }
    }

    @Test
    void badInputsExitNonZeroWithAMessage(@TempDir Path dir) throws Exception {
        Path kp = keypoints(dir, 3);
        Path out = dir.resolve("pose3d.json");
        Path cudaOut = dir.resolve("pose3d-cuda.json");
        boolean cuda = PoseLifter.cudaProviderPresent();
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, run("lift", kp.toString(), "--out", out.toString(), "--model", TINY.toString(), "--mode", "live"));
            // Without the CUDA provider, --device cuda is refused and the message names --fallback cpu; with it,
            // the same command lifts on the GPU.
            assertEquals(cuda ? 0 : 1, run("lift", kp.toString(), "--out", cudaOut.toString(), "--model", TINY.toString(),
                    "--device", "cuda"));
            Files.writeString(kp, "{\"version\": 7, \"frames\": []}");
            assertEquals(1, run("lift", kp.toString(), "--out", out.toString(), "--model", TINY.toString()));
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[offline, streaming]"), text);
        if (cuda) {
            assertEquals(3, Pose3dSequence.read(cudaOut).frames().size(), "the CUDA run lifts every frame");
        } else {
            assertTrue(text.contains("--fallback cpu"), text);
            assertFalse(Files.exists(cudaOut));
        }
        assertTrue(text.contains("version 7"), text);
        assertFalse(Files.exists(out));
    }
}
