package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BuiltInCharactersTest {
    @ParameterizedTest
    @ValueSource(strings = {"jaime", "sinbad", "ninja"})
    void handMapsAgreeWithTheAutomaticMapperOnLimbsAndEnds(String name) {
        var armature = BuiltInCharacters.findSkinning(SolveFixtures.model(name)).getArmature();
        HumanoidMap auto = CharacterMapping.automatic(armature);
        HumanoidMap hand = BuiltInCharacters.map(name);
        for (HumanoidBone b : new HumanoidBone[] {HumanoidBone.HIPS, HumanoidBone.HEAD, HumanoidBone.LEFT_UPPER_ARM,
            HumanoidBone.LEFT_LOWER_ARM, HumanoidBone.LEFT_HAND, HumanoidBone.RIGHT_UPPER_ARM, HumanoidBone.RIGHT_HAND,
            HumanoidBone.LEFT_UPPER_LEG, HumanoidBone.LEFT_LOWER_LEG, HumanoidBone.LEFT_FOOT, HumanoidBone.RIGHT_UPPER_LEG,
            HumanoidBone.RIGHT_FOOT}) {
            assertEquals(hand.findJoint(b), auto.findJoint(b), name + " " + b);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jaime", "sinbad", "ninja"})
    void aMappingFileCorrectsTheHandWrittenMapOfABuiltInNotTheAutomaticOne(String name) throws Exception {
        BuiltInCharacters.LoadedCharacter c = BuiltInCharacters.loadCharacter(SolveFixtures.assets(), name);
        assertTrue(c.hasHandWrittenMap());
        HumanoidMap hand = BuiltInCharacters.map(name);
        assertEquals(hand.asMap(), c.map(java.util.Map.of()).asMap(), "no corrections: the hand-written map itself");
        java.util.Map<HumanoidBone, String> fix = new java.util.EnumMap<>(HumanoidBone.class);
        fix.put(HumanoidBone.LEFT_TOES, null);
        HumanoidMap fixed = c.map(fix);
        assertNull(fixed.findJoint(HumanoidBone.LEFT_TOES));
        assertEquals(hand.findJoint(HumanoidBone.RIGHT_TOES), fixed.findJoint(HumanoidBone.RIGHT_TOES));
        fix.put(HumanoidBone.HEAD, "no such joint");
        var e = assertThrows(io.github.hourglassmocap.retarget.humanoid.HumanoidMapException.class, () -> c.map(fix));
        assertTrue(e.getMessage().contains("'no such joint'"), e.getMessage());
    }

    @Test
    void oneCatalogueLoadsEveryNameByTheOneLoader() throws Exception {
        assertEquals(java.util.List.of("jaime", "sinbad", "ninja", "oto", "elephant"), BuiltInCharacters.NAMES);
        for (String name : BuiltInCharacters.NAMES) {
            BuiltInCharacters.LoadedCharacter c = BuiltInCharacters.loadCharacter(SolveFixtures.assets(),
                    " " + name.toUpperCase(java.util.Locale.ROOT) + " ");
            assertEquals(name, c.name());
            assertTrue(c.builtIn());
            assertNotNull(BuiltInCharacters.findSkinning(c.model()), name);
            assertEquals(name.equals("ninja") ? 180f : 0f, c.yawDegrees(), 0f, name);
            if (!name.equals("elephant")) {
                assertNotNull(c.map().findJoint(HumanoidBone.HIPS), name);
            }
        }
        IllegalArgumentException notHuman = assertThrows(IllegalArgumentException.class,
                () -> BuiltInCharacters.loadCharacter(SolveFixtures.assets(), "elephant").map());
        assertTrue(notHuman.getMessage().contains("'elephant' cannot be mapped"), notHuman.getMessage());
    }

    @Test
    void filesAndAssetPathsLoadAndBadOnesAreClearErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        BuiltInCharacters.LoadedCharacter byAsset = BuiltInCharacters.loadCharacter(SolveFixtures.assets(),
                "Models/Oto/Oto.mesh.xml");
        assertFalse(byAsset.builtIn());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuiltInCharacters.loadCharacter(SolveFixtures.assets(), tmp.resolve("nope.glb").toString()));
        assertTrue(e.getMessage().contains("neither a built-in character [" + BuiltInCharacters.NAME_LIST + "]"),
                e.getMessage());
        java.nio.file.Path junk = java.nio.file.Files.writeString(tmp.resolve("junk.j3o"), "not a model");
        io.github.hourglassmocap.inference.ModelLoadException m = assertThrows(
                io.github.hourglassmocap.inference.ModelLoadException.class,
                () -> BuiltInCharacters.loadCharacter(SolveFixtures.assets(), junk.toString()));
        assertTrue(m.getMessage().contains("junk.j3o") && m.getMessage().contains("JME3"), m.getMessage());
        java.nio.file.Path text = java.nio.file.Files.writeString(tmp.resolve("junk.gltf"), "not a model");
        m = assertThrows(io.github.hourglassmocap.inference.ModelLoadException.class,
                () -> BuiltInCharacters.loadCharacter(SolveFixtures.assets(), text.toString()));
        assertTrue(m.getMessage().contains("cannot be loaded"), m.getMessage());
    }

    @Test
    void unknownNamesAndMissingFiles() {
        assertNull(BuiltInCharacters.assetPath("bob"));
        assertNull(BuiltInCharacters.map("bob"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuiltInCharacters.load(SolveFixtures.assets(), "Models/Nope/Nope.j3o"));
        assertTrue(e.getMessage().contains("Nope"), e.getMessage());
    }
}
