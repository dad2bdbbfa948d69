package io.github.hourglassmocap.retarget.humanoid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.hourglassmocap.retarget.humanoid.HumanoidBone.Finger;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone.Side;
import org.junit.jupiter.api.Test;

class HumanoidBoneTest {
    @Test
    void everyBoneButHipsHasAParentChainEndingAtHips() {
        for (HumanoidBone b : HumanoidBone.values()) {
            int steps = 0;
            HumanoidBone p = b;
            while (p.parent() != null) {
                p = p.parent();
                steps++;
            }
            assertEquals(HumanoidBone.HIPS, p, b + " chain");
            assertEquals(b == HumanoidBone.HIPS, steps == 0);
        }
    }

    @Test
    void mirrorSideFingerAndNames() {
        assertEquals(HumanoidBone.RIGHT_LITTLE_DISTAL, HumanoidBone.LEFT_LITTLE_DISTAL.mirror());
        assertEquals(HumanoidBone.NECK, HumanoidBone.NECK.mirror());
        assertEquals(Side.RIGHT, HumanoidBone.RIGHT_TOES.side());
        assertEquals(Side.CENTER, HumanoidBone.UPPER_CHEST.side());
        assertEquals(Finger.RING, HumanoidBone.RIGHT_RING_INTERMEDIATE.finger());
        assertEquals(1, HumanoidBone.RIGHT_RING_INTERMEDIATE.phalanx());
        assertNull(HumanoidBone.LEFT_HAND.finger());
        assertEquals(HumanoidBone.LEFT_THUMB_DISTAL, HumanoidBone.finger(Side.LEFT, Finger.THUMB, 2));
        assertEquals(HumanoidBone.LEFT_HAND, HumanoidBone.LEFT_THUMB_PROXIMAL.parent());
        assertEquals("leftUpperArm", HumanoidBone.LEFT_UPPER_ARM.vrmName());
        assertEquals("upperChest", HumanoidBone.UPPER_CHEST.vrmName());
        assertEquals(HumanoidBone.RIGHT_INDEX_PROXIMAL, HumanoidBone.find("rightIndexProximal"));
        assertEquals(HumanoidBone.LEFT_FOOT, HumanoidBone.find("LEFT_FOOT"));
        assertNull(HumanoidBone.find("tail"));
        assertThrows(IllegalArgumentException.class, () -> HumanoidBone.finger(Side.CENTER, Finger.THUMB, 0));
        for (HumanoidBone b : HumanoidBone.values()) {
            assertEquals(b, HumanoidBone.find(b.vrmName()));
        }
    }
}
