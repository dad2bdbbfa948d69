package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.asset.DesktopAssetManager;
import io.github.hourglassmocap.plugin.Armatures;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharactersTest {
    @TempDir
    Path tmp;

    @Test
    void builtInCharactersLoadWithTheirMaps() {
        DesktopAssetManager assets = new DesktopAssetManager(true);
        for (String name : new String[] {"jaime", "Sinbad"}) {
            Characters.Loaded c = Characters.load(assets, name);
            assertEquals(name.toLowerCase(), c.name());
            assertNotNull(Armatures.getArmature(c.model()).getJoint(c.map().getJoint(HumanoidBone.HIPS)));
        }
    }

    @Test
    void missingAndUnloadableFilesGetClearMessages() throws Exception {
        DesktopAssetManager assets = new DesktopAssetManager(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Characters.load(assets, tmp.resolve("nope.glb").toString()));
        assertTrue(e.getMessage().contains("neither a built-in character"), e.getMessage());
        Path junk = Files.writeString(tmp.resolve("junk.txt"), "not a model");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> Characters.load(assets, junk.toString()));
        assertTrue(e2.getMessage().contains("cannot be loaded"), e2.getMessage());
    }
}
