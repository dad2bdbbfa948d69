package io.github.hourglassmocap.retarget.internal.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import org.junit.jupiter.api.Test;

class ScratchArmaturesTest {
    private static Armature twoJoints() {
        Joint root = new Joint("root");
        Joint child = new Joint("child");
        root.addChild(child);
        child.setLocalTranslation(new Vector3f(0, 1, 0));
        Armature a = new Armature(new Joint[] {root, child});
        a.saveBindPose();
        a.saveInitialPose();
        return a;
    }

    @Test
    void theCopyHasTheSameJointsAndPosingItLeavesTheOriginalAlone() {
        Armature a = twoJoints();
        Armature c = ScratchArmatures.copyOf(a);
        assertNotSame(a, c);
        assertEquals(2, c.getJointCount());
        assertEquals("child", c.getJoint(1).getName());
        assertEquals(c.getJoint(0), c.getJoint(1).getParent());
        assertNotSame(a.getJoint(1), c.getJoint(1));
        assertTrue(c.getJoint(1).getInitialTransform().getTranslation().isSimilar(new Vector3f(0, 1, 0), 1e-6f));

        c.getJoint(0).setLocalRotation(new Quaternion().fromAngleAxis(1f, Vector3f.UNIT_Z));
        c.update();
        a.update();
        assertTrue(a.getJoint(1).getModelTransform().getTranslation().isSimilar(new Vector3f(0, 1, 0), 1e-6f),
                "posing the copy must not move the original");
        assertEquals(-(float) Math.sin(1), c.getJoint(1).getModelTransform().getTranslation().x, 1e-5f);
    }

    @Test
    void nullIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ScratchArmatures.copyOf(null));
    }
}
