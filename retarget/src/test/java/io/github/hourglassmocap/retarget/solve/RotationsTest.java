package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RotationsTest {
    static Vector3f random(Random r) {
        return new Vector3f(r.nextFloat() - 0.5f, r.nextFloat() - 0.5f, r.nextFloat() - 0.5f);
    }

    @Test
    void swingTurnsOneDirectionIntoAnother() {
        Random r = new Random(3);
        for (int i = 0; i < 100; i++) {
            Vector3f a = random(r);
            Vector3f b = random(r);
            Vector3f turned = Rotations.swing(a, b).mult(a.normalize());
            assertEquals(0f, turned.distance(b.normalize()), 1e-5f);
        }
        Vector3f a = new Vector3f(0, 1, 0);
        assertEquals(0f, Rotations.swing(a, a.negate()).mult(a).distance(a.negate()), 1e-5f, "opposite directions");
        assertEquals(0f, Rotations.swing(a, a.mult(3)).mult(a).distance(a), 1e-6f, "same direction");
    }

    @Test
    void frameIsOrthonormalWithPrimaryFirst() {
        Quaternion f = Rotations.frame(new Vector3f(0, 2, 0), new Vector3f(1, 1, 0));
        assertEquals(0f, f.mult(Vector3f.UNIT_X).distance(Vector3f.UNIT_Y), 1e-6f);
        assertEquals(0f, f.mult(Vector3f.UNIT_Y).distance(Vector3f.UNIT_X), 1e-6f, "secondary, orthogonalised");
        assertNull(Rotations.frame(Vector3f.UNIT_Y, Vector3f.UNIT_Y.mult(2)), "parallel axes give no frame");
    }

    @Test
    void deltaMapsRestFrameOntoTarget() {
        Random r = new Random(5);
        Quaternion rest = Rotations.frame(random(r), random(r));
        Quaternion target = Rotations.frame(random(r), random(r));
        Quaternion d = Rotations.delta(rest, target);
        assertTrue(d.mult(rest).isSimilar(target, 1e-5f) || d.mult(rest).isSimilar(target.clone().negateLocal(), 1e-5f));
    }

    @Test
    void twistKeepsOnlyTheRotationAboutTheAxis() {
        Quaternion yaw = new Quaternion().fromAngleNormalAxis(0.7f, Vector3f.UNIT_Y);
        Quaternion pitch = new Quaternion().fromAngleNormalAxis(0.4f, Vector3f.UNIT_X);
        Quaternion t = Rotations.twist(pitch.mult(yaw), Vector3f.UNIT_Y);
        assertEquals(0.7f, 2 * (float) Math.atan2(Math.abs(t.getY()), Math.abs(t.getW())), 1e-5f);
        assertEquals(0f, t.getX(), 1e-6f);
        assertEquals(0f, t.getZ(), 1e-6f);
    }

    @Test
    void anglesAndSmoothStep() {
        assertEquals(Math.PI / 2, Rotations.angle(Vector3f.UNIT_X, Vector3f.UNIT_Z), 1e-6);
        assertEquals(0f, Rotations.smoothStep(1, 2, 0.5f), 0f);
        assertEquals(0.5f, Rotations.smoothStep(1, 2, 1.5f), 1e-6f);
        assertEquals(1f, Rotations.smoothStep(1, 2, 3f), 0f);
    }
}
