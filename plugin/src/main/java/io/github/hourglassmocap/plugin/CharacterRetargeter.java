package io.github.hourglassmocap.plugin;

import com.jme3.anim.Armature;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;

/**
 * Poses one character's armature from a lifted 3D pose: the seam between the plugin and a retargeting solver.
 * An implementation is bound to one character (its rig, humanoid map and options) and is called on the render
 * thread only.
 */
public interface CharacterRetargeter {
    /**
     * Sets the local transforms of the armature's mapped joints so the character takes the pose.
     *
     * @param pose the lifted pose (not null, unaffected; camera frame, metres, root-relative)
     * @param armature the character's armature (not null, modified)
     */
    void apply(Pose3dSample pose, Armature armature);
}
