package io.github.hourglassmocap.retarget.solve;

import com.jme3.anim.SkinningControl;
import com.jme3.anim.util.AnimMigrationUtils;
import com.jme3.asset.AssetManager;
import com.jme3.asset.AssetNotFoundException;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The characters of jME's test data (jme3-testdata) that the retargeter knows by name, with their humanoid
 * maps written out by hand from their skeletons, and the loading that every character goes through (old
 * animation systems migrated to {@code com.jme3.anim}).
 */
public final class BuiltInCharacters {
    /** The names accepted by {@link #assetPath(String)}. */
    public static final List<String> NAMES = List.of("jaime", "sinbad", "ninja");

    private BuiltInCharacters() {
    }

    /**
     * Returns the asset path of a built-in character.
     *
     * @param name one of {@link #NAMES} (case-insensitive)
     * @return the asset path, or null if the name is not built in
     */
    public static String assetPath(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "jaime":
                return "Models/Jaime/Jaime.j3o";
            case "sinbad":
                return "Models/Sinbad/Sinbad.mesh.xml";
            case "ninja":
                return "Models/Ninja/Ninja.mesh.xml";
            default:
                return null;
        }
    }

    /**
     * Returns the hand-written humanoid map of a built-in character (it agrees with the automatic
     * {@link CharacterMapping} on every bone the solver uses; kept as a fixed reference).
     *
     * @param name one of {@link #NAMES} (case-insensitive)
     * @return a new map, or null if the name is not built in
     */
    public static HumanoidMap map(String name) {
        Map<HumanoidBone, String> m = new EnumMap<>(HumanoidBone.class);
        switch (name.toLowerCase(Locale.ROOT)) {
            case "jaime":
                put(m, "hips", "spine", "ribs", null, "neck", "head");
                side(m, true, "shoulder.L", "upper_arm.L", "forearm.L", "hand.L", "thigh.L", "shin.L", "foot.L", "toe.L");
                side(m, false, "shoulder.R", "upper_arm.R", "forearm.R", "hand.R", "thigh.R", "shin.R", "foot.R", "toe.R");
                break;
            case "sinbad":
                put(m, "Root", "Stomach", "Chest", null, "Neck", "Head");
                side(m, true, "Clavicle.L", "Humerus.L", "Ulna.L", "Hand.L", "Thigh.L", "Calf.L", "Foot.L", "Toe.L");
                side(m, false, "Clavicle.R", "Humerus.R", "Ulna.R", "Hand.R", "Thigh.R", "Calf.R", "Foot.R", "Toe.R");
                break;
            case "ninja":
                // Ninja faces -Z, so its own left is -X: Joint14-17 and Joint23-27.
                put(m, "Joint2", "Joint3", "Joint5", "Joint6", null, "Joint7");
                side(m, true, "Joint14", "Joint15", "Joint16", "Joint17", "Joint23", "Joint24", "Joint25", "Joint26");
                side(m, false, "Joint9", "Joint10", "Joint11", "Joint12", "Joint18", "Joint19", "Joint20", "Joint21");
                break;
            default:
                return null;
        }
        return new HumanoidMap(m);
    }

    private static void put(Map<HumanoidBone, String> m, String hips, String spine, String chest, String upperChest,
            String neck, String head) {
        m.put(HumanoidBone.HIPS, hips);
        m.put(HumanoidBone.SPINE, spine);
        m.put(HumanoidBone.CHEST, chest);
        if (upperChest != null) {
            m.put(HumanoidBone.UPPER_CHEST, upperChest);
        }
        if (neck != null) {
            m.put(HumanoidBone.NECK, neck);
        }
        m.put(HumanoidBone.HEAD, head);
    }

    private static void side(Map<HumanoidBone, String> m, boolean left, String shoulder, String upperArm,
            String lowerArm, String hand, String upperLeg, String lowerLeg, String foot, String toes) {
        m.put(left ? HumanoidBone.LEFT_SHOULDER : HumanoidBone.RIGHT_SHOULDER, shoulder);
        m.put(left ? HumanoidBone.LEFT_UPPER_ARM : HumanoidBone.RIGHT_UPPER_ARM, upperArm);
        m.put(left ? HumanoidBone.LEFT_LOWER_ARM : HumanoidBone.RIGHT_LOWER_ARM, lowerArm);
        m.put(left ? HumanoidBone.LEFT_HAND : HumanoidBone.RIGHT_HAND, hand);
        m.put(left ? HumanoidBone.LEFT_UPPER_LEG : HumanoidBone.RIGHT_UPPER_LEG, upperLeg);
        m.put(left ? HumanoidBone.LEFT_LOWER_LEG : HumanoidBone.RIGHT_LOWER_LEG, lowerLeg);
        m.put(left ? HumanoidBone.LEFT_FOOT : HumanoidBone.RIGHT_FOOT, foot);
        m.put(left ? HumanoidBone.LEFT_TOES : HumanoidBone.RIGHT_TOES, toes);
    }

    /**
     * Loads a character model and migrates old-style animation (AnimControl/SkeletonControl) to
     * {@code com.jme3.anim} (AnimComposer/SkinningControl).
     *
     * @param assetManager the asset manager, with loaders for the model's format (not null)
     * @param assetPath the model's asset path (not null)
     * @return the loaded model (a new instance)
     * @throws IllegalArgumentException if the model is not found or has no armature
     */
    public static Spatial load(AssetManager assetManager, String assetPath) {
        Spatial model;
        try {
            model = assetManager.loadModel(assetPath);
        } catch (AssetNotFoundException e) {
            throw new IllegalArgumentException("character model '" + assetPath + "' not found; give a built-in name "
                    + NAMES + " or a model file (.j3o, .gltf, .glb, .mesh.xml)", e);
        }
        model = AnimMigrationUtils.migrate(model);
        if (findSkinning(model) == null) {
            throw new IllegalArgumentException("character model '" + assetPath + "' has no armature (SkinningControl)");
        }
        return model;
    }

    /**
     * Finds the first SkinningControl in a scene graph, depth first.
     *
     * @param model the model (not null)
     * @return the control, or null if none
     */
    public static SkinningControl findSkinning(Spatial model) {
        SkinningControl[] found = new SkinningControl[1];
        model.depthFirstTraversal(s -> {
            if (found[0] == null) {
                found[0] = s.getControl(SkinningControl.class);
            }
        });
        return found[0];
    }
}
