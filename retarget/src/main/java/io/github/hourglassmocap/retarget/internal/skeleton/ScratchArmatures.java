package io.github.hourglassmocap.retarget.internal.skeleton;

import com.jme3.anim.Armature;
import com.jme3.scene.Spatial;
import com.jme3.util.clone.CloneFunction;
import com.jme3.util.clone.Cloner;

/**
 * Copies of a character's armature for solving in: the same joints (names, ids, hierarchy, initial and bind
 * transforms, model-transform kind), but no link to the scene graph, so posing the copy moves nothing on screen
 * and a solver can pose it as often as it likes without disturbing the armature the character is drawn with.
 */
public final class ScratchArmatures {
    /** Drops scene-graph references (attachment nodes, target geometries) instead of cloning them. */
    private static final CloneFunction<Spatial> DROP = new CloneFunction<>() {
        @Override
        public Spatial cloneObject(Cloner cloner, Spatial original) {
            return null;
        }

        @Override
        public void cloneFields(Cloner cloner, Spatial clone, Spatial original) {
            // nothing: the copy holds no spatials
        }
    };

    private ScratchArmatures() {
    }

    /**
     * Copies an armature's joints. The copy starts in the original's current local pose.
     *
     * @param armature the original (not null, unaffected)
     * @return a new armature that shares no object with the original
     */
    public static Armature copyOf(Armature armature) {
        if (armature == null) {
            throw new IllegalArgumentException("armature must not be null");
        }
        Cloner cloner = new Cloner();
        cloner.setCloneFunction(Spatial.class, DROP);
        return cloner.clone(armature);
    }
}
