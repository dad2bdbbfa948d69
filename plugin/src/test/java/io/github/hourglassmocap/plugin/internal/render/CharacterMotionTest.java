package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class CharacterMotionTest {
    @Test
    static Path walkBvh() throws Exception {
        return Paths.get(CharacterMotionTest.class.getResource("/render/cmu-iclone-002_01-walk.bvh").toURI());
    }

    @Test
    void resolvesABvhFileByRetargetingItOntoTheCharacter() throws Exception {
        RenderCharacter c = RenderCharacter.load(SyntheticRender.newAssetManager(), "sinbad", 1.75, 0);
        CharacterMotion walk = CharacterMotion.resolve(walkBvh().toString(), c, true);
        assertTrue(walk instanceof BvhMotion);
        assertTrue(walk.describe().startsWith("bvh:") && walk.describe().endsWith("cmu-iclone-002_01-walk.bvh"), walk.describe());
        assertEquals(47 / 30.0, walk.lengthSeconds(), 0.02, "48 frames at 30 fps");
        assertTrue(c.clipNames().contains("bvh:cmu-iclone-002_01-walk.bvh"), c.clipNames().toString());
        // The retargeted walk moves the legs: the feet swap over half a stride.
        int foot = c.armature().getJointIndex("Foot.L");
        walk.apply(0.1);
        c.armature().update();
        c.node().updateGeometricState();
        float z0 = c.jointWorldPosition(foot, null).z;
        walk.apply(0.6);
        c.armature().update();
        c.node().updateGeometricState();
        float z1 = c.jointWorldPosition(foot, null).z;
        assertTrue(Math.abs(z1 - z0) > 0.1, "the left foot moves along the walk: " + z0 + " -> " + z1);
    }

    @Test
    void resolvesClipNamesAndExplainsBadMotions() throws Exception {
        RenderCharacter c = RenderCharacter.load(SyntheticRender.newAssetManager(), "oto", 1.75, 0);
        CharacterMotion walk = CharacterMotion.resolve("Walk", c);
        assertTrue(walk instanceof ClipMotion);
        assertEquals("clip:Walk", walk.describe());
        IllegalArgumentException bvh = assertThrows(IllegalArgumentException.class,
                () -> CharacterMotion.resolve("takes/01_01.bvh", c));
        assertTrue(bvh.getMessage().contains("does not exist") && bvh.getMessage().contains("Walk"), bvh.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> CharacterMotion.resolve(" ", c));
        assertTrue(blank.getMessage().contains("Dodge"), blank.getMessage());
    }
}
