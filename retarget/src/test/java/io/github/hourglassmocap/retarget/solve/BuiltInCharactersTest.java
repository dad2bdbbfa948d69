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

    @Test
    void unknownNamesAndMissingFiles() {
        assertNull(BuiltInCharacters.assetPath("bob"));
        assertNull(BuiltInCharacters.map("bob"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuiltInCharacters.load(SolveFixtures.assets(), "Models/Nope/Nope.j3o"));
        assertTrue(e.getMessage().contains("Nope"), e.getMessage());
    }
}
