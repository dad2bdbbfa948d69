package io.github.hourglassmocap.retarget.humanoid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.testutil.TestBvh;
import org.junit.jupiter.api.Test;

class HumanoidMapperTest {
    private static HumanoidMap mapBvh(String name) throws Exception {
        return HumanoidMapper.map(RigDescription.of(name, BvhReader.readAll(TestBvh.path(name)).skeleton()));
    }

    @Test
    void mapsReallusionCcRigSkippingTwistAndShareBones() throws Exception {
        for (String file : new String[] {TestBvh.ICLONE, TestBvh.ICLONE_BONEROOT}) {
            HumanoidMap m = mapBvh(file);
            assertEquals("CC_Base_Hip", m.getJoint(HumanoidBone.HIPS));
            assertEquals("CC_Base_Waist", m.getJoint(HumanoidBone.SPINE));
            assertEquals("CC_Base_Spine01", m.getJoint(HumanoidBone.CHEST));
            assertEquals("CC_Base_Spine02", m.getJoint(HumanoidBone.UPPER_CHEST));
            assertEquals("CC_Base_NeckTwist01", m.getJoint(HumanoidBone.NECK));
            assertEquals("CC_Base_Head", m.getJoint(HumanoidBone.HEAD));
            assertEquals("CC_Base_L_Clavicle", m.getJoint(HumanoidBone.LEFT_SHOULDER));
            assertEquals("CC_Base_L_Upperarm", m.getJoint(HumanoidBone.LEFT_UPPER_ARM));
            assertEquals("CC_Base_L_Forearm", m.getJoint(HumanoidBone.LEFT_LOWER_ARM));
            assertEquals("CC_Base_L_Hand", m.getJoint(HumanoidBone.LEFT_HAND));
            assertEquals("CC_Base_R_Thigh", m.getJoint(HumanoidBone.RIGHT_UPPER_LEG));
            assertEquals("CC_Base_R_Calf", m.getJoint(HumanoidBone.RIGHT_LOWER_LEG));
            assertEquals("CC_Base_R_Foot", m.getJoint(HumanoidBone.RIGHT_FOOT));
            assertEquals("CC_Base_R_ToeBase", m.getJoint(HumanoidBone.RIGHT_TOES));
            assertEquals("CC_Base_L_Eye", m.getJoint(HumanoidBone.LEFT_EYE));
            assertEquals("CC_Base_R_Mid2", m.getJoint(HumanoidBone.RIGHT_MIDDLE_INTERMEDIATE));
        }
    }

    @Test
    void mapsPoserStyleCmuRig() throws Exception {
        HumanoidMap m = mapBvh(TestBvh.ACRNN);
        assertEquals("hip", m.getJoint(HumanoidBone.HIPS));
        assertEquals("abdomen", m.getJoint(HumanoidBone.SPINE));
        assertEquals("chest", m.getJoint(HumanoidBone.CHEST));
        assertEquals(null, m.findJoint(HumanoidBone.UPPER_CHEST));
        assertEquals("neck", m.getJoint(HumanoidBone.NECK));
        assertEquals("head", m.getJoint(HumanoidBone.HEAD));
        assertEquals("lCollar", m.getJoint(HumanoidBone.LEFT_SHOULDER));
        assertEquals("lShldr", m.getJoint(HumanoidBone.LEFT_UPPER_ARM));
        assertEquals("lForeArm", m.getJoint(HumanoidBone.LEFT_LOWER_ARM));
        assertEquals("rHand", m.getJoint(HumanoidBone.RIGHT_HAND));
        assertEquals("rThigh", m.getJoint(HumanoidBone.RIGHT_UPPER_LEG));
        assertEquals("rShin", m.getJoint(HumanoidBone.RIGHT_LOWER_LEG));
        assertEquals("lFoot", m.getJoint(HumanoidBone.LEFT_FOOT));
        assertEquals("leftEye", m.getJoint(HumanoidBone.LEFT_EYE));
        assertEquals("rThumb2", m.getJoint(HumanoidBone.RIGHT_THUMB_INTERMEDIATE));
    }
}
