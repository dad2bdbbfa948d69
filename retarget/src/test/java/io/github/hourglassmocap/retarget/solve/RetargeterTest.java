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
}
