package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoseLifterTest {
    static final float PARITY_TOLERANCE = 1e-4f;

    /** Copies a tiny test model (onnx + manifest + golden) into a folder and returns the .onnx path. */
    static Path copyModel(String name, Path dir) throws IOException {
        for (String ext : new String[] {".onnx", ".json", ".golden.json"}) {
            try (InputStream in = PoseLifterTest.class.getResourceAsStream(name + ext)) {
                if (in == null) {
                    throw new IOException("test resource " + name + ext + " missing; run make_tiny_lifters.py");
                }
                Files.copy(in, dir.resolve(name + ext), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir.resolve(name + ".onnx");
    }

    static Path resource(String file) {
        try {
            return Path.of(PoseLifterTest.class.getResource(file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void seq2seqMatchesGoldenTensors() throws Exception {
        assertGoldenParity(resource("tiny-seq2seq.onnx"));
    }

    @Test
    void seq2frameMatchesGoldenTensors() throws Exception {
        assertGoldenParity(resource("tiny-seq2frame.onnx"));
    }

    /** The models shipped in assets/models (committed with the repository, so never missing). */
    static final Path SHIPPED = Path.of("..", "assets", "models");

    @Test
    void shippedModelsMatchTheirGoldenTensorsIncludingDensityTies() throws Exception {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (ShippedLifters.Listed listed : ShippedLifters.list(SHIPPED)) {   // every shipped model
            Path model = listed.onnx();
            seen.add(listed.manifest().architecture());
            assertGoldenParity(model, "golden");
            Path ties = model.resolveSibling(model.getFileName().toString().replace(".onnx", ".golden-ties.json"));
            assertTrue(Files.isRegularFile(ties), "missing " + ties);
            assertGoldenParity(model, "golden-ties");
        }
        assertTrue(seen.containsAll(java.util.List.of(ShippedLifters.HOT, ShippedLifters.BASELINE, ShippedLifters.HTNET,
                ShippedLifters.NANOHTNET, ShippedLifters.MLP)), "every architecture ships a model: " + seen);
    }

    static float assertGoldenParity(Path model) throws Exception {
        return assertGoldenParity(model, "golden");
    }

    /** Runs every case of one golden file of a model and checks the maximum absolute difference. */
    static float assertGoldenParity(Path model, String suffix) throws Exception {
        Path golden = model.resolveSibling(model.getFileName().toString().replace(".onnx", "." + suffix + ".json"));
        JsonObject root = JsonParser.parseString(Files.readString(golden, StandardCharsets.UTF_8)).getAsJsonObject();
        float worst = 0;
        try (PoseLifter lifter = PoseLifter.open(model)) {
            for (GoldenTensors.Case c : GoldenTensors.read(golden, lifter.frames(), lifter.outputFrames())) {
                float[][][] out = lifter.run(c.input());
                for (int t = 0; t < out.length; t++) {
                    for (int j = 0; j < 17; j++) {
                        for (int k = 0; k < 3; k++) {
                            worst = Math.max(worst, Math.abs(out[t][j][k] - c.output()[t][j][k]));
                        }
                    }
                }
            }
        }
        assertTrue(root.has("input") || root.has("cases"));
        assertTrue(worst <= PARITY_TOLERANCE, model + " " + suffix + ": max abs difference " + worst + " exceeds " + PARITY_TOLERANCE);
        java.util.logging.Logger.getLogger(PoseLifterTest.class.getName()).info(model.getFileName() + " " + suffix
                + ": max abs difference " + worst);
        return worst;
    }

    @Test
    void outputIsRootRelativeAndShaped() throws Exception {
        try (PoseLifter lifter = PoseLifter.open(resource("tiny-seq2seq.onnx"))) {
            assertEquals(9, lifter.frames());
            assertEquals(9, lifter.outputFrames());
            float[][][] w = new float[9][17][2];
            for (int t = 0; t < 9; t++) {
                for (int j = 0; j < 17; j++) {
                    w[t][j][0] = 0.1f * j - 0.5f;
                    w[t][j][1] = 0.05f * t;
                }
            }
            float[][][] out = lifter.run(w);
            assertEquals(9, out.length);
            for (float[][] pose : out) {
                assertEquals(0f, pose[0][0], 1e-6f);
                assertEquals(0f, pose[0][1], 1e-6f);
                assertEquals(0f, pose[0][2], 1e-6f);
            }
            assertThrows(IllegalArgumentException.class, () -> lifter.run(new float[8][17][2]));
        }
    }

    @Test
    void useAfterCloseThrowsAndCloseIsIdempotent() throws Exception {
        PoseLifter lifter = PoseLifter.open(resource("tiny-seq2seq.onnx"));
        lifter.close();
        lifter.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> lifter.run(new float[9][17][2]));
        assertTrue(e.getMessage().contains("PoseLifter"));
    }

    @Test
    void manifestShapeThatDoesNotMatchTheModelIsRejected(@TempDir Path dir) throws Exception {
        Path model = copyModel("tiny-seq2seq", dir);
        Path manifest = dir.resolve("tiny-seq2seq.json");
        JsonObject m = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
        m.addProperty("frames", 27);
        JsonArray in = new JsonArray();
        for (int v : new int[] {1, 27, 17, 2}) {
            in.add(v);
        }
        JsonArray out = new JsonArray();
        for (int v : new int[] {1, 27, 17, 3}) {
            out.add(v);
        }
        m.getAsJsonObject("input").add("shape", in);
        m.getAsJsonObject("output").add("shape", out);
        Files.writeString(manifest, m.toString());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> PoseLifter.open(model));
        assertTrue(e.getMessage().contains("do not belong together"), e.getMessage());
    }

    @Test
    void wrongInputNameIsRejected(@TempDir Path dir) throws Exception {
        Path model = copyModel("tiny-seq2seq", dir);
        Path manifest = dir.resolve("tiny-seq2seq.json");
        JsonObject m = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
        m.getAsJsonObject("input").addProperty("name", "joints2d");
        Files.writeString(manifest, m.toString());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> PoseLifter.open(model));
        assertTrue(e.getMessage().contains("joints2d"), e.getMessage());
    }

    @Test
    void corruptOnnxIsAClearError(@TempDir Path dir) throws Exception {
        Path model = copyModel("tiny-seq2seq", dir);
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> PoseLifter.open(model, LifterOptions.defaults().withVerifyChecksum(false)));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        ModelLoadException sha = assertThrows(ModelLoadException.class, () -> PoseLifter.open(model));
        assertTrue(sha.getMessage().contains("SHA-256"), sha.getMessage());
    }

    @Test
    void missingModelOrManifestIsAClearError(@TempDir Path dir) throws Exception {
        ModelLoadException missing = assertThrows(ModelLoadException.class, () -> PoseLifter.open(dir.resolve("none.onnx")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Path model = copyModel("tiny-seq2seq", dir);
        Files.delete(dir.resolve("tiny-seq2seq.json"));
        ModelLoadException noManifest = assertThrows(ModelLoadException.class, () -> PoseLifter.open(model));
        assertTrue(noManifest.getMessage().contains("manifest"), noManifest.getMessage());
    }

    @Test
    void cudaUnavailableFailsOrFallsBackAsChosen() throws Exception {
        // The CPU build of ONNX Runtime has no CUDA provider, so on this artifact CUDA is never available.
        org.junit.jupiter.api.Assumptions.assumeFalse(PoseLifter.cudaProviderPresent(),
                "this ONNX Runtime has CUDA; the fallback path cannot be exercised here");
        Path model = resource("tiny-seq2seq.onnx");
        LifterOptions cuda = LifterOptions.defaults().withDevice(LifterOptions.Device.CUDA);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> PoseLifter.open(model, cuda.withFallback(LifterOptions.Fallback.FAIL)));
        assertTrue(e.getMessage().contains("CUDA") && e.getMessage().contains("--fallback cpu"), e.getMessage());
        try (PoseLifter lifter = PoseLifter.open(model, cuda.withFallback(LifterOptions.Fallback.CPU).withThreads(1))) {
            assertEquals(LifterOptions.Device.CPU, lifter.device());
            assertTrue(lifter.deviceDescription().contains("CUDA unavailable"));
            assertEquals(9, lifter.run(new float[9][17][2]).length);
        }
    }
}
