package io.github.hourglassmocap.retarget.humanoid;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import io.github.hourglassmocap.inference.internal.io.JsonCheck;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes humanoid mapping files (format in {@code docs/formats.md}, "Humanoid mapping file"):
 * {@code {"version": 1, "bones": {"leftUpperArm": "mixamorig:LeftArm", "upperChest": null}}}. Bone keys are
 * the Unity/VRM names ({@link HumanoidBone#vrmName()}; enum names are accepted too); a joint name replaces
 * or completes the automatic map, null removes the bone from it.
 */
public final class HumanoidMapFile {
    /** The only format version this code reads and writes. */
    public static final int VERSION = 1;

    private HumanoidMapFile() {
    }

    /**
     * Reads the overrides of a mapping file.
     *
     * @param file the JSON file (not null)
     * @return a new map, bone to joint name or null (remove), in canonical order
     * @throws MocapIOException if the file cannot be read, is not valid JSON, has another version, or names an
     *     unknown bone
     */
    public static Map<HumanoidBone, String> read(Path file) throws MocapIOException {
        Objects.requireNonNull(file, "file");
        JsonElement root;
        try {
            root = new JsonCheck("mapping file " + file).read(file, "");
        } catch (JsonCheck.InvalidJsonException e) {
            throw new MocapIOException(e.getMessage(), e);
        }
        return parse(root, file.toString());
    }

    /**
     * Parses the overrides of a mapping file's text.
     *
     * @param json the file content (not null)
     * @param source the name used in messages (not null)
     * @return a new map, bone to joint name or null (remove)
     * @throws MocapIOException if the text is not a valid mapping file
     */
    public static Map<HumanoidBone, String> parse(String json, String source) throws MocapIOException {
        Objects.requireNonNull(json, "json");
        try {
            return parse(new JsonCheck("mapping file " + source).parse(json), source);
        } catch (JsonCheck.InvalidJsonException e) {
            throw new MocapIOException(e.getMessage(), e);
        }
    }

    private static Map<HumanoidBone, String> parse(JsonElement e, String source) throws MocapIOException {
        if (!e.isJsonObject()) {
            throw new MocapIOException(source + ": a mapping file is a JSON object with \"version\" and \"bones\"; expected"
                    + " {\"version\": 1, \"bones\": {...}}");
        }
        JsonObject root = e.getAsJsonObject();
        if (!root.has("version") || !root.get("version").isJsonPrimitive() || !root.get("version").getAsJsonPrimitive().isNumber()) {
            throw new MocapIOException(source + ": missing or non-numeric \"version\"; expected \"version\": " + VERSION);
        }
        double versionValue = root.get("version").getAsDouble();
        int version = versionValue == Math.rint(versionValue) && Math.abs(versionValue) < 1e9 ? (int) versionValue : -1;
        if (version != VERSION) {
            throw new MocapIOException(source + ": version " + root.get("version").getAsString() + " is not supported; supported: ["
                    + VERSION + "]");
        }
        if (!root.has("bones") || !root.get("bones").isJsonObject()) {
            throw new MocapIOException(source + ": missing \"bones\" object; expected bone name to joint name");
        }
        Map<HumanoidBone, String> r = new EnumMap<>(HumanoidBone.class);
        for (Map.Entry<String, JsonElement> m : root.getAsJsonObject("bones").entrySet()) {
            HumanoidBone b = HumanoidBone.find(m.getKey());
            if (b == null) {
                throw new MocapIOException(source + ": unknown humanoid bone '" + m.getKey() + "'; expected one of "
                        + Arrays.stream(HumanoidBone.values()).map(HumanoidBone::vrmName).toList());
            }
            JsonElement v = m.getValue();
            if (v.isJsonNull()) {
                r.put(b, null);
            } else if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() && !v.getAsString().isEmpty()) {
                r.put(b, v.getAsString());
            } else {
                throw new MocapIOException(source + ": bone '" + m.getKey() + "' maps to "
                        + (v.isJsonPrimitive() ? v.toString() : v.isJsonArray() ? "an array" : "an object")
                        + "; expected a joint name or null");
            }
        }
        return r;
    }

    /**
     * Writes a complete map as a mapping file, atomically.
     *
     * @param file the destination (not null; replaced)
     * @param map the map (not null)
     * @throws MocapIOException if the file cannot be written
     */
    public static void write(Path file, HumanoidMap map) throws MocapIOException {
        Objects.requireNonNull(map, "map");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", VERSION);
        Map<String, String> bones = new LinkedHashMap<>();
        for (Map.Entry<HumanoidBone, String> e : map.asMap().entrySet()) {
            bones.put(e.getKey().vrmName(), e.getValue());
        }
        root.put("bones", bones);
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        try {
            AtomicFiles.write(file, out -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                gson.toJson(root, w);
                w.flush();
            });
        } catch (IOException e) {
            throw new MocapIOException("cannot write mapping file " + file + ": " + e.getMessage(), e);
        }
    }
}
