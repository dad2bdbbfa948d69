package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.shape.Quad;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.video.Frame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Needs an OpenGL 3.2 display: run under xvfb-run (CI does).
 */
class OffscreenRendererTest {
    private static final int W = 641;
    private static final int H = 479;

    /** A red quad over the upper-left quadrant of a blue view, with an orthographic camera. */
    private static final class QuadrantScene implements OffscreenScene<String> {
        final List<Double> times = new CopyOnWriteArrayList<>();
        volatile long failOnFrame = -1;
        volatile boolean failInitialize;

        @Override
        public void initialize(AssetManager assets, Node root, Camera camera, ViewPort viewPort) {
            if (failInitialize) {
                throw new IllegalStateException("scene refused to build");
            }
            viewPort.setBackgroundColor(ColorRGBA.Blue);
            camera.setParallelProjection(true);
            camera.setFrustum(1, 100, -1, 1, 1, -1);
            camera.setLocation(new Vector3f(0, 0, 10));
            camera.lookAt(Vector3f.ZERO, Vector3f.UNIT_Y);
            Geometry quad = new Geometry("quad", new Quad(1, 1));
            Material m = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
            m.setColor("Color", ColorRGBA.Red);
            quad.setMaterial(m);
            // jME's camera looks down -Z here with +X to the right: the quad spans x in [-1, 0], y in [0, 1].
            quad.setLocalTranslation(-1, 0, 0);
            root.attachChild(quad);
        }

        @Override
        public void prepareFrame(long frameIndex, double timeSeconds, Camera camera) {
            if (frameIndex == failOnFrame) {
                throw new IllegalStateException("boom at " + frameIndex);
            }
            times.add(timeSeconds);
        }

        @Override
        public String annotateFrame(long frameIndex, double timeSeconds, Camera camera) {
            return "frame " + frameIndex;
        }
    }

    @Test
    void rendersTopDownBgrAtTheRequestedSizeWithAndWithoutAntiAliasing() throws MocapException {
        for (int samples : new int[] {1, 4}) {
            QuadrantScene scene = new QuadrantScene();
            try (OffscreenRenderer<String> r = OffscreenRenderer.start(W, H, samples, scene, 60)) {
                assertEquals(W, r.width());
                assertEquals(H, r.height());
                RenderedFrame<String> f = r.render(7, 0.25);
                Frame frame = f.frame();
                assertEquals(W, frame.width());
                assertEquals(H, frame.height());
                assertEquals(7, frame.frameIndex());
                assertEquals(250_000_000L, frame.timestampNanos());
                assertEquals("frame 7", f.annotation());
                assertEquals(0xff0000, frame.rgbAt(W / 4, H / 4), "upper-left is the red quad (samples " + samples + ")");
                assertEquals(0x0000ff, frame.rgbAt(3 * W / 4, H / 4), "upper-right is background");
                assertEquals(0x0000ff, frame.rgbAt(W / 4, 3 * H / 4), "lower-left is background");
                assertEquals(0xff0000, frame.rgbAt(1, 1), "the top-left corner pixel is the quad's");
                assertEquals(0x0000ff, frame.rgbAt(W - 1, H - 1));
                // The very first frame must be right too (a blit into a lazily created buffer once blanked it).
                assertEquals(List.of(0.25), scene.times);
            }
        }
    }

    /** The quadrant scene, asking for depth: annotates each frame with the depths at two pixels. */
    private static final class DepthScene implements OffscreenScene<double[]> {
        private final QuadrantScene inner = new QuadrantScene();

        @Override
        public void initialize(AssetManager assets, Node root, Camera camera, ViewPort viewPort) {
            inner.initialize(assets, root, camera, viewPort);
        }

        @Override
        public void prepareFrame(long frameIndex, double timeSeconds, Camera camera) {
            inner.prepareFrame(frameIndex, timeSeconds, camera);
        }

        @Override
        public double[] annotateFrame(long frameIndex, double timeSeconds, Camera camera) {
            throw new AssertionError("the depth form must be called");
        }

        @Override
        public boolean wantsDepth() {
            return true;
        }

        @Override
        public double[] annotateFrame(long frameIndex, double timeSeconds, Camera camera, DepthMap depth) {
            assertEquals(W, depth.width());
            assertEquals(H, depth.height());
            return new double[] {depth.depthMetres(W / 4, H / 4), depth.depthMetres(3 * W / 4, H / 4),
                depth.depthMetres(W / 4, 3 * H / 4), depth.depthMetres(1, 1)};
        }
    }

    @Test
    void readsTheDepthBufferTopDownInMetres() throws MocapException {
        for (int samples : new int[] {1, 4}) {
            try (OffscreenRenderer<double[]> r = OffscreenRenderer.start(W, H, samples, new DepthScene(), 60)) {
                double[] d = r.render(0, 0).annotation();
                assertEquals(10.0, d[0], 1e-3, "the quad, 10 m in front of the camera (samples " + samples + ")");
                assertEquals(Double.POSITIVE_INFINITY, d[1], 0.0, "nothing drawn on the right");
                assertEquals(Double.POSITIVE_INFINITY, d[2], 0.0, "nothing drawn below");
                assertEquals(10.0, d[3], 1e-3, "the top-left pixel is the quad's");
            }
        }
    }

    @Test
    void passesTheRequestedTimesInOrder() throws MocapException {
        QuadrantScene scene = new QuadrantScene();
        try (OffscreenRenderer<String> r = OffscreenRenderer.start(64, 48, 1, scene, 60)) {
            r.render(3, 0.1);
            r.render(0, 0.0);
            r.render(9, 0.3);
        }
        assertEquals(List.of(0.1, 0.0, 0.3), scene.times);
    }

    @Test
    void errorsInTheSceneReachTheCallerAndTheRendererGoesOn() throws MocapException {
        QuadrantScene scene = new QuadrantScene();
        scene.failOnFrame = 1;
        try (OffscreenRenderer<String> r = OffscreenRenderer.start(64, 48, 1, scene, 60)) {
            MocapException e = assertThrows(MocapException.class, () -> r.render(1, 0.5));
            assertTrue(e.getMessage().contains("boom at 1"), e.getMessage());
            assertTrue(e.getCause() instanceof IllegalStateException);
            assertEquals("frame 2", r.render(2, 1.0).annotation());
        }
    }

    @Test
    void aFailingSceneBuildFailsStart() {
        QuadrantScene scene = new QuadrantScene();
        scene.failInitialize = true;
        MocapException e = assertThrows(MocapException.class, () -> OffscreenRenderer.start(64, 48, 1, scene, 60));
        assertTrue(e.getMessage().contains("scene refused to build"), e.getMessage());
        assertNotNull(e.getCause());
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseThrows() throws MocapException {
        OffscreenRenderer<String> r = OffscreenRenderer.start(64, 48, 1, new QuadrantScene(), 60);
        r.close();
        r.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.render(0, 0));
        assertTrue(e.getMessage().contains("OffscreenRenderer"));
        assertThrows(IllegalStateException.class, () -> r.call(() -> 1));
    }

    @Test
    void runsTasksOnTheRenderThread() throws MocapException {
        try (OffscreenRenderer<String> r = OffscreenRenderer.start(64, 48, 1, new QuadrantScene(), 60)) {
            String thread = r.call(() -> Thread.currentThread().getName());
            assertTrue(!thread.equals(Thread.currentThread().getName()), thread);
            MocapException e = assertThrows(MocapException.class, () -> r.call(() -> {
                throw new IllegalArgumentException("task failed on purpose");
            }));
            assertTrue(e.getMessage().contains("task failed on purpose"));
        }
    }

    @Test
    void rejectsBadArguments() {
        QuadrantScene scene = new QuadrantScene();
        assertThrows(IllegalArgumentException.class, () -> OffscreenRenderer.start(0, 48, 1, scene, 60));
        assertThrows(IllegalArgumentException.class, () -> OffscreenRenderer.start(64, 48, 3, scene, 60));
        assertThrows(IllegalArgumentException.class, () -> OffscreenRenderer.start(64, 48, 1, null, 60));
        assertThrows(IllegalArgumentException.class, () -> OffscreenRenderer.start(64, 48, 1, scene, 0));
    }
}
