package io.github.hourglassmocap.plugin.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.ModelLoadException;
import org.junit.jupiter.api.Test;

class CharacterMotionTest {
    @Test
    void resolvesClipNamesAndExplainsWhatIsNotSupportedYet() throws ModelLoadException {
        RenderCharacter c = RenderCharacter.load(SyntheticRender.newAssetManager(), "oto", 1.75, 0);
        CharacterMotion walk = CharacterMotion.resolve("Walk", c);
        assertTrue(walk instanceof ClipMotion);
        assertEquals("clip:Walk", walk.describe());
        IllegalArgumentException bvh = assertThrows(IllegalArgumentException.class,
                () -> CharacterMotion.resolve("takes/01_01.bvh", c));
        assertTrue(bvh.getMessage().contains("BVH") && bvh.getMessage().contains("Walk"), bvh.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> CharacterMotion.resolve(" ", c));
        assertTrue(blank.getMessage().contains("Dodge"), blank.getMessage());
    }
}
