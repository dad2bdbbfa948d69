package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.anim.Armature;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import org.junit.jupiter.api.Test;

class RigPoseTest {
    @Test
    void restPoseReproducesTheRestLocalTransforms() {
        CharacterRig rig = SolveFixtures.rig("sinbad");
        RigPose pose = new RigPose(rig);
        Armature a = rig.getArmature();
        for (int i = 0; i < a.getJointCount(); i++) {
            Quaternion local = pose.localRotation(i, null);
            assertTrue(local.isSimilar(rig.getRestLocal(i).getRotation(), 1e-4f)
                    || local.isSimilar(rig.getRestLocal(i).getRotation().clone().negateLocal(), 1e-4f), "joint " + i);
        }
        int hips = rig.joint(HumanoidBone.HIPS);
        assertEquals(0f, pose.hipsLocalTranslation().distance(rig.getRestLocal(hips).getTranslation()), 1e-4f);
    }

    @Test
    void undrivenJointsFollowTheirParentAndCopiesAreIndependent() {
        CharacterRig rig = SolveFixtures.rig("jaime");
        RigPose pose = new RigPose(rig);
        int arm = rig.joint(HumanoidBone.LEFT_UPPER_ARM);
        int hand = rig.joint(HumanoidBone.LEFT_HAND);
        Quaternion q = new Quaternion().fromAngleNormalAxis(1f, Vector3f.UNIT_Z);
        pose.setDelta(arm, q);
        pose.propagate();
        assertTrue(pose.isDriven(arm));
        assertFalse(pose.isDriven(hand));
        assertTrue(pose.getDelta(hand).isSimilar(q, 1e-6f), "hand keeps its rest local rotation");
        RigPose copy = pose.copy();
        copy.setDelta(arm, new Quaternion());
        assertTrue(pose.getDelta(arm).isSimilar(q, 1e-6f));
        pose.applyTo(rig.getArmature());
        rig.getArmature().update();
        Quaternion model = rig.getArmature().getJoint(arm).getModelTransform().getRotation();
        Quaternion expected = q.mult(rig.getRestModelRotation(arm));
        assertTrue(model.isSimilar(expected, 1e-4f) || model.isSimilar(expected.clone().negateLocal(), 1e-4f));
    }
}
