package io.github.hourglassmocap.retarget.solve;

import com.jme3.anim.Armature;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapException;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapper;
import io.github.hourglassmocap.retarget.humanoid.RigDescription;
import java.util.Map;

/**
 * Builds the humanoid map of a character's armature with the project's humanoid mapper (naming conventions
 * and rest-pose geometry, docs/skeleton.md), optionally corrected by a mapping file's entries.
 */
public final class CharacterMapping {
    private CharacterMapping() {
    }

    /**
     * Maps an armature automatically, with no corrections.
     *
     * @param armature the character's armature, in its rest pose (not null, unaffected)
     * @return a new map
     * @throws IllegalArgumentException if required bones cannot be found; the message lists them and says how
     *     to supply a mapping file
     */
    public static HumanoidMap automatic(Armature armature) {
        try {
            return map("armature rooted at '" + armature.getRoots()[0].getName() + "'", armature, Map.of());
        } catch (HumanoidMapException e) {
            throw new IllegalArgumentException(e.getMessage() + "; supply the missing bones with a mapping file (--mapping)", e);
        }
    }

    /**
     * Maps an armature.
     *
     * @param name a label for messages, such as the model file (not null)
     * @param armature the character's armature, in its rest pose (not null, unaffected)
     * @param overrides entries that replace or add to the automatic ones, for example from
     *     {@link io.github.hourglassmocap.retarget.humanoid.HumanoidMapFile#read} (not null, may be empty; unaffected)
     * @return a new map
     * @throws HumanoidMapException if required bones cannot be found; the message lists them
     */
    public static HumanoidMap map(String name, Armature armature, Map<HumanoidBone, String> overrides)
            throws HumanoidMapException {
        return HumanoidMapper.map(RigDescription.of(name, armature), overrides);
    }
}
