package io.github.hourglassmocap.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.AnimClip;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.TransformTrack;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import org.junit.jupiter.api.Test;

class ArmatureRecorderTest {
    private static Armature twoJoints() {
        Joint root = new Joint("root");
        Joint arm = new Joint("arm");
        root.addChild(arm);
        arm.setLocalTranslation(new Vector3f(0, 1, 0));
        Armature a = new Armature(new Joint[] {root, arm});
        a.saveInitialPose();
        return a;
    }

    @Test
    void recordsEveryJointAndPlaysBackTheSamePoses() {
        Armature a = twoJoints();
        ArmatureRecorder r = new ArmatureRecorder(a);
        for (int k = 0; k < 5; k++) {
            a.getJoint(1).setLocalRotation(new Quaternion().fromAngleAxis(0.2f * k, Vector3f.UNIT_Z));
            a.getJoint(0).setLocalTranslation(new Vector3f(0.1f * k, 0, 0));
            r.sample(2.0 + k / 30.0);
        }
        r.sample(2.0);
        assertEquals(5, r.keyCount(), "a key at an earlier time is ignored");
        assertEquals(4 / 30.0, r.durationSeconds(), 1e-6);
        AnimClip clip = r.toClip("take");
        assertEquals(4 / 30.0, clip.getLength(), 1e-5);
        assertEquals(2, clip.getTracks().length);
        TransformTrack armTrack = (TransformTrack) clip.getTracks()[1];
        Transform t = new Transform();
        armTrack.getDataAtTime(3 / 30.0, t);
        float angle = t.getRotation().toAngleAxis(new Vector3f());
        assertEquals(0.6f, angle, 1e-4f);
        TransformTrack rootTrack = (TransformTrack) clip.getTracks()[0];
        rootTrack.getDataAtTime(1.5 / 30.0, t);
        assertEquals(0.15f, t.getTranslation().x, 1e-4f);
    }

    @Test
    void emptyRecordingAndBadTimesAreRejected() {
        ArmatureRecorder r = new ArmatureRecorder(twoJoints());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.toClip("x"));
        assertTrue(e.getMessage().contains("nothing recorded"));
        assertThrows(IllegalArgumentException.class, () -> r.sample(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> r.sample(-1));
        r.sample(0);
        r.clear();
        assertEquals(0, r.keyCount());
        assertThrows(IllegalArgumentException.class, () -> r.toClip(""));
        assertEquals(0f, FastMath.abs(0f), 0f);
    }
}
