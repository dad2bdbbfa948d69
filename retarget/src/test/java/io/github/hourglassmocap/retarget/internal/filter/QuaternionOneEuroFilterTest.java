package io.github.hourglassmocap.retarget.internal.filter;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import org.junit.jupiter.api.Test;

class QuaternionOneEuroFilterTest {
    static final double DT = 1.0 / 30;

    static Quaternion aboutY(double degrees) {
        return new Quaternion().fromAngleNormalAxis((float) Math.toRadians(degrees), Vector3f.UNIT_Y);
    }

    static double angleDeg(Quaternion a, Quaternion b) {
        return Math.toDegrees(QuaternionSequences.angleBetween(a, b));
    }

    @Test
    void stepConvergesWithoutOvershoot() {
        QuaternionOneEuroFilter f = new QuaternionOneEuroFilter(1.0, 0.5, 1.0);
        Quaternion target = aboutY(90);
        f.filter(new Quaternion(), DT, null);
        double prevRemaining = 90;
        Quaternion out = null;
        for (int i = 0; i < 60; i++) {
            out = f.filter(target, DT, null);
            double remaining = angleDeg(out, target);
            double travelled = angleDeg(out, new Quaternion());
            assertTrue(remaining <= prevRemaining + 1e-3, "approaches monotonically");
            assertEquals(90.0, remaining + travelled, 0.05, "stays on the arc (no detour)");
            prevRemaining = remaining;
        }
        assertEquals(0.0, angleDeg(out, target), 1.0, "settled after 2 s");
        assertEquals(1f, out.norm(), 1e-5f);
    }

    @Test
    void rampLagIsBoundedAndShrinksWithBeta() {
        double slow = rampLagDeg(0.0);
        double fast = rampLagDeg(2.0);
        // 90 deg/s through a 1 Hz first-order low-pass lags about 90/(2 pi) = 14 deg.
        assertEquals(90 / (2 * Math.PI) + 90 * DT / 2, slow, 3.0);
        assertTrue(fast < 0.5 * slow, "beta 2: " + fast + " vs beta 0: " + slow);
    }

    private static double rampLagDeg(double beta) {
        QuaternionOneEuroFilter f = new QuaternionOneEuroFilter(1.0, beta, 1.0);
        Quaternion out = null;
        Quaternion in = null;
        for (int i = 0; i < 90; i++) {
            in = aboutY(90 * i * DT);
            out = f.filter(in, DT, null);
        }
        return angleDeg(in, out);
    }

    @Test
    void signFlipsOfTheInputNeverFlipTheOutput() {
        QuaternionOneEuroFilter f = new QuaternionOneEuroFilter(1.0, 0.5, 1.0);
        Quaternion q = new Quaternion().fromAngleNormalAxis(2.5f, new Vector3f(1, 2, 3).normalizeLocal());
        Quaternion prev = f.filter(q, DT, null);
        for (int i = 0; i < 50; i++) {
            Quaternion in = i % 2 == 0 ? q.clone().negateLocal() : q;
            Quaternion out = f.filter(in, DT, null);
            assertEquals(0.0, angleDeg(out, q), 1e-3, "same rotation as the input");
            assertTrue(out.dot(prev) > 0.999f, "output keeps its hemisphere");
            prev = out;
        }
    }

    @Test
    void crossingTheHemisphereBoundaryIsSmooth() {
        // A steady turn about Y through 360 degrees passes q.w = 0 twice.
        QuaternionOneEuroFilter f = new QuaternionOneEuroFilter(1.0, 1.0, 1.0);
        Quaternion prev = null;
        for (int i = 0; i <= 120; i++) {
            Quaternion out = f.filter(aboutY(3.0 * i), DT, null);
            if (prev != null) {
                assertTrue(angleDeg(prev, out) < 3.5, "step " + i + ": " + angleDeg(prev, out));
            }
            prev = out;
        }
    }

    @Test
    void rejectsBadRotationsIntervalsAndParameters() {
        QuaternionOneEuroFilter f = new QuaternionOneEuroFilter(1.0, 0.5, 1.0);
        assertThrows(IllegalArgumentException.class, () -> f.filter(new Quaternion(0, 0, 0, 0), DT, null));
        assertThrows(IllegalArgumentException.class, () -> f.filter(new Quaternion(Float.NaN, 0, 0, 1), DT, null));
        f.filter(aboutY(10), DT, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.filter(aboutY(20), 0, null));
        assertTrue(e.getMessage().contains("dtSeconds"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new QuaternionOneEuroFilter(0, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new QuaternionOneEuroFilter(1, -1, 1));
    }

    @Test
    void resetMakesTheNextRotationPassThrough() {
        QuaternionOneEuroFilter f = new QuaternionOneEuroFilter(1.0, 0.5, 1.0);
        f.filter(aboutY(0), DT, null);
        assertTrue(angleDeg(f.filter(aboutY(60), DT, null), aboutY(60)) > 10, "filtered: lags the jump");
        f.reset();
        assertEquals(0.0, angleDeg(f.filter(aboutY(60), DT, null), aboutY(60)), 1e-3);
        Quaternion store = new Quaternion();
        assertSame(store, f.filter(aboutY(61), DT, store), "writes into the store it is given");
    }
}
