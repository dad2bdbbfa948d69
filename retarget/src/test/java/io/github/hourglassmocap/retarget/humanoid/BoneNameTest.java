package io.github.hourglassmocap.retarget.humanoid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.hourglassmocap.retarget.humanoid.BoneName.Kind;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone.Finger;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone.Side;
import org.junit.jupiter.api.Test;

class BoneNameTest {
    private static void is(String name, Side side, Kind kind) {
        BoneName b = BoneName.parse(name);
        assertEquals(side, b.side(), name + " side");
        assertEquals(kind, b.kind(), name + " kind");
    }

    @Test
    void sidesInEveryStyle() {
        is("mixamorig:LeftUpLeg", Side.LEFT, Kind.UPPER_LEG);
        is("Thigh.R", Side.RIGHT, Kind.UPPER_LEG);
        is("lThigh", Side.LEFT, Kind.UPPER_LEG);
        is("lfemur", Side.LEFT, Kind.UPPER_LEG);
        is("CC_Base_R_Calf", Side.RIGHT, Kind.LOWER_LEG);
        is("upperarm_l", Side.LEFT, Kind.UPPER_ARM);
        is("Bip01 R Forearm", Side.RIGHT, Kind.LOWER_ARM);
        is("RIGHT_HAND", Side.RIGHT, Kind.HAND);
        is("left-foot", Side.LEFT, Kind.FOOT);
        is("Spine", Side.CENTER, Kind.SPINE);
    }

    @Test
    void helpersAreNeverBones() {
        for (String n : new String[] {"CC_Base_L_ThighTwist01", "CC_Base_L_KneeShareBone", "IKhand.L", "knee_pole.L",
            "mixamorig:HeadTop_End", "Handle.R", "Sheath.L", "palm.01.L", "CC_Base_L_PinkyToe1", "rButtock",
            "lhipjoint", "upperarm_twist_01_l", "EyeLidTop.L", "CC_Base_JawRoot", "LeftToe_End"}) {
            assertEquals(Kind.HELPER, BoneName.parse(n).kind(), n);
        }
        // "Bend" ends in "end" but is the real joint (DAZ Genesis)
        assertEquals(Kind.UPPER_ARM, BoneName.parse("lShldrBend").kind());
        // a twist-named neck is still a neck (used when nothing better exists)
        assertEquals(Kind.NECK, BoneName.parse("CC_Base_NeckTwist01").kind());
        assertEquals(-2, BoneName.parse("CC_Base_NeckTwist01").phalanx());
    }

    @Test
    void fingersAndPhalanges() {
        BoneName b = BoneName.parse("MiddleFingerMed.L");
        assertEquals(Kind.FINGER, b.kind());
        assertEquals(Finger.MIDDLE, b.finger());
        assertEquals(1, b.phalanx());
        assertEquals(Finger.LITTLE, BoneName.parse("mixamorig:RightHandPinky2").finger());
        assertEquals(2, BoneName.parse("mixamorig:RightHandPinky2").number());
        BoneName mh = BoneName.parse("finger3-2.R");
        assertEquals(Finger.MIDDLE, mh.finger());
        assertEquals(1, mh.phalanx());
        assertEquals(Finger.THUMB, BoneName.parse("LeftThumbDistal").finger());
        assertEquals(2, BoneName.parse("LeftThumbDistal").phalanx());
        assertEquals(Kind.TOES, BoneName.parse("CC_Base_L_ToeBase").kind());
        assertEquals("upleg", BoneName.parse("mixamorig:LeftUpLeg").compact());
    }

    @Test
    void centreWordsAndSidedHip() {
        is("hip", Side.CENTER, Kind.HIPS);
        is("HipLeft", Side.LEFT, Kind.UPPER_LEG);
        is("UpperChest", Side.CENTER, Kind.CHEST);
        is("lowerback", Side.CENTER, Kind.SPINE);
        is("upperneck", Side.CENTER, Kind.NECK);
        is("Joint7", Side.CENTER, Kind.UNKNOWN);
    }
}
