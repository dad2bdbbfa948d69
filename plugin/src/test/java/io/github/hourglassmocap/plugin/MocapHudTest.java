package io.github.hourglassmocap.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.asset.DesktopAssetManager;
import com.jme3.scene.Geometry;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pipeline.PipelineResult;
import io.github.hourglassmocap.inference.pipeline.PipelineStats;
import io.github.hourglassmocap.inference.pipeline.Pose2dSample;
import io.github.hourglassmocap.inference.video.Frame;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MocapHudTest {
    @Test
    void showsTheFrameTheSkeletonsAndTheFigures() {
        MocapHud hud = new MocapHud(new DesktopAssetManager(true), 320);
        Geometry video = (Geometry) hud.getChild("MocapHud.video");
        assertEquals(Spatial.CullHint.Always, video.getLocalCullHint(), "no frame yet: no video panel");
        ByteBuffer px = ByteBuffer.allocate(641 * 479 * 3);
        Frame f = new Frame(641, 479, 641 * 3, px, 0, 0);
        float[] j = new float[H36mJoints.COUNT * 3];
        for (int i = 0; i < H36mJoints.COUNT; i++) {
            j[3 * i] = 300;
            j[3 * i + 1] = 100 + 10 * i;
            j[3 * i + 2] = 0.9f;
        }
        hud.show(new PipelineResult(f, new Pose2dSample(0, 0, 641, 479, j), Poses.pose(0, true), 0, 1, 1));
        assertEquals(Spatial.CullHint.Inherit, video.getLocalCullHint());
        assertEquals(320f * 479 / 641, hud.getVideoHeight(), 1e-3f);
        assertEquals(Spatial.CullHint.Inherit, hud.getChild("MocapHud.overlay2d").getLocalCullHint());
        hud.show(new PipelineResult(f, new Pose2dSample(1, 0, 641, 479, null), Poses.pose(1, true), 0, 1, 1));
        assertEquals(Spatial.CullHint.Always, hud.getChild("MocapHud.overlay2d").getLocalCullHint(), "nobody: no 2D skeleton");
        hud.setMessage("stopped: unplugged");
        hud.update(new PipelineStats(10, 3, 7, 29.5, 24.0, 42.0, 1, 2, 3), true, 0.016f);
        String t = hud.getFiguresText();
        assertTrue(t.contains("input 29.5 fps") && t.contains("latency 42 ms") && t.contains("dropped 3")
                && t.contains("[REC]") && t.contains("unplugged"), t);
        assertThrows(IllegalArgumentException.class, () -> new MocapHud(new DesktopAssetManager(true), 0));
    }
}
