package io.github.hourglassmocap.plugin.bake;

import com.jme3.anim.AnimComposer;
import com.jme3.anim.Armature;
import java.util.logging.Logger;
import com.jme3.asset.AssetManager;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.bounding.BoundingBox;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import io.github.hourglassmocap.retarget.solve.CharacterMapping;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.scene.shape.Quad;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.SkeletonOverlay;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import io.github.hourglassmocap.inference.video.VideoWriter;
import io.github.hourglassmocap.plugin.Armatures;
import io.github.hourglassmocap.plugin.render.OffscreenRenderer;
import io.github.hourglassmocap.plugin.render.OffscreenScene;
import io.github.hourglassmocap.plugin.render.RenderedFrame;
import io.github.hourglassmocap.plugin.render.RendererUnavailableException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders preview.mp4: the input video with the 2D skeleton drawn on it, and beside it the baked character
 * playing its clip, rendered offscreen (needs a display; under {@code xvfb-run} on a headless machine). The
 * preview is at most 480 pixels high.
 */
public final class PreviewRenderer implements VideoBaker.PreviewWriter {
    private static final int MAX_HEIGHT = 480;
    /** How to get the preview, appended to every "cannot render here" message. */
    static final String HOW_TO_GET_IT = "install Xvfb (apt-get install xvfb xauth libgl1-mesa-dri; ./mocap then runs"
            + " under xvfb-run by itself) or run with a display; --no-preview skips it";

    private volatile boolean cancelled;

    /**
     * Says why this machine cannot render the preview, without trying: on Linux, no X display ({@code DISPLAY}
     * unset or empty). Other failures (a display that cannot be reached, no OpenGL) show when the renderer starts.
     *
     * @param env the environment to judge (not null, unaffected; normally {@link System#getenv()})
     * @param osName the operating system's name (not null; normally the {@code os.name} property)
     * @return a one-line reason, or null if rendering may work
     */
    public static String findDisplayProblem(java.util.Map<String, String> env, String osName) {
        boolean linux = osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux");
        String display = env.get("DISPLAY");
        if (linux && (display == null || display.isBlank())) {
            return "no display (DISPLAY is not set)";
        }
        return null;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    /**
     * {@inheritDoc}
     *
     * @throws PreviewUnavailableException if there is no display or the offscreen renderer cannot open an OpenGL
     *     context; the message is one line that says how to get the preview
     */
    @Override
    public void write(Path video, List<Keypoints2D> keypoints, Path clipJ3o, Path out, BakeProgress progress)
            throws MocapException {
        String problem = findDisplayProblem(System.getenv(), System.getProperty("os.name", ""));
        if (problem != null) {
            throw new PreviewUnavailableException(problem + ": " + HOW_TO_GET_IT, null);
        }
        int inW;
        int inH;
        double fps;
        try (VideoFileSource probe = VideoFileSource.open(video)) {
            inW = probe.width();
            inH = probe.height();
            fps = probe.frameRateHz();
        }
        int h = even(Math.min(MAX_HEIGHT, inH));
        int leftW = even((int) Math.round((double) inW * h / inH));
        int rightW = even(Math.max(h * 3 / 4, leftW * 3 / 4));
        int outW = leftW + rightW;
        ClipScene scene = new ClipScene(clipJ3o);
        byte[] canvas = new byte[outW * h * 3];
        OffscreenRenderer<Void> started;
        try {
            started = OffscreenRenderer.start(rightW, h, 4, scene, 60);
        } catch (RendererUnavailableException e) {
            throw new PreviewUnavailableException("no usable OpenGL display (" + firstLine(e.getMessage()) + "): "
                    + HOW_TO_GET_IT, e);
        }
        boolean done = false;
        VideoWriter writer = null;
        try (OffscreenRenderer<Void> renderer = started;
                VideoFileSource src = VideoFileSource.open(video)) {
            writer = VideoWriter.open(out, outW, h, fps);
            int i = 0;
            Frame f;
            long firstTs = -1;
            while ((f = src.grab()) != null) {
                if (cancelled) {
                    throw new BakeCancelledException("preview cancelled at frame " + i);
                }
                if (firstTs < 0) {
                    firstTs = f.timestampNanos();
                }
                Keypoints2D k = i < keypoints.size() ? keypoints.get(i) : null;
                ByteBuffer left = k != null ? SkeletonOverlay.draw(f, k, 0.3f) : f.copy().pixels();
                blitScaled(left, inW, inH, inW * 3, canvas, outW, 0, leftW, h);
                double t = Math.max(0, (f.timestampNanos() - firstTs) / 1e9);
                RenderedFrame<Void> r = renderer.render(i, t);
                Frame rf = r.frame();
                blitScaled(rf.pixels(), rf.width(), rf.height(), rf.strideBytes(), canvas, outW, leftW, rightW, h);
                writer.write(canvas);
                i++;
                progress.update("preview", i, keypoints.size());
            }
            writer.close();
            done = true;
        } finally {
            if (!done && writer != null) {
                writer.abort();
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown cause";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static int even(int v) {
        return Math.max(2, v & ~1);
    }

    /** Nearest-neighbour scale of a BGR image into a region of the canvas. */
    static void blitScaled(ByteBuffer src, int sw, int sh, int stride, byte[] dst, int dstW, int x0, int w, int h) {
        for (int y = 0; y < h; y++) {
            int sy = Math.min(sh - 1, (int) ((y + 0.5) * sh / h));
            int drow = (y * dstW + x0) * 3;
            for (int x = 0; x < w; x++) {
                int sx = Math.min(sw - 1, (int) ((x + 0.5) * sw / w));
                int si = sy * stride + sx * 3;
                int di = drow + x * 3;
                dst[di] = src.get(si);
                dst[di + 1] = src.get(si + 1);
                dst[di + 2] = src.get(si + 2);
            }
        }
    }

    /** The baked character on a floor, playing its clip at the requested time, followed by the camera. */
    static final class ClipScene implements OffscreenScene<Void> {
        private final Path clipJ3o;
        private Spatial model;
        private AnimComposer composer;
        private Armature armature;
        private float height;
        private Vector3f lookAt;
        /** The horizontal world direction the character faces (unit). */
        private Vector3f front = new Vector3f(0, 0, 1);

        ClipScene(Path clipJ3o) {
            this.clipJ3o = clipJ3o.toAbsolutePath();
        }

        @Override
        public void initialize(AssetManager assets, Node root, Camera camera, ViewPort viewPort) {
            String folder = clipJ3o.getParent().toString();
            assets.registerLocator(folder, FileLocator.class);
            try {
                model = assets.loadModel(clipJ3o.getFileName().toString());
            } finally {
                assets.unregisterLocator(folder, FileLocator.class);
            }
            model.depthFirstTraversal(s -> {
                if (composer == null && s.getControl(AnimComposer.class) != null) {
                    composer = s.getControl(AnimComposer.class);
                }
            });
            if (composer == null || composer.getAnimClip(VideoBaker.CLIP_NAME) == null) {
                throw new IllegalStateException(clipJ3o + " holds no clip '" + VideoBaker.CLIP_NAME + "'");
            }
            armature = Armatures.getArmature(model);
            front = frontOf(model);
            ClipBaking.play(composer, VideoBaker.CLIP_NAME);
            composer.setGlobalSpeed(0f);
            // Bounds before attaching: updating a child of the root on its own trips jME's scene-graph checks.
            model.updateGeometricState();
            BoundingBox box = (BoundingBox) model.getWorldBound();
            root.attachChild(model);
            height = Math.max(0.5f, box.getYExtent() * 2);
            float groundY = box.getCenter().y - box.getYExtent();
            lookAt = new Vector3f(box.getCenter().x, groundY + height * 0.5f, box.getCenter().z);

            // Models come in any unit (the Ninja is about 100 units tall): size the floor and the view range to it.
            float floorSize = Math.max(40f, height * 25f);
            Geometry floor = new Geometry("floor", new Quad(floorSize, floorSize));
            Material fm = new Material(assets, "Common/MatDefs/Light/Lighting.j3md");
            fm.setBoolean("UseMaterialColors", true);
            fm.setColor("Diffuse", new ColorRGBA(0.55f, 0.55f, 0.6f, 1));
            fm.setColor("Ambient", new ColorRGBA(0.55f, 0.55f, 0.6f, 1));
            floor.setMaterial(fm);
            floor.setLocalRotation(new Quaternion().fromAngleAxis(-FastMath.HALF_PI, Vector3f.UNIT_X));
            floor.setLocalTranslation(-floorSize / 2, groundY, floorSize / 2);
            root.attachChild(floor);
            root.addLight(new DirectionalLight(new Vector3f(-0.4f, -1f, -0.6f).normalizeLocal(), ColorRGBA.White));
            root.addLight(new AmbientLight(ColorRGBA.White.mult(0.5f)));
            viewPort.setBackgroundColor(new ColorRGBA(0.25f, 0.3f, 0.38f, 1));
            camera.setFrustumPerspective(35f, (float) camera.getWidth() / camera.getHeight(), Math.max(0.05f, height * 0.01f),
                    Math.max(200f, height * 100f));
        }

        @Override
        public void prepareFrame(long frameIndex, double timeSeconds, Camera camera) {
            double length = composer.getAnimClip(VideoBaker.CLIP_NAME).getLength();
            composer.setTime(AnimComposer.DEFAULT_LAYER, Math.min(timeSeconds, length));
            // Follow the character sideways and in depth, keeping the framing of the first frame.
            // The joints' centroid, as posed in the previous frame, stands for the body's position.
            Vector3f centroid = new Vector3f();
            for (int j = 0; j < armature.getJointCount(); j++) {
                centroid.addLocal(armature.getJoint(j).getModelTransform().getTranslation());
            }
            centroid.divideLocal(Math.max(1, armature.getJointCount()));
            Vector3f target = lookAt.clone();
            Vector3f world = armature.getJointCount() == 0 ? target : skinnedSpatial().localToWorld(centroid, new Vector3f());
            target.x = world.x;
            target.z = world.z;
            float dist = height / (2f * FastMath.tan(17.5f * FastMath.DEG_TO_RAD)) * 1.25f;
            // In front of the character (a little to its left), whichever axis the model faces.
            Vector3f side = Vector3f.UNIT_Y.cross(front);
            camera.setLocation(target.add(front.mult(dist)).addLocal(side.mult(dist * 0.25f)).addLocal(0, height * 0.1f, 0));
            camera.lookAt(target, Vector3f.UNIT_Y);
        }

        /**
         * The horizontal world direction the model faces as loaded (bind pose): the character's left (hips and
         * shoulders) crossed with its up (pelvis to head), measured on world joint positions so that whatever
         * axes the armature's model space uses do not matter; +Z if the rig cannot be mapped.
         */
        private Vector3f frontOf(Spatial model) {
            try {
                Armature a = Armatures.getArmature(model);
                HumanoidMap map = CharacterMapping.automatic(a);
                model.updateGeometricState();
                Vector3f left = world(a, map, HumanoidBone.LEFT_UPPER_LEG).subtract(world(a, map, HumanoidBone.RIGHT_UPPER_LEG))
                        .addLocal(world(a, map, HumanoidBone.LEFT_UPPER_ARM))
                        .subtractLocal(world(a, map, HumanoidBone.RIGHT_UPPER_ARM));
                Vector3f up = world(a, map, HumanoidBone.HEAD).subtract(world(a, map, HumanoidBone.HIPS));
                Vector3f f = left.cross(up);
                f.y = 0;
                return f.lengthSquared() > 1e-12f ? f.normalizeLocal() : new Vector3f(0, 0, 1);
            } catch (IllegalArgumentException e) {
                Logger.getLogger(PreviewRenderer.class.getName()).fine(() -> "preview: facing unknown, camera on +Z: " + e.getMessage());
                return new Vector3f(0, 0, 1);
            }
        }

        private Vector3f world(Armature a, HumanoidMap map, HumanoidBone bone) {
            Vector3f local = a.getJoint(map.getJoint(bone)).getModelTransform().getTranslation();
            return skinnedSpatial().localToWorld(local, new Vector3f());
        }

        private Spatial skinnedSpatial() {
            Spatial[] found = {model};
            model.depthFirstTraversal(s -> {
                if (s.getControl(com.jme3.anim.SkinningControl.class) != null) {
                    found[0] = s;
                }
            });
            return found[0];
        }

        @Override
        public Void annotateFrame(long frameIndex, double timeSeconds, Camera camera) {
            return null;
        }
    }
}
