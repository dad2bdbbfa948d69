package io.github.hourglassmocap.retarget.solve;

import com.jme3.anim.SkinningControl;
import com.jme3.anim.util.AnimMigrationUtils;
import com.jme3.asset.AssetManager;
import com.jme3.asset.AssetNotFoundException;
import com.jme3.scene.Spatial;
import java.util.List;
import java.util.Locale;

/**
 * The characters of jME's test data (jme3-testdata) that the retargeter knows by name, and the loading that
 * every character goes through (old animation systems migrated to {@code com.jme3.anim}). Their humanoid maps
 * come from {@link CharacterMapping} like any other rig's.
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
