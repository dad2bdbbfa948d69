package io.github.hourglassmocap.retarget.solve;

import com.jme3.anim.SkinningControl;
import com.jme3.anim.util.AnimMigrationUtils;
import com.jme3.asset.AssetManager;
import com.jme3.asset.AssetNotFoundException;
import com.jme3.asset.ModelKey;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapException;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapper;
import io.github.hourglassmocap.retarget.humanoid.RigDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one character catalogue and loader: the characters of jME's test data (jme3-testdata) known by short
 * name (the same names for {@code mocap bake}, {@code retarget}, {@code render-synthetic}, the plugin and the
 * examples), with the humanoid maps of the humanoid ones written out by hand from their skeletons, and the
 * loading that every character, built-in or from a file, goes through ({@link #loadCharacter}: old animation
 * systems migrated to {@code com.jme3.anim}).
 */
public final class BuiltInCharacters {
    /** The short names, as one text for command-line help (a compile-time constant). */
    public static final String NAME_LIST = "jaime, sinbad, ninja, oto, elephant";

    /** The names accepted by {@link #assetPath(String)}, in the order of {@link #NAME_LIST}. */
    public static final List<String> NAMES = List.of(NAME_LIST.split(", "));

    /**
     * A loaded character.
     *
     * @param name the short name of a built-in character, or the model file's name without its extension
     * @param source where it came from, for messages: "sinbad (Models/Sinbad/Sinbad.mesh.xml)", an absolute file
     *     path, or a classpath asset path
     * @param builtIn true for a character of the catalogue
     * @param yawDegrees the turn about +Y that makes the model face +Z (180 for the Ninja, else 0)
     * @param model the model (a new instance, migrated to {@code com.jme3.anim}, with a SkinningControl)
     */
    public record LoadedCharacter(String name, String source, boolean builtIn, float yawDegrees, Spatial model) {
        /**
         * Returns the character's humanoid map: the hand-written one of a built-in humanoid, else the automatic
         * {@link CharacterMapping}.
         *
         * @return a new map
         * @throws IllegalArgumentException if the rig cannot be mapped to a humanoid, naming the character
         */
        public HumanoidMap map() {
            HumanoidMap hand = builtIn ? BuiltInCharacters.map(name) : null;
            if (hand != null) {
                return hand;
            }
            try {
                return CharacterMapping.automatic(findSkinning(model).getArmature());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("character '" + name + "' cannot be mapped to a humanoid: "
                        + e.getMessage(), e);
            }
        }

        /**
         * Returns the character's humanoid map with a mapping file's corrections: the hand-written map of a
         * built-in humanoid, else the automatic one, with the overrides applied.
         *
         * @param overrides entries that replace or complete the map; a null joint name removes the bone (not null,
         *     unaffected; empty for none)
         * @return a new map
         * @throws HumanoidMapException if a required bone is missing or an override names a joint the rig lacks
         */
        public HumanoidMap map(Map<HumanoidBone, String> overrides) throws HumanoidMapException {
            return HumanoidMapper.map(RigDescription.of(name, findSkinning(model).getArmature()),
                    hasHandWrittenMap() ? BuiltInCharacters.map(name) : null, overrides);
        }

        /**
         * Says whether {@link #map()} is a hand-written map (a built-in humanoid) rather than the automatic one.
         *
         * @return true for Jaime, Sinbad and the Ninja
         */
        public boolean hasHandWrittenMap() {
            return builtIn && BuiltInCharacters.map(name) != null;
        }
    }

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
            case "oto":
                return "Models/Oto/Oto.mesh.xml";
            case "elephant":
                return "Models/Elephant/Elephant.mesh.xml";
            default:
                return null;
        }
    }

    /**
     * Loads a character by short name, model file or classpath asset path: the one loader behind bake, retarget,
     * render-synthetic, the plugin and the examples.
     *
     * @param assets the asset manager (not null; a file locator is registered on it for a model file)
     * @param character a short name ({@link #NAME_LIST}, case-insensitive), a model file (.j3o, .gltf, .glb,
     *     .mesh.xml) or a classpath asset path such as "Models/Oto/Oto.mesh.xml" (not null)
     * @return the loaded character
     * @throws IllegalArgumentException if {@code character} is none of these (the message lists the names)
     * @throws ModelLoadException if the model is found but cannot be loaded, or has no armature
     */
    public static LoadedCharacter loadCharacter(AssetManager assets, String character) throws ModelLoadException {
        if (assets == null) {
            throw new IllegalArgumentException("assets must not be null");
        }
        if (character == null || character.isBlank()) {
            throw new IllegalArgumentException("character must be one of [" + NAME_LIST
                    + "], a model file (j3o, mesh.xml, gltf, glb) or a classpath asset path");
        }
        String key = character.trim().toLowerCase(Locale.ROOT);
        if (NAMES.contains(key)) {
            String assetPath = assetPath(key);
            String source = key + " (" + assetPath + ")";
            if (assets.locateAsset(new ModelKey(assetPath)) == null) {
                throw new ModelLoadException("character '" + key + "' is " + assetPath + " from jme3-testdata, which is"
                        + " not on the classpath; add org.jmonkeyengine:jme3-testdata or give a model file");
            }
            Spatial m = loadChecked(assets, assetPath, source);
            m.setName(key);
            return new LoadedCharacter(key, source, true, key.equals("ninja") ? 180f : 0f, m);
        }
        Path file = Path.of(character);
        if (Files.isRegularFile(file)) {
            Path abs = file.toAbsolutePath().normalize();
            checkJ3oSignature(abs);
            String folder = abs.getParent().toString();
            assets.registerLocator(folder, FileLocator.class);
            try {
                Spatial m = loadChecked(assets, abs.getFileName().toString(), abs.toString());
                String name = abs.getFileName().toString().replaceAll("\\..*$", "");
                m.setName(name);
                return new LoadedCharacter(name, abs.toString(), false, 0f, m);
            } finally {
                assets.unregisterLocator(folder, FileLocator.class);
            }
        }
        if (!character.contains("\\") && assets.locateAsset(new ModelKey(character)) != null) {
            Spatial m = loadChecked(assets, character, character);
            return new LoadedCharacter(m.getName(), character, false, 0f, m);
        }
        throw new IllegalArgumentException("character '" + character + "' is neither a built-in character [" + NAME_LIST
                + "], nor an existing model file, nor an asset on the classpath");
    }

    private static Spatial loadChecked(AssetManager assets, String assetPath, String source) throws ModelLoadException {
        Spatial model;
        try {
            model = assets.loadModel(new ModelKey(assetPath));
        } catch (AssetNotFoundException e) {
            throw new ModelLoadException("model " + source + " refers to a missing file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelLoadException("character model " + source + " cannot be loaded (" + e
                    + "); jME reads .j3o, .gltf, .glb and Ogre .mesh.xml", e);
        }
        model = AnimMigrationUtils.migrate(model);
        if (findSkinning(model) == null) {
            throw new ModelLoadException("model " + source + " has no armature (no SkinningControl): a rigged character"
                    + " is needed");
        }
        return model;
    }

    /**
     * Refuses a ".j3o" file that does not start with jME's binary signature: jME's importer reads such a file
     * as the pre-signature format and can spend minutes on the garbage lengths it finds there.
     */
    private static void checkJ3oSignature(Path file) throws ModelLoadException {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".j3o")) {
            return;
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model " + file + ": " + e.getMessage(), e);
        }
        if (n < 4 || head[0] != 'J' || head[1] != 'M' || head[2] != 'E' || head[3] != '3') {
            throw new ModelLoadException("model " + file + " is not a jME binary (.j3o) file: it does not start with"
                    + " the JME3 signature (re-export it from the jME SDK or give the original mesh.xml/glTF)");
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
     * Loads a character model by asset path and migrates old-style animation (AnimControl/SkeletonControl) to
     * {@code com.jme3.anim} (AnimComposer/SkinningControl): the low-level step for callers that already have an
     * asset path; to load by name or file, use {@link #loadCharacter}.
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
