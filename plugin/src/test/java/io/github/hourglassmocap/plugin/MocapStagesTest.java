package io.github.hourglassmocap.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.asset.DesktopAssetManager;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.lift.LiveLifter;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import org.junit.jupiter.api.Test;

class MocapStagesTest {
    @Test
    void missingVideoFailsWhenOpenedNamingIt() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> MocapStages.liveSource("/no/such/video.mp4").create());
        assertTrue(e.getMessage().contains("/no/such/video.mp4"), e.getMessage());
    }

    @Test
    void shippedLifterOpensForStreaming() throws Exception {
        MocapStages.checkLifterPresent();
        try (LiveLifter l = MocapStages.lifter(2, 1).create()) {
            assertEquals(2, l.lookaheadFrames());
        }
    }

    @Test
    void builtInControlsKnowTheirCharacters() {
        Spatial jaime = BuiltInCharacters.load(new DesktopAssetManager(true), BuiltInCharacters.assetPath("jaime"));
        MocapControl c = MocapStages.builtInControl(jaime, "Jaime", true);
        assertTrue(c.isInPlace());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MocapStages.builtInControl(jaime, "gollum", false));
        assertTrue(e.getMessage().contains("gollum") && e.getMessage().contains("jaime"), e.getMessage());
    }
}
