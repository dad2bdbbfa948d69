package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimComposer;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.TransformTrack;
import com.jme3.asset.AssetManager;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.retarget.internal.filter.QuaternionSequences;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import java.util.Random;

/** Shared test fixtures: loading the test-data characters and posing them at random. */
public final class SolveFixtures {
    private static AssetManager assets;

    private SolveFixtures() {
    }

    public static synchronized AssetManager assets() {
        if (assets == null) {
            assets = new DesktopAssetManager(true);
        }
        return assets;
    }

    public static Spatial model(String name) {
        return BuiltInCharacters.load(assets(), BuiltInCharacters.assetPath(name));
    }

    public static CharacterRig rig(String name) {
        Spatial m = model(name);
        return rigOf(m, name);
    }

    public static CharacterRig rigOf(Spatial model, String name) {
        try {
            return new CharacterRig(BuiltInCharacters.findSkinning(model).getArmature(),
                    CharacterMapping.map(name, BuiltInCharacters.findSkinning(model).getArmature(), java.util.Map.of()));
        } catch (io.github.hourglassmocap.retarget.humanoid.HumanoidMapException e) {
            throw new AssertionError(e);
        }
    }

    /** Samples one of a character's own clips as source motion (leg taken as 0.85 m). */
    public static SourceSequence sampleClip(String character, String clip, double fps) {
        Spatial m = model(character);
        CharacterRig rig = rigOf(m, character);
        com.jme3.anim.AnimComposer composer = findComposer(m);
        return ClipSampler.sample(rig, composer.getAnimClip(clip), fps, 0.85f);
    }

    public static com.jme3.anim.AnimComposer findComposer(Spatial m) {
        com.jme3.anim.AnimComposer[] c = {null};
        m.depthFirstTraversal(x -> {
            if (c[0] == null) {
                c[0] = x.getControl(com.jme3.anim.AnimComposer.class);
            }
        });
        return c[0];
    }

    /** Poses the mapped bones of a rig with random local rotations of up to maxDegrees; returns the 17-joint view. */
    public static Vector3f[] randomPose(CharacterRig rig, Random random, float maxDegrees) {
        Armature a = rig.getArmature();
        a.applyInitialPose();
        for (HumanoidBone b : HumanoidBone.values()) {
            int id = rig.joint(b);
            if (id < 0 || b == HumanoidBone.LEFT_TOES || b == HumanoidBone.RIGHT_TOES) {
                continue;
            }
            Joint j = a.getJoint(id);
            Vector3f axis = new Vector3f(random.nextFloat() - 0.5f, random.nextFloat() - 0.5f, random.nextFloat() - 0.5f)
                    .normalizeLocal();
            float angle = (b == HumanoidBone.HIPS ? 180f : maxDegrees) * (2 * random.nextFloat() - 1) * FastMath.DEG_TO_RAD;
            Quaternion q = new Quaternion().fromAngleNormalAxis(angle, axis);
            j.setLocalRotation(j.getLocalRotation().mult(q));
        }
        a.update();
        return rig.view17(false);
    }

    /**
     * Plays the clip named "mocap" of a loaded (exported and re-read) character at 0.5 s and checks that every
     * joint the original clip animates is where the original puts it (0.1 degrees, 1 mm).
     *
     * @param composer the loaded character's composer (not null)
     * @param armature the loaded character's armature (not null)
     * @param clip the original clip (not null)
     */
    public static void assertPlaysLikeOriginal(AnimComposer composer, Armature armature, AnimClip clip) {
        composer.setCurrentAction("mocap");
        composer.update(0.5f);
        int checked = 0;
        for (var track : clip.getTracks()) {
            TransformTrack tt = (TransformTrack) track;
            Transform expected = new Transform();
            tt.getDataAtTime(0.5, expected);
            Joint j = armature.getJoint(((Joint) tt.getTarget()).getName());
            assertNotNull(j, "joint " + ((Joint) tt.getTarget()).getName());
            assertEquals(0.0, Math.toDegrees(QuaternionSequences.angleBetween(j.getLocalRotation().clone().normalizeLocal(),
                    expected.getRotation().normalizeLocal())), 0.1, j.getName());
            assertEquals(0f, j.getLocalTranslation().distance(expected.getTranslation()), 1e-3f, j.getName());
            checked++;
        }
        assertTrue(checked >= 15, "tracks checked: " + checked);
    }
}
