package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.Vector3f;
import org.junit.jupiter.api.Test;

class TwoBoneIkTest {
    final Vector3f hip = new Vector3f(0, 1, 0);
    final Vector3f knee = new Vector3f(0, 0.55f, 0.05f);
    final Vector3f ankle = new Vector3f(0, 0.1f, 0);

    @Test
    void reachesAReachableTargetKeepingBoneLengthsAndBendPlane() {
        Vector3f target = new Vector3f(0.1f, 0.25f, 0.2f);
        Vector3f[] s = TwoBoneIk.solve(hip, knee, ankle, target, Vector3f.UNIT_Z);
        assertEquals(0f, s[1].distance(target), 1e-5f);
        assertEquals(hip.distance(knee), hip.distance(s[0]), 1e-5f);
        assertEquals(knee.distance(ankle), s[0].distance(s[1]), 1e-5f);
        // The knee still bends forward (+Z side of the hip-target line).
        Vector3f u = target.subtract(hip).normalizeLocal();
        Vector3f off = s[0].subtract(hip);
        off.subtractLocal(u.mult(off.dot(u)));
        assertTrue(off.z > 0, "knee forward: " + off);
    }

    @Test
    void clampsAnUnreachableTargetAlongItsDirection() {
        Vector3f target = new Vector3f(0, -2, 0);
        Vector3f[] s = TwoBoneIk.solve(hip, knee, ankle, target, Vector3f.UNIT_Z);
        float reach = hip.distance(knee) + knee.distance(ankle);
        assertEquals(reach, hip.distance(s[1]), 1e-3f * reach);
        assertEquals(0f, s[1].x, 1e-5f);
        assertEquals(0f, s[1].z, 2e-3f);
    }

    @Test
    void straightChainBendsTowardsThePole() {
        Vector3f straightKnee = new Vector3f(0, 0.55f, 0);
        Vector3f[] s = TwoBoneIk.solve(hip, straightKnee, ankle, new Vector3f(0, 0.3f, 0), Vector3f.UNIT_Z);
        assertTrue(s[0].z > 0.05f, "bent towards +Z: " + s[0]);
    }

    @Test
    void rejectsZeroLengthBones() {
        assertThrows(IllegalArgumentException.class, () -> TwoBoneIk.solve(hip, hip, ankle, ankle, Vector3f.UNIT_Z));
    }
}
