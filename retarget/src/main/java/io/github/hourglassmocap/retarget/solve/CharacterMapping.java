package io.github.hourglassmocap.retarget.solve;

import com.jme3.anim.Armature;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;

/**
 * Builds the humanoid map of an arbitrary character's armature.
 */
public final class CharacterMapping {
    private CharacterMapping() {
    }

    /**
     * Maps an armature automatically.
     *
     * @param armature the character's armature (not null, unaffected)
     * @return a new map
     * @throws IllegalArgumentException if the rig cannot be mapped
     */
    public static HumanoidMap automatic(Armature armature) {
        throw new IllegalArgumentException("automatic mapping of '" + armature.getJoint(0).getName()
                + "'-rooted rigs is not in this build yet; pass --mapping map.json (docs/formats.md)");
    }
}
