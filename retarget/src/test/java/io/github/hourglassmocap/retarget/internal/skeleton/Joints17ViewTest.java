package io.github.hourglassmocap.retarget.internal.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.retarget.bvh.BvhMotion;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapper;
import io.github.hourglassmocap.retarget.humanoid.RigDescription;
import io.github.hourglassmocap.retarget.testutil.TestBvh;
import org.junit.jupiter.api.Test;

class Joints17ViewTest {
    /** 17 joints of one frame of an excerpt, metres. */
    static float[] joints(String file, int frame) throws Exception {
        BvhMotion m = BvhReader.readAll(TestBvh.path(file));
        Joints17View view = Joints17View.of(m.skeleton(),
                HumanoidMapper.map(RigDescription.of(file, m.skeleton())));
        ForwardKinematics fk = new ForwardKinematics(m.skeleton());
        fk.setFrame(m.frame(frame, new double[m.skeleton().channelCount()]));
        float[] out = new float[51];
        view.extract(fk, out, 0);
        return out;
    }

    static double dist(float[] j, int a, int b) {
        double x = j[a * 3] - j[b * 3], y = j[a * 3 + 1] - j[b * 3 + 1], z = j[a * 3 + 2] - j[b * 3 + 2];
        return Math.sqrt(x * x + y * y + z * z);
    }

    @Test
    void bothCmuRigsGiveBoneLengthsThatAgree() throws Exception {
        float[] cc = joints(TestBvh.ICLONE, 0);
        float[] poser = joints(TestBvh.ACRNN, 0);
        // Lower legs and forearms agree within 2 cm; the rigs put the shoulder joint in different places
        // (CC further out), so the arm is compared from the thorax to the elbow.
        assertEquals(dist(cc, H36mJoints.L_KNEE, H36mJoints.L_ANKLE), dist(poser, H36mJoints.L_KNEE, H36mJoints.L_ANKLE), 0.02);
        assertEquals(dist(cc, H36mJoints.R_ELBOW, H36mJoints.R_WRIST), dist(poser, H36mJoints.R_ELBOW, H36mJoints.R_WRIST), 0.02);
        assertEquals(dist(cc, H36mJoints.THORAX, H36mJoints.L_SHOULDER) + dist(cc, H36mJoints.L_SHOULDER, H36mJoints.L_ELBOW),
                dist(poser, H36mJoints.THORAX, H36mJoints.L_SHOULDER) + dist(poser, H36mJoints.L_SHOULDER, H36mJoints.L_ELBOW),
                0.02);
        assertEquals(dist(cc, H36mJoints.PELVIS, H36mJoints.THORAX), dist(poser, H36mJoints.PELVIS, H36mJoints.THORAX), 0.04);
        assertEquals(dist(cc, H36mJoints.L_HIP, H36mJoints.R_HIP), dist(poser, H36mJoints.L_HIP, H36mJoints.R_HIP), 0.02);
    }

    @Test
    void restPoseIsAnUprightPersonOfTheReferenceStatureFacingPlusZ() throws Exception {
        float[] j = joints(TestBvh.ACRNN_TPOSE, 0);
        double ankleY = Math.min(j[H36mJoints.L_ANKLE * 3 + 1], j[H36mJoints.R_ANKLE * 3 + 1]);
        double headTop = j[H36mJoints.HEAD * 3 + 1];
        // head top to ankle plus an ankle height of about 0.04 of stature is the whole stature
        assertEquals(Joints17View.DEFAULT_STATURE_METRES, headTop - ankleY + 0.039 * 1.70, 0.05);
        // left is +X: left hip, shoulder, elbow, wrist at increasing X in a T-pose
        assertTrue(j[H36mJoints.L_HIP * 3] > j[H36mJoints.R_HIP * 3]);
        assertTrue(j[H36mJoints.L_WRIST * 3] > j[H36mJoints.L_ELBOW * 3]);
        assertTrue(j[H36mJoints.L_ELBOW * 3] > j[H36mJoints.L_SHOULDER * 3]);
        // nose in front of (+Z) and below the head top, above the thorax
        assertTrue(j[H36mJoints.NECK_NOSE * 3 + 2] > j[H36mJoints.THORAX * 3 + 2] + 0.03);
        assertTrue(j[H36mJoints.NECK_NOSE * 3 + 1] < headTop - 0.1);
        assertTrue(j[H36mJoints.NECK_NOSE * 3 + 1] > j[H36mJoints.THORAX * 3 + 1] + 0.05);
        // spine halfway between pelvis and thorax
        assertEquals(dist(j, H36mJoints.PELVIS, H36mJoints.SPINE), dist(j, H36mJoints.SPINE, H36mJoints.THORAX), 0.02);
    }

    @Test
    void boneRootRigIsTurnedUprightByItsRoot() throws Exception {
        float[] j = joints(TestBvh.ICLONE_BONEROOT, 0);
        assertTrue(j[H36mJoints.HEAD * 3 + 1] - j[H36mJoints.PELVIS * 3 + 1] > 0.6, "head above pelvis along +Y");
    }
}
