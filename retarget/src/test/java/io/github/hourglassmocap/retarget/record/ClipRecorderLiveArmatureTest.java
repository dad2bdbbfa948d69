package io.github.hourglassmocap.retarget.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.AnimClip;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.TransformTrack;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import org.junit.jupiter.api.Test;

/**
 * {@link ClipRecorder} as the live recorder of {@code MocapAppState}: every joint of a posed armature, sampled
 * as poses arrive (what the removed ArmatureRecorder did).
 */
class ClipRecorderLiveArmatureTest {
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
        ClipRecorder r = ClipRecorder.allJoints(a);
        for (int k = 0; k < 5; k++) {
            a.getJoint(1).setLocalRotation(new Quaternion().fromAngleAxis(0.2f * k, Vector3f.UNIT_Z));
            a.getJoint(0).setLocalTranslation(new Vector3f(0.1f * k, 0, 0));
            r.record(2.0 + k / 30.0);
        }
        assertThrows(IllegalArgumentException.class, () -> r.record(2.0), "time must increase");
        assertEquals(5, r.size());
        AnimClip clip = r.build("take", KeyReduction.NONE);
        assertEquals(4 / 30.0, clip.getLength(), 1e-5);
        assertEquals(2, clip.getTracks().length);
        TransformTrack armTrack = (TransformTrack) clip.getTracks()[1];
        assertTrue(armTrack.getTarget() == a.getJoint(1), "the track animates the armature's own joint");
        Transform t = new Transform();
        armTrack.getDataAtTime(3 / 30.0, t);
        assertEquals(0.6f, t.getRotation().toAngleAxis(new Vector3f()), 1e-4f);
        TransformTrack rootTrack = (TransformTrack) clip.getTracks()[0];
        rootTrack.getDataAtTime(1.5 / 30.0, t);
        assertEquals(0.15f, t.getTranslation().x, 1e-4f);
    }

    @Test
    void emptyRecordingAndBadTimesAreRejected() {
        ClipRecorder r = ClipRecorder.allJoints(twoJoints());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.build("x", KeyReduction.NONE));
        assertTrue(e.getMessage().contains("nothing recorded"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.record(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> r.record(-1));
        r.record(0);
        r.clear();
        assertEquals(0, r.size());
        r.record(0);
        assertThrows(IllegalArgumentException.class, () -> r.build("", KeyReduction.NONE));
    }
}
