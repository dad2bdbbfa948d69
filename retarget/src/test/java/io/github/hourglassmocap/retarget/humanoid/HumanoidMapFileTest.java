package io.github.hourglassmocap.retarget.humanoid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.MocapIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumanoidMapFileTest {
    @TempDir
    Path tmp;

    @Test
    void parsesVrmAndEnumKeysAndNullRemovals() throws Exception {
        Map<HumanoidBone, String> m = HumanoidMapFile.parse("{\"version\": 1, \"bones\": {\"leftUpperArm\": "
                + "\"mixamorig:LeftArm\", \"UPPER_CHEST\": null, \"right-hand\": \"RHand\"}}", "test");
        assertEquals("mixamorig:LeftArm", m.get(HumanoidBone.LEFT_UPPER_ARM));
        assertTrue(m.containsKey(HumanoidBone.UPPER_CHEST));
        assertEquals(null, m.get(HumanoidBone.UPPER_CHEST));
        assertEquals("RHand", m.get(HumanoidBone.RIGHT_HAND));
        assertEquals(3, m.size());
    }

    @Test
    void writeThenReadGivesTheSameMap() throws Exception {
        Map<HumanoidBone, String> bones = new EnumMap<>(HumanoidBone.class);
        bones.put(HumanoidBone.HIPS, "Hips");
        bones.put(HumanoidBone.LEFT_INDEX_DISTAL, "LeftHandIndex3");
        Path f = tmp.resolve("map.json");
        HumanoidMapFile.write(f, new HumanoidMap(bones));
        assertTrue(Files.readString(f).contains("\"leftIndexDistal\": \"LeftHandIndex3\""));
        assertEquals(bones, HumanoidMapFile.read(f));
    }

    @Test
    void rejectsBadFilesNamingTheProblem() {
        MocapIOException unknown = assertThrows(MocapIOException.class,
                () -> HumanoidMapFile.parse("{\"version\":1,\"bones\":{\"tail\":\"Tail1\"}}", "m.json"));
        assertTrue(unknown.getMessage().contains("unknown humanoid bone 'tail'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("leftUpperArm"), unknown.getMessage());
        MocapIOException version = assertThrows(MocapIOException.class,
                () -> HumanoidMapFile.parse("{\"version\":2,\"bones\":{}}", "m.json"));
        assertTrue(version.getMessage().contains("version 2"), version.getMessage());
        assertThrows(MocapIOException.class, () -> HumanoidMapFile.parse("{\"bones\":{}}", "m.json"));
        assertThrows(MocapIOException.class, () -> HumanoidMapFile.parse("{\"version\":1}", "m.json"));
        assertThrows(MocapIOException.class, () -> HumanoidMapFile.parse("[1,2", "m.json"));
        assertThrows(MocapIOException.class, () -> HumanoidMapFile.parse("{\"version\":1,\"bones\":{\"head\":3}}", "m"));
        assertThrows(MocapIOException.class, () -> HumanoidMapFile.read(tmp.resolve("missing.json")));
    }
}
