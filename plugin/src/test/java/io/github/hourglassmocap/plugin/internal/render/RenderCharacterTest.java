package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.asset.AssetManager;
import com.jme3.bounding.BoundingBox;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.inference.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCharacterTest {
    private final AssetManager assets = SyntheticRender.newAssetManager();

    @TempDir
    Path dir;

    @Test
    void catalogCharactersAreNormalisedToHeightStandingOnTheFloorAndCentred() throws ModelLoadException {
        for (String name : new String[] {"jaime", "sinbad", "ninja", "oto"}) {
            RenderCharacter c = RenderCharacter.load(assets, name, 1.6, 0);
            c.node().updateGeometricState();
            BoundingBox box = (BoundingBox) c.node().getWorldBound();
            assertEquals(1.6, 2 * box.getYExtent(), 1e-3, name + " height");
            assertEquals(0, box.getMin(null).y, 1e-3, name + " stands on y = 0");
            assertEquals(0, box.getCenter().x, 1e-3, name + " centred in x");
            assertEquals(0, box.getCenter().z, 1e-3, name + " centred in z");
            assertEquals(1.6f, c.heightMetres(), 0f);
            assertTrue(c.scale() > 0);
            assertTrue(c.armature().getJointCount() > 10, name + " has an armature");
            assertTrue(!c.clipNames().isEmpty(), name + " has clips");
            assertEquals(name, c.describe());
        }
    }

    @Test
    void listsClipsAndNamesThemInErrors() throws ModelLoadException {
        RenderCharacter jaime = RenderCharacter.load(assets, "Jaime", 1.75, 0);
        assertTrue(jaime.clipNames().containsAll(java.util.List.of("Walk", "Punches")), jaime.clipNames().toString());
        assertEquals("Walk", jaime.getClip("Walk").getName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> jaime.getClip("Moonwalk"));
        assertTrue(e.getMessage().contains("Moonwalk") && e.getMessage().contains("Punches"), e.getMessage());
    }

    @Test
    void jointWorldPositionsFollowTheNormalisation() throws ModelLoadException {
        RenderCharacter tall = RenderCharacter.load(assets, "sinbad", 2.0, 0);
        RenderCharacter small = RenderCharacter.load(assets, "sinbad", 1.0, 0);
        for (RenderCharacter c : new RenderCharacter[] {tall, small}) {
            c.armature().update(); // model transforms are computed by the scene update (SkinningControl)
            c.node().updateGeometricState();
        }
        int head = tall.armature().getJointIndex("Head");
        Vector3f a = tall.jointWorldPosition(head, null);
        Vector3f b = small.jointWorldPosition(head, new Vector3f());
        assertEquals(a.y, 2 * b.y, 1e-4, "scaling about the floor doubles the head height");
        assertTrue(a.y > 1.5 && a.y < 2.0, "the head joint is near the top: " + a);
        RenderCharacter turned = RenderCharacter.load(assets, "sinbad", 2.0, 180);
        turned.armature().update();
        turned.node().updateGeometricState();
        int hand = tall.armature().getJointIndex("Hand.L");
        assertEquals(-tall.jointWorldPosition(hand, null).x, turned.jointWorldPosition(hand, null).x, 0.05,
                "a half turn mirrors x (up to the re-centring)");
    }

    @Test
    void theExtentCoversTheBodyAndGrowsWithRootMotion() throws Exception {
        RenderCharacter ninja = RenderCharacter.load(assets, "ninja", 1.75, 0);
        CharacterMotion kick = CharacterMotion.resolve("Kick", ninja);
        CameraSpec.Extent still = ninja.extent(kick, 0, 1);
        assertTrue(still.minY() <= 0 && still.maxY() >= 1.75, still.toString());
        CameraSpec.Extent moving = ninja.extent(kick, kick.lengthSeconds(), 30);
        assertTrue(moving.radius() > still.radius() + 0.2, "the kick steps forward: " + still + " -> " + moving);
        assertThrows(IllegalArgumentException.class, () -> ninja.extent(kick, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> ninja.extent(kick, 1, 0));
    }

    @Test
    void loadsAModelFileAndAClasspathAssetPath() throws Exception {
        RenderCharacter byAsset = RenderCharacter.load(assets, "Models/Oto/Oto.mesh.xml", 1.75, 0);
        assertEquals("Models/Oto/Oto.mesh.xml", byAsset.source());
        // A j3o written to a folder outside the classpath is found through a file locator.
        Path file = dir.resolve("oto.j3o");
        com.jme3.export.binary.BinaryExporter.getInstance().save(assets.loadModel("Models/Oto/Oto.mesh.xml"), file.toFile());
        RenderCharacter byFile = RenderCharacter.load(assets, file.toString(), 1.75, 0);
        assertEquals(file.toAbsolutePath().toString(), byFile.source());
        assertEquals(byAsset.armature().getJointCount(), byFile.armature().getJointCount());
    }

    @Test
    void badCharactersAreClearErrors() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RenderCharacter.load(assets, "no/such/model.j3o", 1.75, 0));
        assertTrue(e.getMessage().contains("no/such/model.j3o") && e.getMessage().contains("sinbad"), e.getMessage());
        Path garbage = dir.resolve("garbage.j3o");
        Files.writeString(garbage, "this is not a j3o file");
        ModelLoadException m = assertThrows(ModelLoadException.class,
                () -> RenderCharacter.load(assets, garbage.toString(), 1.75, 0));
        assertTrue(m.getMessage().contains("garbage.j3o"), m.getMessage());
        ModelLoadException unrigged = assertThrows(ModelLoadException.class,
                () -> RenderCharacter.load(assets, "Models/Teapot/Teapot.mesh.xml", 1.75, 0));
        assertTrue(unrigged.getMessage().contains("no armature"), unrigged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RenderCharacter.load(assets, "sinbad", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> RenderCharacter.load(assets, "sinbad", 1.75, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RenderCharacter.load(assets, " ", 1.75, 0));
    }
}
