package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.MocapException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: options in, MP4 and ground-truth JSON out (needs xvfb-run on a headless machine).
 */
class SyntheticRenderTest {
    @TempDir
    Path dir;

    @Test
    void writesAVideoAndItsTruth() throws Exception {
        SyntheticRenderOptions options = SyntheticRenderOptions.defaults("jaime", "Punches").withSize(320, 240)
                .withTiming(24, 5).withCamera(CameraSpec.parse("azimuth=-30,elevation=5", CameraSpec.DEFAULT))
                .withBackground(BackgroundStyle.TEXTURE, 0x202020, 3);
        Path video = dir.resolve("punches.mp4");
        Path truth = dir.resolve("punches.truth.json");
        List<Integer> progress = new ArrayList<>();
        SyntheticRender.Result r = SyntheticRender.run(options, video, truth, (done, total) -> {
            assertEquals(5, total);
            progress.add(done);
        });
        assertEquals(List.of(1, 2, 3, 4, 5), progress);
        assertTrue(r.renderSeconds() > 0 && r.startSeconds() > 0 && r.loadSeconds() > 0);
        GroundTruthFile read = GroundTruthFile.read(truth);
        GroundTruthHeader h = read.header();
        assertEquals("punches.mp4", h.video());
        assertEquals(320, h.width());
        assertEquals(240, h.height());
        assertEquals(24, h.frameRateHz(), 0);
        assertEquals("clip:Punches", h.motion());
        assertEquals("texture", h.background());
        assertEquals(3, h.seed());
        assertTrue(h.camera().startsWith("distance=") && h.camera().contains("azimuth=-30") && !h.camera().contains("auto"),
                h.camera());
        assertEquals(r.truth().header().jointCount(), h.jointCount());
        assertEquals(-1, (int) h.jointParents().get(h.jointNames().indexOf(
                r.truth().header().jointNames().get(h.jointParents().indexOf(-1)))));
        assertEquals(5, read.frames().size());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, read.frames().get(i).index());
            assertEquals(i / 24.0, read.frames().get(i).timeSeconds(), 1e-12);
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.start();
            assertEquals(320, g.getImageWidth());
            assertEquals(240, g.getImageHeight());
            int n = 0;
            while (g.grabImage() != null) {
                n++;
            }
            assertEquals(5, n);
            g.stop();
        }
    }

    @Test
    void aBvhFileRetargetedOntoACharacterRendersWithTruthOnItsSilhouette() throws Exception {
        SyntheticRenderOptions options = SyntheticRenderOptions.defaults("ninja", CharacterMotionTest.walkBvh().toString())
                .withSize(320, 240).withTiming(30, 3).withCamera(CameraSpec.parse("azimuth=60", CameraSpec.DEFAULT))
                .withBackground(BackgroundStyle.PLAIN, 0xff00ff, 1).withInPlace(true).withLook(1.75, 0, 1, 0);
        SyntheticScene scene = SyntheticRender.prepareScene(options, SyntheticRender.newAssetManager());
        assertTrue(scene.motion() instanceof BvhMotion);
        try (OffscreenRenderer<TruthFrame> r = OffscreenRenderer.start(320, 240, 1, scene, 60)) {
            for (double t : new double[] {0.2, 0.9}) {
                RenderedFrame<TruthFrame> f = r.render(0, t);
                TruthFrame truth = f.annotation();
                int near = 0;
                int counted = 0;
                for (int j = 0; j < truth.jointCount(); j++) {
                    if (scene.character().armature().getJoint(j).getParent() == null) {
                        continue; // the root lies on the floor between the feet
                    }
                    counted++;
                    int u = (int) truth.u(j);
                    int v = (int) truth.v(j);
                    boolean hit = false;
                    for (int y = v - 2; y <= v + 2 && !hit; y++) {
                        for (int x = u - 2; x <= u + 2 && !hit; x++) {
                            hit = x >= 0 && y >= 0 && x < 320 && y < 240 && f.frame().rgbAt(x, y) != 0xff00ff;
                        }
                    }
                    if (hit) {
                        near++;
                    }
                }
                assertEquals(counted, near, "every non-root joint is on the ninja at t=" + t);
            }
        }
    }

    @Test
    void badCharactersAndClipsFailBeforeRendering() {
        Path video = dir.resolve("never.mp4");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticRender.run(
                SyntheticRenderOptions.defaults("/no/such/file.glb", "Walk"), video, null, null));
        assertTrue(e.getMessage().contains("/no/such/file.glb"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticRender.run(
                SyntheticRenderOptions.defaults("sinbad", "Moonwalk"), video, null, null));
        assertTrue(e.getMessage().contains("Moonwalk") && e.getMessage().contains("Dance"), e.getMessage());
        assertFalse(Files.exists(video));
    }

    @Test
    void optionsAreValidated() {
        SyntheticRenderOptions o = SyntheticRenderOptions.defaults("sinbad", "Dance");
        assertThrows(IllegalArgumentException.class, () -> o.withSize(15, 480));
        assertEquals(641, o.withSize(641, 479).width(), "odd sizes are fine: the video writer pads them");
        assertEquals(1843, o.effectiveBitrateKbps());
        assertEquals(900, o.withLook(1.75, 0, 4, 900).effectiveBitrateKbps());
        assertThrows(IllegalArgumentException.class, () -> o.withTiming(0, 10));
        assertThrows(IllegalArgumentException.class, () -> o.withTiming(30, 0));
        assertThrows(IllegalArgumentException.class, () -> o.withLook(1.75, 0, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> o.withBackground(BackgroundStyle.PLAIN, 0x1000000, 0));
        assertThrows(IllegalArgumentException.class, () -> SyntheticRenderOptions.defaults("", "Dance"));
        assertThrows(IllegalArgumentException.class, () -> SyntheticRender.run(null, null, null, null));
    }

    @Test
    void aMissingDisplayOrAnotherOpenRendererIsAClearError() throws MocapException {
        SyntheticScene scene = SyntheticRender.prepareScene(SyntheticRenderOptions.defaults("oto", "Walk"),
                SyntheticRender.newAssetManager());
        try (OffscreenRenderer<TruthFrame> first = OffscreenRenderer.start(64, 48, 1, scene, 60)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> OffscreenRenderer.start(64, 48, 1, scene, 60));
            assertTrue(e.getMessage().contains("another OffscreenRenderer"), e.getMessage());
            assertEquals(48, first.render(0, 0).frame().height());
        }
    }
}
