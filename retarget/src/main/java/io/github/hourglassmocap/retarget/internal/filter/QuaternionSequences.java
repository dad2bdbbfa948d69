package io.github.hourglassmocap.retarget.internal.filter;

import com.jme3.math.Quaternion;

/**
 * Small quaternion helpers shared by the filters: hemisphere alignment, angles, interpolation.
 */
public final class QuaternionSequences {
    private QuaternionSequences() {
    }

    /**
     * Flips the sign of quaternions so that each lies in the hemisphere of its predecessor; the rotations
     * are unchanged, but component-wise filtering then never crosses the q/-q boundary.
     *
     * @param sequence the rotations in time order (not null, elements not null; modified in place)
     */
    public static void alignHemispheres(Quaternion[] sequence) {
        for (int i = 1; i < sequence.length; i++) {
            if (sequence[i - 1].dot(sequence[i]) < 0) {
                sequence[i].negateLocal();
            }
        }
    }

    /**
     * Returns the angle of the rotation that takes one orientation to another.
     *
     * @param a the first rotation (not null, unit, unaffected)
     * @param b the second rotation (not null, unit, unaffected)
     * @return the angle (in radians, 0..pi)
     */
    public static double angleBetween(Quaternion a, Quaternion b) {
        // The relative rotation conj(a) * b, in double; atan2 keeps full precision near 0 where acos does not.
        double ax = a.getX(), ay = a.getY(), az = a.getZ(), aw = a.getW();
        double bx = b.getX(), by = b.getY(), bz = b.getZ(), bw = b.getW();
        double w = aw * bw + ax * bx + ay * by + az * bz;
        double x = aw * bx - ax * bw - (ay * bz - az * by);
        double y = aw * by - ay * bw - (az * bx - ax * bz);
        double z = aw * bz - az * bw - (ax * by - ay * bx);
        return 2 * Math.atan2(Math.sqrt(x * x + y * y + z * z), Math.abs(w));
    }

    /**
     * Spherical interpolation along the shorter arc.
     *
     * @param from the start (not null, unit, unaffected unless it is {@code store})
     * @param to the end (not null, unit, unaffected unless it is {@code store})
     * @param t the fraction (0..1)
     * @param store where to write the result (not null, modified; may be {@code from} or {@code to})
     * @return {@code store}
     */
    public static Quaternion nlerpOrSlerp(Quaternion from, Quaternion to, float t, Quaternion store) {
        float fx = from.getX(), fy = from.getY(), fz = from.getZ(), fw = from.getW();
        float tx = to.getX(), ty = to.getY(), tz = to.getZ(), tw = to.getW();
        double dot = fx * tx + fy * ty + fz * tz + fw * tw;
        if (dot < 0) {
            dot = -dot;
            tx = -tx;
            ty = -ty;
            tz = -tz;
            tw = -tw;
        }
        double s0;
        double s1;
        if (dot > 0.9995) {
            s0 = 1 - t;
            s1 = t;
        } else {
            double theta = Math.acos(dot);
            double sin = Math.sin(theta);
            s0 = Math.sin((1 - t) * theta) / sin;
            s1 = Math.sin(t * theta) / sin;
        }
        store.set((float) (s0 * fx + s1 * tx), (float) (s0 * fy + s1 * ty), (float) (s0 * fz + s1 * tz),
                (float) (s0 * fw + s1 * tw));
        return store.normalizeLocal();
    }
}
