package io.github.hourglassmocap.plugin.bake;

import com.jme3.asset.AssetManager;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.CharacterMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads the character a bake or a demo drives: a built-in one by name, or a model file, with its humanoid map.
 */
public final class Characters {
    private Characters() {
    }

    /**
     * A loaded character.
     *
     * @param name a short name for file names and messages
     * @param model the model (a new instance, migrated to the current animation system)
     * @param map its humanoid map
     */
    public record Loaded(String name, Spatial model, HumanoidMap map) {
    }

    /**
     * Loads a character.
     *
     * @param assets the asset manager (not null)
     * @param nameOrFile a built-in name (see {@link BuiltInCharacters#NAMES}) or a model file (not null)
     * @return the character
     * @throws IllegalArgumentException if it is neither, cannot be loaded, or cannot be mapped: the message says
     *     which and what to do
     */
    public static Loaded load(AssetManager assets, String nameOrFile) {
        String key = nameOrFile.trim().toLowerCase(Locale.ROOT);
        if (BuiltInCharacters.NAMES.contains(key)) {
            Spatial m = BuiltInCharacters.load(assets, BuiltInCharacters.assetPath(key));
            m.setName(key);
            return new Loaded(key, m, BuiltInCharacters.map(key));
        }
        Path file = Path.of(nameOrFile).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("character '" + nameOrFile + "' is neither a built-in character "
                    + BuiltInCharacters.NAMES + " nor an existing model file");
        }
        String folder = file.getParent().toString();
        assets.registerLocator(folder, FileLocator.class);
        try {
            Spatial m;
            try {
                m = BuiltInCharacters.load(assets, file.getFileName().toString());
            } catch (com.jme3.asset.AssetLoadException e) {
                throw new IllegalArgumentException("character model " + file + " cannot be loaded (" + e.getMessage()
                        + "); jME reads .j3o, .gltf, .glb and Ogre .mesh.xml", e);
            }
            String name = file.getFileName().toString().replaceAll("\\..*$", "");
            m.setName(name);
            return new Loaded(name, m, mapOf(m, name));
        } finally {
            assets.unregisterLocator(folder, FileLocator.class);
        }
    }

    private static HumanoidMap mapOf(Spatial model, String name) {
        try {
            return CharacterMapping.automatic(io.github.hourglassmocap.plugin.Armatures.getArmature(model));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("character '" + name + "' cannot be mapped to a humanoid: "
                    + e.getMessage(), e);
        }
    }
}
