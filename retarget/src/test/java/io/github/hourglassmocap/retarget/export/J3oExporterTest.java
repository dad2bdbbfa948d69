package io.github.hourglassmocap.retarget.export;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimComposer;
import com.jme3.anim.Joint;
import com.jme3.anim.SkinningControl;
import com.jme3.anim.TransformTrack;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.retarget.record.ClipRecorder;
import io.github.hourglassmocap.retarget.record.KeyReduction;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.OfflineRetargeter;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import io.github.hourglassmocap.retarget.solve.RetargetResult;
import io.github.hourglassmocap.retarget.solve.SolveFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class J3oExporterTest {
    @TempDir
    Path dir;

    /** Retargets Jaime's walk onto a character and records it; returns the model holding the clip's targets. */
    static Spatial recordedModel(String character, AnimClip[] clipOut) {
        Spatial model = SolveFixtures.model(character);
        CharacterRig rig = SolveFixtures.rigOf(model, character);
        RetargetResult r = new OfflineRetargeter(rig, RetargetOptions.defaults()).run(SolveFixtures.sampleClip("jaime", "Walk", 30));
        clipOut[0] = ClipRecorder.clipOf(r, "mocap", KeyReduction.NONE);
        return model;
    }

    @Test
    void savedClipLoadsBackAndPlays() throws Exception {
        AnimClip[] clip = new AnimClip[1];
        Spatial model = recordedModel("sinbad", clip);
        Path file = dir.resolve("clip.j3o");
        J3oExporter.export(model, clip[0], file);
        assertTrue(Files.size(file) > 1000);

        SolveFixtures.assets().registerLocator(dir.toString(), FileLocator.class);
        Spatial loaded = SolveFixtures.assets().loadModel("clip.j3o");
        AnimComposer composer = SolveFixtures.findComposer(loaded);
        assertNotNull(composer.getAnimClip("mocap"), "clip in the loaded composer");
        SkinningControl sc = BuiltInCharacters.findSkinning(loaded);
        SolveFixtures.assertPlaysLikeOriginal(composer, sc.getArmature(), clip[0]);
    }
}
