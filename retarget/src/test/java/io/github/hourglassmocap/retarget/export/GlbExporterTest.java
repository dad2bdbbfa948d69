package io.github.hourglassmocap.retarget.export;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimComposer;
import com.jme3.anim.Joint;
import com.jme3.anim.SkinningControl;
import com.jme3.anim.TransformTrack;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.math.Transform;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.SolveFixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class GlbExporterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"jaime", "sinbad"})
    void loadsBackWithJmeGltfLoaderAndPlays(String character) throws Exception {
        AnimClip[] clip = new AnimClip[1];
        Spatial model = J3oExporterTest.recordedModel(character, clip);
        Path file = dir.resolve(character + ".glb");
        GlbExporter.export(model, clip[0], SolveFixtures.assets(), file);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x46546C67, header.getInt(0), "glTF magic");
        assertEquals(2, header.getInt(4));
        assertEquals(bytes.length, header.getInt(8));

        SolveFixtures.assets().registerLocator(dir.toString(), FileLocator.class);
        Spatial loaded = SolveFixtures.assets().loadModel(character + ".glb");
        AnimComposer composer = SolveFixtures.findComposer(loaded);
        assertNotNull(composer, "composer");
        assertNotNull(composer.getAnimClip("mocap"), "clip, have " + composer.getAnimClipsNames());
        SkinningControl sc = BuiltInCharacters.findSkinning(loaded);
        assertNotNull(sc, "skin");
        assertEquals(BuiltInCharacters.findSkinning(model).getArmature().getJointCount(), sc.getArmature().getJointCount());
        SolveFixtures.assertPlaysLikeOriginal(composer, sc.getArmature(), clip[0]);
    }
}
