package io.github.hourglassmocap.retarget.solve;

import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.retarget.bvh.BvhJoint;
import io.github.hourglassmocap.retarget.bvh.BvhSkeleton;

/**
 * Builds a jME {@link Armature} from a BVH skeleton, so a BVH rig can be a retargeting target: one joint per
 * BVH joint, with the BVH offset as its rest translation and no rest rotation (a BVH rest pose has every
 * channel at zero). End sites are not joints.
 */
public final class BvhArmature {
    private BvhArmature() {
    }

    /**
     * Builds the armature.
     *
     * @param skeleton the BVH hierarchy (not null)
     * @return a new armature in its rest pose, joint i being BVH joint i
     */
    public static Armature of(BvhSkeleton skeleton) {
        int n = skeleton.size();
        Joint[] joints = new Joint[n];
        for (int i = 0; i < n; i++) {
            BvhJoint b = skeleton.joint(i);
            Joint j = new Joint(b.name());
            double[] o = b.offset();
            j.setLocalTranslation(new Vector3f((float) o[0], (float) o[1], (float) o[2]));
            joints[i] = j;
        }
        for (int i = 0; i < n; i++) {
            int p = skeleton.joint(i).parent();
            if (p >= 0) {
                joints[p].addChild(joints[i]);
            }
        }
        Armature armature = new Armature(joints);
        armature.update();
        armature.saveBindPose();
        armature.saveInitialPose();
        return armature;
    }
}
