package io.github.hourglassmocap.inference.lift;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the golden tensors exported with a lifter model ({@code *.golden.json}, docs/formats.md): inputs
 * and the exporter's outputs, used to prove the Java runtime computes what PyTorch computed. Accepts a
 * single case ({@code "input"}, {@code "output"}) or several ({@code "cases": [{"input", "output"}...]}),
 * each a flat row-major list.
 */
public final class GoldenTensors {
    /**
     * One golden input and its expected output.
     *
     * @param input [F][17][2] screen-normalised 2D joints
     * @param output [outputFrames][17][3] expected 3D joints
     */
    public record Case(float[][][] input, float[][][] output) {
    }

    private GoldenTensors() {
    }

    /**
     * Returns the golden file that belongs to a model: same folder and base name, {@code .golden.json}.
     *
     * @param model the {@code .onnx} file (not null)
     * @return a new path
     */
    public static Path goldenPathFor(Path model) {
        String file = model.getFileName().toString();
        String base = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
        return model.resolveSibling(base + ".golden.json");
    }

    /**
     * Reads the cases of a golden file.
     *
     * @param path the golden file (not null)
     * @param frames the model's window length F (&ge;1)
     * @param outputFrames frames per output (1 or F)
     * @return a new list of cases (at least one)
     * @throws ModelLoadException if the file is missing, of another version, or its sizes do not fit
     */
    public static List<Case> read(Path path, int frames, int outputFrames) throws ModelLoadException {
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(path, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new ModelLoadException("golden tensors " + path + " could not be read: " + e.getMessage(), e);
        }
        int version = root.has("version") ? root.get("version").getAsInt() : -1;
        if (version != 1) {
            throw new ModelLoadException("golden tensors " + path + " have version " + version + "; supported: [1]");
        }
        List<JsonObject> raw = new ArrayList<>();
        if (root.has("cases")) {
            for (JsonElement e : root.getAsJsonArray("cases")) {
                raw.add(e.getAsJsonObject());
            }
        } else {
            raw.add(root);
        }
        List<Case> cases = new ArrayList<>();
        int n = 0;
        for (JsonObject c : raw) {
            float[] in = flat(c.getAsJsonArray("input"));
            float[] out = flat(c.getAsJsonArray("output"));
            int j = H36mJoints.COUNT;
            if (in.length != frames * j * 2 || out.length != outputFrames * j * 3) {
                throw new ModelLoadException("golden tensors " + path + " case " + n + " hold " + in.length + " inputs and "
                        + out.length + " outputs; expected " + frames * j * 2 + " and " + outputFrames * j * 3);
            }
            cases.add(new Case(reshape(in, frames, 2), reshape(out, outputFrames, 3)));
            n++;
        }
        return cases;
    }

    private static float[] flat(JsonArray a) {
        List<Float> values = new ArrayList<>();
        collect(a, values);
        float[] r = new float[values.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = values.get(i);
        }
        return r;
    }

    private static void collect(JsonElement e, List<Float> into) {
        if (e.isJsonArray()) {
            for (JsonElement c : e.getAsJsonArray()) {
                collect(c, into);
            }
        } else {
            into.add(e.getAsFloat());
        }
    }

    private static float[][][] reshape(float[] flat, int frames, int dims) {
        float[][][] r = new float[frames][H36mJoints.COUNT][dims];
        int i = 0;
        for (float[][] f : r) {
            for (float[] j : f) {
                for (int k = 0; k < dims; k++) {
                    j[k] = flat[i++];
                }
            }
        }
        return r;
    }
}
