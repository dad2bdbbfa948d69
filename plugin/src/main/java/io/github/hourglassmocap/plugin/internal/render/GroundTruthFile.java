package io.github.hourglassmocap.plugin.internal.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the ground-truth JSON of a synthetic render (format in {@code docs/formats.md}, section
 * "Synthetic ground truth"). Writing is atomic: a temporary file in the same folder, then a rename.
 *
 * @param header what was rendered (not null)
 * @param frames the frames, in order (not null; copied)
 */
public record GroundTruthFile(GroundTruthHeader header, List<TruthFrame> frames) {
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    /**
     * Validates and copies the fields.
     */
    public GroundTruthFile {
        if (header == null || frames == null) {
            throw new IllegalArgumentException("header and frames must not be null");
        }
        frames = List.copyOf(frames);
        for (TruthFrame f : frames) {
            if (f.jointCount() != header.jointCount()) {
                throw new IllegalArgumentException("frame " + f.index() + " has " + f.jointCount()
                        + " joints; the header lists " + header.jointCount());
            }
        }
    }

    /**
     * Writes the file atomically.
     *
     * @param file the destination (not null; its folder must exist; replaced if present)
     * @throws MocapIOException if it cannot be written
     */
    public void write(Path file) throws MocapIOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        Path abs = file.toAbsolutePath();
        try {
            AtomicFiles.write(abs, out -> {
                try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8); JsonWriter json = new JsonWriter(w)) {
                    writeJson(json);
                }
            });
        } catch (IOException e) {
            throw new MocapIOException("cannot write ground truth " + abs + ": " + e.getMessage(), e);
        }
    }

    private void writeJson(JsonWriter json) throws IOException {
        GroundTruthHeader h = header;
        json.beginObject();
        json.name("version").value(VERSION);
        json.name("generator").value("hourglass-mocap render-synthetic");
        json.name("video").value(h.video());
        json.name("width").value(h.width());
        json.name("height").value(h.height());
        json.name("frameRateHz").value(h.frameRateHz());
        json.name("frameCount").value(frames.size());
        json.name("character").value(h.character());
        json.name("characterHeightMetres").value(h.characterHeightMetres());
        json.name("motion").value(h.motion());
        json.name("motionLengthSeconds").value(h.motionLengthSeconds());
        json.name("camera").value(h.camera());
        json.name("background").value(h.background());
        json.name("seed").value(h.seed());
        json.name("units").value("metres");
        json.name("world").value("jME: Y up, right-handed, character facing +Z at azimuth 0");
        json.name("cameraAxes").value("x right, y down, z forward; q = R p + t");
        json.name("pixels").value("top-left origin, continuous: the centre of the top-left pixel is (0.5, 0.5)");
        json.name("joints").beginArray();
        for (int j = 0; j < h.jointCount(); j++) {
            json.beginObject().name("name").value(h.jointNames().get(j)).name("parent").value(h.jointParents().get(j))
                    .endObject();
        }
        json.endArray();
        json.name("frames").beginArray();
        for (TruthFrame f : frames) {
            json.beginObject();
            json.name("index").value(f.index());
            json.name("timeSeconds").value(f.timeSeconds());
            json.name("timestampNanos").value(Math.round(f.timeSeconds() * 1e9));
            PinholeCamera c = f.camera();
            json.name("camera").beginObject();
            json.name("fx").value(c.fx()).name("fy").value(c.fy()).name("cx").value(c.cx()).name("cy").value(c.cy());
            json.name("width").value(c.width()).name("height").value(c.height());
            json.name("rotation");
            matrix(json, c.rotation());
            json.name("translation");
            numbers(json, c.translation(), 0, 3, 1e-7);
            json.endObject();
            int n = f.jointCount();
            double[] world = f.world();
            double[] pixels = f.pixels();
            double[] depth = f.depth();
            boolean[] in = f.inFrame();
            boolean[] vis = f.visible();
            json.name("world").beginArray();
            for (int j = 0; j < n; j++) {
                numbers(json, world, 3 * j, 3, 1e-5);
            }
            json.endArray();
            json.name("pixels").beginArray();
            for (int j = 0; j < n; j++) {
                numbers(json, pixels, 2 * j, 2, 1e-3);
            }
            json.endArray();
            json.name("depth");
            numbers(json, depth, 0, n, 1e-5);
            json.name("inFrame").beginArray();
            for (int j = 0; j < n; j++) {
                json.value(in[j]);
            }
            json.endArray();
            json.name("visible").beginArray();
            for (int j = 0; j < n; j++) {
                json.value(vis[j]);
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void matrix(JsonWriter json, double[] m) throws IOException {
        json.beginArray();
        for (int r = 0; r < 3; r++) {
            numbers(json, m, 3 * r, 3, 1e-9);
        }
        json.endArray();
    }

    /** Writes values rounded to a step, so files stay small and diffable; the step is below any use's noise. */
    private static void numbers(JsonWriter json, double[] v, int from, int count, double step) throws IOException {
        json.beginArray();
        for (int i = from; i < from + count; i++) {
            double r = Math.rint(v[i] / step) * step;
            json.value(Double.isFinite(r) ? Double.parseDouble(String.format(java.util.Locale.ROOT, "%.10g", r)) : 0.0);
        }
        json.endArray();
    }

    /**
     * Reads a ground-truth file.
     *
     * @param file the file (not null)
     * @return a new instance
     * @throws MocapIOException if the file cannot be read, is not valid JSON, has another version, or lacks
     *     a field; the message names the file
     */
    public static GroundTruthFile read(Path file) throws MocapIOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        JsonObject root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r).getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new MocapIOException("cannot read ground truth " + file + ": " + e.getMessage(), e);
        }
        try {
            int version = root.get("version").getAsInt();
            if (version != VERSION) {
                throw new MocapIOException("ground truth " + file + " has version " + version + "; supported: [" + VERSION + "]");
            }
            List<String> names = new ArrayList<>();
            List<Integer> parents = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("joints")) {
                names.add(e.getAsJsonObject().get("name").getAsString());
                parents.add(e.getAsJsonObject().get("parent").getAsInt());
            }
            GroundTruthHeader header = new GroundTruthHeader(root.get("video").getAsString(), root.get("width").getAsInt(),
                    root.get("height").getAsInt(), root.get("frameRateHz").getAsDouble(), root.get("character").getAsString(),
                    root.get("characterHeightMetres").getAsDouble(), root.get("motion").getAsString(),
                    root.get("motionLengthSeconds").getAsDouble(), root.get("camera").getAsString(),
                    root.get("background").getAsString(), root.get("seed").getAsLong(), names, parents);
            List<TruthFrame> frames = new ArrayList<>();
            for (JsonElement fe : root.getAsJsonArray("frames")) {
                JsonObject f = fe.getAsJsonObject();
                JsonObject c = f.getAsJsonObject("camera");
                double[] rot = new double[9];
                JsonArray rows = c.getAsJsonArray("rotation");
                for (int i = 0; i < 3; i++) {
                    double[] row = doubles(rows.get(i).getAsJsonArray());
                    System.arraycopy(row, 0, rot, 3 * i, 3);
                }
                PinholeCamera camera = new PinholeCamera(c.get("fx").getAsDouble(), c.get("fy").getAsDouble(),
                        c.get("cx").getAsDouble(), c.get("cy").getAsDouble(), c.get("width").getAsInt(),
                        c.get("height").getAsInt(), rot, doubles(c.getAsJsonArray("translation")));
                double[] world = flatten(f.getAsJsonArray("world"), 3);
                double[] pixels = flatten(f.getAsJsonArray("pixels"), 2);
                double[] depth = doubles(f.getAsJsonArray("depth"));
                JsonArray inArray = f.getAsJsonArray("inFrame");
                boolean[] in = new boolean[inArray.size()];
                for (int i = 0; i < in.length; i++) {
                    in[i] = inArray.get(i).getAsBoolean();
                }
                boolean[] vis = in;
                JsonArray visArray = f.getAsJsonArray("visible");
                if (visArray != null) {
                    vis = new boolean[visArray.size()];
                    for (int i = 0; i < vis.length; i++) {
                        vis[i] = visArray.get(i).getAsBoolean();
                    }
                }
                frames.add(new TruthFrame(f.get("index").getAsLong(), f.get("timeSeconds").getAsDouble(), camera, world,
                        pixels, depth, in, vis));
            }
            return new GroundTruthFile(header, frames);
        } catch (NullPointerException | ClassCastException | IllegalStateException | IllegalArgumentException
                | IndexOutOfBoundsException e) {
            throw new MocapIOException("ground truth " + file + " is malformed: " + e, e);
        }
    }

    private static double[] doubles(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    private static double[] flatten(JsonArray rows, int width) {
        double[] v = new double[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            if (row.size() != width) {
                throw new IllegalArgumentException("row " + i + " has " + row.size() + " values, expected " + width);
            }
            for (int k = 0; k < width; k++) {
                v[i * width + k] = row.get(k).getAsDouble();
            }
        }
        return v;
    }
}
