package io.github.hourglassmocap.retarget.solve;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads a humanoid mapping file (docs/formats.md "Humanoid mapping"): {@code {"version": 1, "bones":
 * {"HIPS": "mixamorig:Hips", ...}}}, canonical bone names to the rig's joint names.
 */
public final class MappingFile {
    private MappingFile() {
    }

    /**
     * Reads the bone entries of a mapping file.
     *
     * @param file the JSON file (not null)
     * @return a new map of the entries, in canonical order
     * @throws MocapIOException if the file cannot be read, has an unknown version or names an unknown bone
     */
    public static Map<HumanoidBone, String> readEntries(Path file) throws MocapIOException {
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new MocapIOException("cannot read mapping " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new MocapIOException("mapping " + file + " is not a JSON object: " + e.getMessage(), e);
        }
        int version = root.has("version") && root.get("version").isJsonPrimitive() ? root.get("version").getAsInt() : -1;
        if (version != 1) {
            throw new MocapIOException("mapping " + file + " has version " + version + "; supported: [1]");
        }
        if (!root.has("bones") || !root.get("bones").isJsonObject()) {
            throw new MocapIOException("mapping " + file + " needs a \"bones\" object of canonical bone -> joint name");
        }
        Map<HumanoidBone, String> m = new EnumMap<>(HumanoidBone.class);
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("bones").entrySet()) {
            HumanoidBone bone;
            try {
                bone = HumanoidBone.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new MocapIOException("mapping " + file + ": unknown bone '" + e.getKey() + "'; expected one of "
                        + Arrays.toString(HumanoidBone.values()), ex);
            }
            if (!e.getValue().isJsonPrimitive() || e.getValue().getAsString().isEmpty()) {
                throw new MocapIOException("mapping " + file + ": bone " + bone + " needs a joint name string");
            }
            m.put(bone, e.getValue().getAsString());
        }
        return m;
    }

    /**
     * Reads a mapping file as a complete map.
     *
     * @param file the JSON file (not null)
     * @return a new map
     * @throws MocapIOException if the file cannot be read or is malformed
     */
    public static HumanoidMap read(Path file) throws MocapIOException {
        return new HumanoidMap(readEntries(file));
    }
}
