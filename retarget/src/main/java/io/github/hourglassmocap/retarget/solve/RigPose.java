package io.github.hourglassmocap.retarget.solve;

import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;

/**
 * One solved pose of a character: for every joint, the model-space rotation that takes its rest orientation
 * to its posed one ({@code posedModel = delta * restModel}), plus the model-space position of the HIPS joint.
 * Joints the solver does not drive inherit their parent's delta, which is the same as keeping their rest
 * local rotation. Mutable (the solver, filters and foot locking adjust it); copy with {@link #copy()}.
 */
public final class RigPose {
    private final CharacterRig rig;
    private final Quaternion[] delta;
    private final boolean[] driven;
    private final Vector3f hipsPosition;

    /**
     * Creates the rest pose of a rig.
     *
     * @param rig the rig (not null)
     */
    public RigPose(CharacterRig rig) {
        this.rig = rig;
        int n = rig.getArmature().getJointCount();
        delta = new Quaternion[n];
        driven = new boolean[n];
        for (int i = 0; i < n; i++) {
            delta[i] = new Quaternion();
        }
        hipsPosition = rig.getRestModelPosition(rig.joint(io.github.hourglassmocap.retarget.humanoid.HumanoidBone.HIPS)).clone();
    }

    private RigPose(RigPose other) {
        rig = other.rig;
        delta = new Quaternion[other.delta.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = other.delta[i].clone();
        }
        driven = other.driven.clone();
        hipsPosition = other.hipsPosition.clone();
    }

    /** @return a deep copy */
    public RigPose copy() {
        return new RigPose(this);
    }

    /** @return the rig this pose belongs to (shared) */
    public CharacterRig getRig() {
        return rig;
    }

    /**
     * Returns a joint's model-space delta rotation.
     *
     * @param joint the joint index
     * @return the live instance (modify it only together with {@link #propagate()})
     */
    public Quaternion getDelta(int joint) {
        return delta[joint];
    }

    /**
     * Sets a joint's delta and marks it as driven.
     *
     * @param joint the joint index
     * @param rotation the model-space delta (not null, unit; copied)
     */
    public void setDelta(int joint, Quaternion rotation) {
        delta[joint].set(rotation);
        driven[joint] = true;
    }

    /**
     * Returns whether the solver drives a joint (otherwise it inherits its parent's delta).
     *
     * @param joint the joint index
     * @return true if driven
     */
    public boolean isDriven(int joint) {
        return driven[joint];
    }

    /** @return the live model-space position of the HIPS joint (modify in place) */
    public Vector3f getHipsPosition() {
        return hipsPosition;
    }

    /**
     * Gives every undriven joint its parent's delta (root joints: identity), in hierarchy order.
     */
    public void propagate() {
        for (int id : rig.order()) {
            if (!driven[id]) {
                Joint p = rig.getArmature().getJoint(id).getParent();
                if (p == null) {
                    delta[id].loadIdentity();
                } else {
                    delta[id].set(delta[p.getId()]);
                }
            }
        }
    }

    /**
     * Returns the local rotation of a joint implied by the deltas.
     *
     * @param joint the joint index
     * @param store where to write (modified) or null for a new instance
     * @return the local rotation
     */
    public Quaternion localRotation(int joint, Quaternion store) {
        Quaternion out = store == null ? new Quaternion() : store;
        Quaternion model = delta[joint].mult(rig.getRestModelRotation(joint));
        Joint p = rig.getArmature().getJoint(joint).getParent();
        if (p == null) {
            return out.set(model).normalizeLocal();
        }
        Quaternion parentModel = delta[p.getId()].mult(rig.getRestModelRotation(p.getId()));
        return out.set(parentModel.inverseLocal().multLocal(model)).normalizeLocal();
    }

    /**
     * Returns the local translation of the HIPS joint implied by {@link #getHipsPosition()}, assuming the
     * joints above HIPS stay at rest.
     *
     * @return a new vector (parent space)
     */
    public Vector3f hipsLocalTranslation() {
        int hips = rig.joint(io.github.hourglassmocap.retarget.humanoid.HumanoidBone.HIPS);
        Joint p = rig.getArmature().getJoint(hips).getParent();
        if (p == null) {
            return hipsPosition.clone();
        }
        Transform parentRest = rig.getRestModel(p.getId());
        return parentRest.transformInverseVector(hipsPosition, new Vector3f());
    }

    /**
     * Poses an armature: local rotations of every joint, the rest translation and scale, and the HIPS
     * translation. Does not call {@code armature.update()}.
     *
     * @param armature the rig's armature or a clone with the same joints (not null, modified)
     */
    public void applyTo(Armature armature) {
        int hips = rig.joint(io.github.hourglassmocap.retarget.humanoid.HumanoidBone.HIPS);
        Quaternion tmp = new Quaternion();
        for (int i = 0; i < delta.length; i++) {
            Joint j = armature.getJoint(i);
            Transform rest = rig.getRestLocal(i);
            j.setLocalTranslation(i == hips ? hipsLocalTranslation() : rest.getTranslation());
            j.setLocalRotation(localRotation(i, tmp));
            j.setLocalScale(rest.getScale());
        }
    }
}
