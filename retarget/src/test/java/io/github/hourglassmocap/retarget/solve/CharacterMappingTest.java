package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CharacterMappingTest {
    @Test
    void overridesReplaceAutomaticEntries() throws Exception {
        var armature = BuiltInCharacters.findSkinning(SolveFixtures.model("sinbad")).getArmature();
        var map = CharacterMapping.map("sinbad", armature, Map.of(HumanoidBone.SPINE, "Stomach"));
        assertEquals("Stomach", map.getJoint(HumanoidBone.SPINE));
    }

    @Test
    void aRigThatIsNotHumanoidFailsWithAMessage() {
        Joint a = new Joint("a");
        Joint b = new Joint("b");
        b.setLocalTranslation(new Vector3f(0, 1, 0));
        a.addChild(b);
        Armature armature = new Armature(new Joint[] {a, b});
        assertThrows(HumanoidMapException.class, () -> CharacterMapping.map("stick", armature, Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CharacterMapping.automatic(armature));
        assertTrue(e.getMessage().contains("--mapping"), e.getMessage());
    }
}
