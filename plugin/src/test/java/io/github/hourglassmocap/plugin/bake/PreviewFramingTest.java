package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimTrack;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.SkinningControl;
import com.jme3.anim.TransformTrack;
import com.jme3.asset.AssetManager;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.bounding.BoundingBox;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.plugin.Armatures;
import io.github.hourglassmocap.retarget.export.J3oExporter;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.solve.CharacterMapping;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The preview camera keeps a character with root motion in the picture for the whole clip: every joint, as the
 * frame shows it, projects inside the image. Simulated without a GPU, in the order the offscreen renderer runs a
 * frame: the scene places the camera, the engine updates the scene, the frame is drawn.
 */
class PreviewFramingTest {
    private static final int WIDTH = 360;
    private static final int HEIGHT = 480;
    private static final float FPS = 30f;
    /** A joint may come this close to the border, as a share of the image size (it stays inside). */
    private static final float MARGIN = 0.0f;

    @TempDir
    Path dir;

    /**
     * A clip that walks the character's hips along a path in the world, {@code path} heights long: across,
     * toward the camera, away from it and diagonally, over 4 s.
     */
    private Path walkingClip(String character, Vector3f[] pathInHeights) throws Exception {
        AssetManager assets = new DesktopAssetManager(true);
        BuiltInCharacters.LoadedCharacter c = BuiltInCharacters.loadCharacter(assets, character);
        Spatial model = c.model();
        model.updateGeometricState();
        float height = ((BoundingBox) model.getWorldBound()).getYExtent() * 2;
        Armature a = Armatures.getArmature(model);
        Spatial skinned = skinned(model);
        Joint hips = a.getJoint(c.map().getJoint(HumanoidBone.HIPS));
        int frames = 120;
        float[] times = new float[frames];
        Vector3f[] t = new Vector3f[frames];
        Quaternion[] r = new Quaternion[frames];
        Vector3f[] s = new Vector3f[frames];
        Transform parentModel = hips.getParent() == null ? new Transform() : hips.getParent().getModelTransform();
        for (int k = 0; k < frames; k++) {
            times[k] = k / FPS;
            // piecewise-linear through the path's points
            float u = (float) k / (frames - 1) * (pathInHeights.length - 1);
            int i = Math.min(pathInHeights.length - 2, (int) u);
            Vector3f worldOffset = pathInHeights[i].clone().interpolateLocal(pathInHeights[i + 1], u - i).multLocal(height);
            // world offset -> the skinned spatial's model space -> the hips' parent's space
            Vector3f modelOffset = skinned.getWorldRotation().inverse().mult(worldOffset)
                    .divideLocal(skinned.getWorldScale());
            Vector3f parentOffset = parentModel.getRotation().inverse().mult(modelOffset)
                    .divideLocal(parentModel.getScale());
            t[k] = hips.getLocalTranslation().add(parentOffset);
            r[k] = hips.getLocalRotation().clone();
            s[k] = hips.getLocalScale().clone();
        }
        AnimClip clip = new AnimClip(VideoBaker.CLIP_NAME);
        clip.setTracks(new AnimTrack[] {new TransformTrack(hips, times, t, r, s)});
        Path j3o = dir.resolve(character + ".j3o");
        J3oExporter.export(model, clip, j3o);
        return j3o;
    }

    private static Spatial skinned(Spatial model) {
        Spatial[] found = {model};
        model.depthFirstTraversal(x -> {
            if (x.getControl(SkinningControl.class) != null) {
                found[0] = x;
            }
        });
        return found[0];
    }

    @org.junit.jupiter.api.Test
    void thePreviewRendersTheBakedCharacterFromMemoryAndLeavesItAlone() throws Exception {
        // The bake hands the preview its character in memory: nothing is read back from clip.j3o.
        Path j3o = walkingClip("jaime", new Vector3f[] {new Vector3f(0, 0, 0), new Vector3f(0.5f, 0, 0)});
        AssetManager assets = new DesktopAssetManager(true);
        assets.registerLocator(j3o.toAbsolutePath().getParent().toString(), com.jme3.asset.plugins.FileLocator.class);
        Spatial character = assets.loadModel(j3o.getFileName().toString());
        java.nio.file.Files.delete(j3o);
        Armature original = Armatures.getArmature(character);
        Joint hips = original.getJoint(0);
        Vector3f before = hips.getLocalTranslation().clone();
        PreviewRenderer.ClipScene scene = new PreviewRenderer.ClipScene(character);
        Node root = new Node("root");
        Camera cam = new Camera(WIDTH, HEIGHT);
        scene.initialize(new DesktopAssetManager(true), root, cam, new ViewPort("preview", cam));
        Spatial drawn = root.getChild(0);
        assertTrue(drawn != character && Armatures.getArmature(drawn) != original, "the scene draws a copy");
        for (int i = 0; i < 60; i++) {
            scene.prepareFrame(i, i / FPS, cam);
            root.updateLogicalState(1 / FPS);
            root.updateGeometricState();
        }
        assertTrue(hips.getLocalTranslation().distance(before) < 1e-6f, "the baker's character is not posed");
    }

    /**
     * Runs the preview scene over the clip and returns the worst frame: the largest distance, in image sizes,
     * by which a joint fell outside the picture (0 if all stayed inside), with a description.
     *
     * @param followCamera false to leave the camera where the first frame put it (the old, fixed framing)
     */
    private static String worstFrame(Path j3o, boolean followCamera, float[] worst) {
        AssetManager assets = new DesktopAssetManager(true);
        assets.registerLocator(j3o.toAbsolutePath().getParent().toString(), com.jme3.asset.plugins.FileLocator.class);
        PreviewRenderer.ClipScene scene = new PreviewRenderer.ClipScene(assets.loadModel(j3o.getFileName().toString()));
        Node root = new Node("root");
        Camera cam = new Camera(WIDTH, HEIGHT);
        ViewPort vp = new ViewPort("preview", cam);
        scene.initialize(assets, root, cam, vp);
        root.updateLogicalState(0);
        root.updateGeometricState();
        Spatial model = root.getChild(0);
        Armature a = Armatures.getArmature(model);
        Spatial skinned = skinned(model);
        String where = "all inside";
        worst[0] = 0;
        // the body's joints: a rig's helper joints (IK targets) are not drawn
        java.util.List<Joint> body = new java.util.ArrayList<>();
        HumanoidMap map = CharacterMapping.automatic(a);
        for (HumanoidBone b : map.asMap().keySet()) {
            body.add(a.getJoint(map.getJoint(b)));
        }
        for (int i = 0; i < 120; i++) {
            if (followCamera || i == 0) {
                scene.prepareFrame(i, i / FPS, cam);
            } else {
                scene.prepareFrame(i, i / FPS, new Camera(WIDTH, HEIGHT)); // poses the clip, camera left alone
            }
            cam.update();
            root.updateLogicalState(1 / FPS);
            root.updateGeometricState();
            for (Joint joint : body) {
                Vector3f w = skinned.localToWorld(joint.getModelTransform().getTranslation(), new Vector3f());
                Vector3f sc = cam.getScreenCoordinates(w);
                float out = 0;
                if (sc.z <= 0 || sc.z >= 1) {
                    out = 1; // behind the camera or past the far plane
                } else {
                    out = Math.max(out, Math.max(-sc.x / WIDTH, (sc.x - WIDTH) / WIDTH));
                    out = Math.max(out, Math.max(-sc.y / HEIGHT, (sc.y - HEIGHT) / HEIGHT));
                }
                if (out > worst[0] + MARGIN) {
                    worst[0] = out;
                    where = String.format(Locale.ROOT, "frame %d joint %s at (%.0f, %.0f, z %.3f)", i,
                            joint.getName(), sc.x, sc.y, sc.z);
                }
            }
        }
        return where;
    }

    @ParameterizedTest
    @ValueSource(strings = {"jaime", "sinbad", "ninja"})
    void theCharacterStaysInThePictureWhileItWalksAcrossTowardAndAway(String character) throws Exception {
        // across 3 heights, toward the camera 2, away 4, diagonally back
        Vector3f[] path = {new Vector3f(0, 0, 0), new Vector3f(3, 0, 0), new Vector3f(3, 0, 2), new Vector3f(-1, 0, -2),
            new Vector3f(0, 0, 0)};
        Path j3o = walkingClip(character, path);
        float[] worst = new float[1];
        String where = worstFrame(j3o, true, worst);
        assertTrue(worst[0] <= 0, character + ": a joint left the picture by " + worst[0] + " image sizes, " + where);

        // The check can fail: a camera that keeps the first frame's framing loses the character.
        String fixed = worstFrame(j3o, false, worst);
        assertTrue(worst[0] > 0.1f, character + ": a fixed camera should lose the character; worst " + fixed);
    }
}
