package io.github.hourglassmocap.plugin.bake;

import com.jme3.anim.AnimComposer;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import java.util.logging.Logger;
import com.jme3.asset.AssetManager;
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
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.VideoWriter;
import io.github.hourglassmocap.plugin.Armatures;
import io.github.hourglassmocap.plugin.internal.render.OffscreenRenderer;
import io.github.hourglassmocap.plugin.internal.render.OffscreenScene;
import io.github.hourglassmocap.plugin.internal.render.RenderedFrame;
import io.github.hourglassmocap.plugin.internal.render.RendererUnavailableException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Renders preview.mp4: the input video with the 2D skeleton drawn on it, and beside it the baked character
 * playing its clip, rendered offscreen (needs a display; under {@code xvfb-run} on a headless machine). The
 * preview is as high as its {@link PreviewInput} (at most {@value PreviewInput#MAX_HEIGHT} pixels), which decodes
 * the input again on the file the bake's 2D pass opened.
 */
public final class PreviewRenderer implements VideoBaker.PreviewWriter {
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
     * {@inheritDoc} Here: no display on Linux (see {@link #findDisplayProblem}).
     */
    @Override
    public String findProblem() {
        String problem = findDisplayProblem(System.getenv(), System.getProperty("os.name", ""));
        return problem == null ? null : problem + ": " + HOW_TO_GET_IT;
    }

    /**
     * {@inheritDoc}
     *
     * @throws PreviewUnavailableException if there is no display or the offscreen renderer cannot open an OpenGL
     *     context; the message is one line that says how to get the preview
     */
    @Override
    public void write(PreviewInput input, Spatial character, Path out, BakeProgress progress)
            throws MocapException {
        String problem = findProblem();
        if (problem != null) {
            throw new PreviewUnavailableException(problem, null);
        }
        int h = input.height();
        int leftW = input.width();
        int rightW = PreviewInput.even(Math.max(h * 3 / 4, leftW * 3 / 4));
        int outW = leftW + rightW;
        ClipScene scene = new ClipScene(character);
        ByteBuffer canvas = ByteBuffer.allocateDirect(outW * h * 3);
        OffscreenRenderer<Void> started;
        try {
            started = OffscreenRenderer.start(rightW, h, 4, scene, 60);
        } catch (RendererUnavailableException e) {
            // the engine's own words ("GLX: GLX extension not found", "X11: Failed to open display :93")
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getMessage();
            throw new PreviewUnavailableException("no usable OpenGL display (" + firstLine(why) + "): "
                    + HOW_TO_GET_IT, e);
        }
        boolean done = false;
        VideoWriter writer = null;
        try (OffscreenRenderer<Void> renderer = started) {
            writer = VideoWriter.open(out, outW, h, input.frameRateHz());
            int i = 0;
            while (input.next(canvas, outW * 3)) {
                if (cancelled) {
                    throw new BakeCancelledException("preview cancelled at frame " + i);
                }
                RenderedFrame<Void> r = renderer.render(i, input.secondsAt(i));
                Frame rf = r.frame();
                PreviewInput.blitScaled(rf.pixels(), rf.width(), rf.height(), rf.strideBytes(), canvas, outW * 3,
                        leftW, rightW, h);
                writer.write(canvas, outW * 3);
                i++;
                progress.update("preview", i, input.frameCount());
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

    /**
     * The baked character on a floor, playing its clip at the requested time, with a camera that follows its hips.
     * The camera's distance is fixed for the clip: when the scene starts, the clip is sampled once and the distance
     * chosen so that the sphere holding every body joint around the hips, in every frame (plus a margin for the
     * mesh beyond the joints), fits in the narrower of the two fields of view. The body joints are the humanoid
     * map's (a rig's helper joints, such as IK targets left at the origin, do not drag the framing); all joints
     * if the rig cannot be mapped.
     */
    static final class ClipScene implements OffscreenScene<Void> {
        /** Room for the mesh beyond the joints (hands, a raised head), as a share of the character's height. */
        private static final float MESH_MARGIN = 0.15f;
        /** Vertical field of view, degrees. */
        private static final float FOV_Y_DEGREES = 35f;
        private final Spatial character;
        private Spatial model;
        private Spatial skinned;
        private AnimComposer composer;
        private Armature armature;
        private float height;
        /** The joints framed: the mapped body joints, or all. */
        private Joint[] body;
        private Joint hips;
        /** From the hips to the centre of the sphere that holds the body over the clip (world, constant). */
        private Vector3f centreFromHips = new Vector3f();
        private float distance;
        /** The top of the mesh and the soles at rest, from the hips (world, vertical). */
        private Vector3f meshTop = new Vector3f();
        private Vector3f meshBottom = new Vector3f();
        /** The horizontal world direction the character faces (unit). */
        private Vector3f front = new Vector3f(0, 0, 1);

        /**
         * @param character the baked character with its clip (not null, unaffected: the scene renders a deep copy,
         *     made on the render thread)
         */
        ClipScene(Spatial character) {
            this.character = java.util.Objects.requireNonNull(character, "character");
        }

        @Override
        public void initialize(AssetManager assets, Node root, Camera camera, ViewPort viewPort) {
            model = character.deepClone();
            model.depthFirstTraversal(s -> {
                if (composer == null && s.getControl(AnimComposer.class) != null) {
                    composer = s.getControl(AnimComposer.class);
                }
            });
            if (composer == null || composer.getAnimClip(VideoBaker.CLIP_NAME) == null) {
                throw new IllegalStateException("character " + character.getName() + " holds no clip '"
                        + VideoBaker.CLIP_NAME + "'");
            }
            armature = Armatures.getArmature(model);
            skinned = skinnedSpatial();
            // Bounds before attaching: updating a child of the root on its own trips jME's scene-graph checks.
            model.updateGeometricState();
            BoundingBox box = (BoundingBox) model.getWorldBound();
            height = Math.max(0.5f, box.getYExtent() * 2);
            float groundY = box.getCenter().y - box.getYExtent();
            front = frontOf(model);
            body = bodyJoints();
            // The mesh reaches beyond the joints (the top of the head, the soles): measured at rest from the hips.
            armature.update();
            Vector3f restHips = world(hips);
            meshTop = new Vector3f(0, box.getCenter().y + box.getYExtent() - restHips.y, 0);
            meshBottom = new Vector3f(0, groundY - restHips.y, 0);
            ClipBaking.play(composer, VideoBaker.CLIP_NAME);
            composer.setGlobalSpeed(0f);
            Vector3f[] pathBounds = frameClip(camera);
            root.attachChild(model);

            // Models come in any unit (the Ninja is about 100 units tall): size the floor and the view range to it,
            // and cover the whole path the hips take.
            float pathExtent = Math.max(pathBounds[1].x - pathBounds[0].x, pathBounds[1].z - pathBounds[0].z);
            float floorSize = Math.max(Math.max(40f, height * 25f), pathExtent + distance * 4);
            Vector3f floorCentre = pathBounds[0].add(pathBounds[1]).multLocal(0.5f);
            Geometry floor = new Geometry("floor", new Quad(floorSize, floorSize));
            Material fm = new Material(assets, "Common/MatDefs/Light/Lighting.j3md");
            fm.setBoolean("UseMaterialColors", true);
            fm.setColor("Diffuse", new ColorRGBA(0.55f, 0.55f, 0.6f, 1));
            fm.setColor("Ambient", new ColorRGBA(0.55f, 0.55f, 0.6f, 1));
            floor.setMaterial(fm);
            floor.setLocalRotation(new Quaternion().fromAngleAxis(-FastMath.HALF_PI, Vector3f.UNIT_X));
            floor.setLocalTranslation(floorCentre.x - floorSize / 2, groundY, floorCentre.z + floorSize / 2);
            root.attachChild(floor);
            root.addLight(new DirectionalLight(new Vector3f(-0.4f, -1f, -0.6f).normalizeLocal(), ColorRGBA.White));
            root.addLight(new AmbientLight(ColorRGBA.White.mult(0.5f)));
            viewPort.setBackgroundColor(new ColorRGBA(0.25f, 0.3f, 0.38f, 1));
            camera.setFrustumPerspective(FOV_Y_DEGREES, (float) camera.getWidth() / camera.getHeight(),
                    Math.max(0.05f, height * 0.01f), Math.max(200f, Math.max(height * 100f, distance * 4)));
        }

        /**
         * Samples the clip (at 30 Hz and at its end) to fix the framing: the body's reach around the hips gives
         * the camera distance; returns the hips' path bounds (min, max; world).
         */
        private Vector3f[] frameClip(Camera camera) {
            double length = composer.getAnimClip(VideoBaker.CLIP_NAME).getLength();
            int samples = (int) Math.ceil(length * 30) + 1;
            Vector3f min = new Vector3f(Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE);
            Vector3f max = new Vector3f(-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE);
            Vector3f pathMin = min.clone();
            Vector3f pathMax = max.clone();
            for (int k = 0; k < samples; k++) {
                Vector3f h = pose(Math.min(length, k / 30.0));
                pathMin.minLocal(h);
                pathMax.maxLocal(h);
                for (Joint j : body) {
                    Vector3f rel = world(j).subtractLocal(h);
                    min.minLocal(rel);
                    max.maxLocal(rel);
                }
                min.minLocal(meshBottom);
                max.maxLocal(meshTop);
            }
            centreFromHips = min.add(max).multLocal(0.5f);
            float reach = 0;
            for (int k = 0; k < samples; k++) {
                Vector3f h = pose(Math.min(length, k / 30.0));
                for (Joint j : body) {
                    reach = Math.max(reach, world(j).subtractLocal(h).subtractLocal(centreFromHips).length());
                }
                reach = Math.max(reach, Math.max(meshTop.subtract(centreFromHips).length(),
                        meshBottom.subtract(centreFromHips).length()));
            }
            float radius = Math.max(reach, height * 0.5f) + height * MESH_MARGIN;
            float aspect = (float) camera.getWidth() / camera.getHeight();
            float halfY = FOV_Y_DEGREES * 0.5f * FastMath.DEG_TO_RAD;
            float halfX = FastMath.atan(FastMath.tan(halfY) * aspect);
            distance = radius / FastMath.sin(Math.min(halfX, halfY));
            pose(0);
            return new Vector3f[] {pathMin, pathMax};
        }

        /** Poses the character at a clip time now (not a frame later) and returns the hips' world position. */
        private Vector3f pose(double timeSeconds) {
            composer.setTime(AnimComposer.DEFAULT_LAYER, timeSeconds);
            composer.update(0f);
            armature.update();
            return world(hips);
        }

        private Vector3f world(Joint j) {
            return skinned.localToWorld(j.getModelTransform().getTranslation(), new Vector3f());
        }

        private Joint[] bodyJoints() {
            try {
                HumanoidMap map = CharacterMapping.automatic(armature);
                java.util.List<Joint> js = new java.util.ArrayList<>();
                for (HumanoidBone b : map.asMap().keySet()) {
                    Joint j = armature.getJoint(map.getJoint(b));
                    if (j != null) {
                        js.add(j);
                    }
                }
                hips = armature.getJoint(map.getJoint(HumanoidBone.HIPS));
                if (hips != null && !js.isEmpty()) {
                    return js.toArray(new Joint[0]);
                }
            } catch (IllegalArgumentException e) {
                Logger.getLogger(PreviewRenderer.class.getName()).fine(() -> "preview: rig not mapped, framing every joint: "
                        + e.getMessage());
            }
            Joint[] all = new Joint[armature.getJointCount()];
            for (int j = 0; j < all.length; j++) {
                all[j] = armature.getJoint(j);
            }
            hips = armature.getRoots()[0];
            return all;
        }

        @Override
        public void prepareFrame(long frameIndex, double timeSeconds, Camera camera) {
            double length = composer.getAnimClip(VideoBaker.CLIP_NAME).getLength();
            // Pose first, then aim: the camera follows this frame's hips, not the previous frame's.
            Vector3f target = pose(Math.min(timeSeconds, length)).addLocal(centreFromHips);
            // In front of the character (a little to its left and above), whichever axis the model faces.
            Vector3f side = Vector3f.UNIT_Y.cross(front);
            Vector3f dir = front.add(side.mult(0.25f)).addLocal(0, 0.1f, 0).normalizeLocal();
            camera.setLocation(target.add(dir.mult(distance)));
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
            return skinned.localToWorld(local, new Vector3f());
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
