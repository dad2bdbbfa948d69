package io.github.hourglassmocap.retarget.solve;

import static io.github.hourglassmocap.inference.joints.H36mJoints.*;
import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetargeterTest {
    public static final int[][] LIMBS = {{L_SHOULDER, L_ELBOW}, {L_ELBOW, L_WRIST}, {R_SHOULDER, R_ELBOW}, {R_ELBOW, R_WRIST},
        {L_HIP, L_KNEE}, {L_KNEE, L_ANKLE}, {R_HIP, R_KNEE}, {R_KNEE, R_ANKLE}, {PELVIS, THORAX}, {THORAX, HEAD}};

    @ParameterizedTest
    @ValueSource(strings = {"jaime", "sinbad", "ninja"})
    void reproducesItsOwnRandomPoses(String name) {
        CharacterRig rig = SolveFixtures.rig(name);
        Retargeter solver = new Retargeter(rig);
        Random random = new Random(7);
        double[] worst = new double[LIMBS.length];
        double sum = 0;
        int count = 0;
        for (int trial = 0; trial < 50; trial++) {
            Vector3f[] source = SolveFixtures.randomPose(rig, random, 40f);
            RigPose pose = solver.solve(source, null);
            pose.applyTo(rig.getArmature());
            Vector3f[] posed = rig.view17(true);
            for (int l = 0; l < LIMBS.length; l++) {
                Vector3f a = source[LIMBS[l][1]].subtract(source[LIMBS[l][0]]);
                Vector3f b = posed[LIMBS[l][1]].subtract(posed[LIMBS[l][0]]);
                double e = Rotations.angle(a, b) * FastMath.RAD_TO_DEG;
                worst[l] = Math.max(worst[l], e);
                sum += e;
                count++;
            }
        }
        // Limbs are swung exactly onto the source; the torso and head lines are aimed by a few fixed-point steps.
        for (int l = 0; l < 8; l++) {
            assertEquals(0.0, worst[l], 0.2, name + " limb " + l);
        }
        assertEquals(0.0, worst[8], 0.5, name + " torso");
        assertEquals(0.0, worst[9], 2.0, name + " head");
        assertEquals(0.0, sum / count, 0.1, name + " mean");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jaime", "sinbad"})
    void recoversUpperLimbTwistFromTheBendPlane(String name) {
        CharacterRig rig = SolveFixtures.rig(name);
        Retargeter solver = new Retargeter(rig);
        Vector3f[] rest = rig.getRest17();
        int upper = rig.joint(io.github.hourglassmocap.retarget.humanoid.HumanoidBone.LEFT_UPPER_ARM);
        int lower = rig.joint(io.github.hourglassmocap.retarget.humanoid.HumanoidBone.LEFT_LOWER_ARM);
        Vector3f restUpper = rest[L_ELBOW].subtract(rest[L_SHOULDER]).normalizeLocal();
        Vector3f restLower = rest[L_WRIST].subtract(rest[L_ELBOW]);
        double restBend = Math.toDegrees(Rotations.angle(restUpper, restLower));
        // The elbow hinge the solver assumes: the rig's own bend plane if its rest arm is bent, otherwise the
        // forearm bends forwards.
        Vector3f hinge = (restBend > 12 ? restUpper.cross(restLower) : restUpper.cross(rig.getForward())).normalizeLocal();
        Random random = new Random(21);
        double worst = 0;
        for (int trial = 0; trial < 30; trial++) {
            Vector3f axis = new Vector3f(random.nextFloat() - 0.5f, random.nextFloat() - 0.5f, random.nextFloat() - 0.5f).normalizeLocal();
            com.jme3.math.Quaternion q = new com.jme3.math.Quaternion().fromAngleNormalAxis(
                    (float) Math.toRadians(20 + 60 * random.nextFloat()), axis);
            float bend = (float) Math.toRadians(40 + 60 * random.nextFloat());
            RigPose truth = new RigPose(rig);
            truth.setDelta(upper, q);
            truth.setDelta(lower, q.mult(new com.jme3.math.Quaternion().fromAngleNormalAxis(bend, hinge)));
            truth.propagate();
            truth.applyTo(rig.getArmature());
            Vector3f[] source = rig.view17(true);
            RigPose solved = solver.solve(source, null);
            worst = Math.max(worst, Math.toDegrees(io.github.hourglassmocap.retarget.internal.filter.QuaternionSequences.angleBetween(
                    solved.getDelta(upper), q)));
        }
        // Swing and twist of the upper arm come back when the elbow bends in the plane the solver assumes. A
        // nearly straight rest arm (Jaime: 4.6 degrees) biases the twist by about its rest bend over sin(bend).
        double allowed = restBend > 12 ? 0.5 : 0.5 + restBend / Math.sin(Math.toRadians(40));
        assertTrue(worst < allowed, name + " worst upper-arm error " + worst + " deg with a rest bend of " + restBend);
    }
}
