package io.github.hourglassmocap.retarget.solve;

import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.asset.AssetManager;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
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
}
