package io.github.hourglassmocap.retarget.humanoid;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MocapIOException("cannot read mapping file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
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
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new MocapIOException(source + ": a mapping file is a JSON object with \"version\" and \"bones\"");
            }
            root = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new MocapIOException(source + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!root.has("version") || !root.get("version").isJsonPrimitive()) {
            throw new MocapIOException(source + ": missing \"version\"; this reader supports version " + VERSION);
        }
        int version = root.get("version").getAsInt();
        if (version != VERSION) {
            throw new MocapIOException(source + ": version " + version + " is not supported; supported: [" + VERSION + "]");
        }
        if (!root.has("bones") || !root.get("bones").isJsonObject()) {
            throw new MocapIOException(source + ": missing \"bones\" object (bone name to joint name)");
        }
        Map<HumanoidBone, String> r = new EnumMap<>(HumanoidBone.class);
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("bones").entrySet()) {
            HumanoidBone b = HumanoidBone.find(e.getKey());
            if (b == null) {
                throw new MocapIOException(source + ": unknown humanoid bone '" + e.getKey() + "'; expected one of "
                        + Arrays.stream(HumanoidBone.values()).map(HumanoidBone::vrmName).toList());
            }
            JsonElement v = e.getValue();
            if (v.isJsonNull()) {
                r.put(b, null);
            } else if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() && !v.getAsString().isEmpty()) {
                r.put(b, v.getAsString());
            } else {
                throw new MocapIOException(source + ": bone '" + e.getKey() + "' must map to a joint name or null, got " + v);
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
