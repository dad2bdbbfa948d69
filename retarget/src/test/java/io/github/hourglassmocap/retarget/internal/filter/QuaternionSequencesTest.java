package io.github.hourglassmocap.retarget.internal.filter;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import org.junit.jupiter.api.Test;

class QuaternionSequencesTest {
    @Test
    void alignsSignsToThePredecessor() {
        Quaternion a = new Quaternion().fromAngleNormalAxis(0.3f, Vector3f.UNIT_Z);
        Quaternion[] s = {a.clone(), a.clone().negateLocal(), a.clone()};
        QuaternionSequences.alignHemispheres(s);
        assertTrue(s[0].dot(s[1]) > 0 && s[1].dot(s[2]) > 0);
    }

    @Test
    void angleAndSlerp() {
        Quaternion a = new Quaternion();
        Quaternion b = new Quaternion().fromAngleNormalAxis((float) Math.PI / 2, Vector3f.UNIT_Y);
        assertEquals(Math.PI / 2, QuaternionSequences.angleBetween(a, b), 1e-5);
        assertEquals(Math.PI / 2, QuaternionSequences.angleBetween(a, b.clone().negateLocal()), 1e-5);
        Quaternion half = QuaternionSequences.nlerpOrSlerp(a, b, 0.5f, new Quaternion());
        assertEquals(Math.PI / 4, QuaternionSequences.angleBetween(a, half), 1e-5);
        Quaternion viaNegated = QuaternionSequences.nlerpOrSlerp(a, b.clone().negateLocal(), 0.5f, new Quaternion());
        assertEquals(0.0, QuaternionSequences.angleBetween(half, viaNegated), 1e-5, "shorter arc either sign");
    }
}
