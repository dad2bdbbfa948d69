package io.github.hourglassmocap.retarget.internal.skeleton;

/**
 * Double-precision unit-quaternion helpers on flat arrays ({@code x, y, z, w} at an offset), allocation
 * free so they can run per joint per frame. Rotations are active and right-handed; {@code a * b} applies
 * {@code b} first.
 */
public final class Quat {
    private Quat() {
    }

    /**
     * Writes the identity.
     *
     * @param q the destination (modified)
     * @param o the offset of x in q
     */
    public static void identity(double[] q, int o) {
        q[o] = 0;
        q[o + 1] = 0;
        q[o + 2] = 0;
        q[o + 3] = 1;
    }

    /**
     * Writes a rotation about a coordinate axis.
     *
     * @param axis 0 for X, 1 for Y, 2 for Z
     * @param angleRadians the angle (right-handed)
     * @param q the destination (modified)
     * @param o the offset of x in q
     */
    public static void axisAngle(int axis, double angleRadians, double[] q, int o) {
        double h = 0.5 * angleRadians;
        double s = Math.sin(h);
        q[o] = axis == 0 ? s : 0;
        q[o + 1] = axis == 1 ? s : 0;
        q[o + 2] = axis == 2 ? s : 0;
        q[o + 3] = Math.cos(h);
    }

    /**
     * Multiplies {@code r = a * b}; r may alias a or b.
     *
     * @param a the left factor (unaffected unless aliased)
     * @param ao offset in a
     * @param b the right factor, applied first (unaffected unless aliased)
     * @param bo offset in b
     * @param r the destination (modified)
     * @param ro offset in r
     */
    public static void multiply(double[] a, int ao, double[] b, int bo, double[] r, int ro) {
        double ax = a[ao], ay = a[ao + 1], az = a[ao + 2], aw = a[ao + 3];
        double bx = b[bo], by = b[bo + 1], bz = b[bo + 2], bw = b[bo + 3];
        r[ro] = aw * bx + ax * bw + ay * bz - az * by;
        r[ro + 1] = aw * by - ax * bz + ay * bw + az * bx;
        r[ro + 2] = aw * bz + ax * by - ay * bx + az * bw;
        r[ro + 3] = aw * bw - ax * bx - ay * by - az * bz;
    }

    /**
     * Rotates a vector: {@code r = q v q*}; r may alias v.
     *
     * @param q the unit quaternion (unaffected)
     * @param qo offset in q
     * @param v the vector (unaffected unless aliased)
     * @param vo offset in v
     * @param r the destination (modified)
     * @param ro offset in r
     */
    public static void rotate(double[] q, int qo, double[] v, int vo, double[] r, int ro) {
        double x = q[qo], y = q[qo + 1], z = q[qo + 2], w = q[qo + 3];
        double vx = v[vo], vy = v[vo + 1], vz = v[vo + 2];
        // t = 2 * cross(q.xyz, v); r = v + w t + cross(q.xyz, t)
        double tx = 2 * (y * vz - z * vy);
        double ty = 2 * (z * vx - x * vz);
        double tz = 2 * (x * vy - y * vx);
        r[ro] = vx + w * tx + (y * tz - z * ty);
        r[ro + 1] = vy + w * ty + (z * tx - x * tz);
        r[ro + 2] = vz + w * tz + (x * ty - y * tx);
    }

    /**
     * Spherical linear interpolation along the shorter arc; r may alias a or b.
     *
     * @param a the start (unaffected unless aliased)
     * @param ao offset in a
     * @param b the end (unaffected unless aliased)
     * @param bo offset in b
     * @param t the fraction (0 gives a, 1 gives b)
     * @param r the destination, normalised (modified)
     * @param ro offset in r
     */
    public static void slerp(double[] a, int ao, double[] b, int bo, double t, double[] r, int ro) {
        double ax = a[ao], ay = a[ao + 1], az = a[ao + 2], aw = a[ao + 3];
        double bx = b[bo], by = b[bo + 1], bz = b[bo + 2], bw = b[bo + 3];
        double dot = ax * bx + ay * by + az * bz + aw * bw;
        if (dot < 0) {
            dot = -dot;
            bx = -bx;
            by = -by;
            bz = -bz;
            bw = -bw;
        }
        double s0;
        double s1;
        if (dot > 0.9995) {
            s0 = 1 - t;
            s1 = t;
        } else {
            double theta = Math.acos(Math.min(1, dot));
            double sin = Math.sin(theta);
            s0 = Math.sin((1 - t) * theta) / sin;
            s1 = Math.sin(t * theta) / sin;
        }
        double x = s0 * ax + s1 * bx, y = s0 * ay + s1 * by, z = s0 * az + s1 * bz, w = s0 * aw + s1 * bw;
        double n = 1 / Math.sqrt(x * x + y * y + z * z + w * w);
        r[ro] = x * n;
        r[ro + 1] = y * n;
        r[ro + 2] = z * n;
        r[ro + 3] = w * n;
    }

    /**
     * Decomposes a unit quaternion into Euler angles for a given axis order, such that
     * {@code q = R(axes[0], a0) * R(axes[1], a1) * R(axes[2], a2)} (the BVH convention: the first listed
     * channel is the outermost rotation).
     *
     * @param q the unit quaternion (unaffected)
     * @param qo offset in q
     * @param axes three distinct axes (0 X, 1 Y, 2 Z), outermost first (unaffected)
     * @param anglesRadians receives three angles in the same order (length &ge;3, modified)
     */
    public static void toEuler(double[] q, int qo, int[] axes, double[] anglesRadians) {
        double[] m = new double[9];
        toMatrix(q, qo, m);
        int i = axes[0], j = axes[1], k = axes[2];
        // sign of the permutation (i, j, k): +1 for cyclic orders (XYZ, YZX, ZXY)
        double sign = ((j - i + 3) % 3 == 1) ? 1 : -1;
        // For R = Ri(a) Rj(b) Rk(c): m[i][k] = sign * sin(b)
        double sb = sign * m[i * 3 + k];
        sb = Math.max(-1, Math.min(1, sb));
        double b = Math.asin(sb);
        double a;
        double c;
        if (Math.abs(sb) < 0.9999999) {
            a = Math.atan2(-sign * m[j * 3 + k], m[k * 3 + k]);
            c = Math.atan2(-sign * m[i * 3 + j], m[i * 3 + i]);
        } else {
            // gimbal lock: put all of the remaining rotation into a
            a = Math.atan2(sign * m[k * 3 + j], m[j * 3 + j]);
            c = 0;
        }
        anglesRadians[0] = a;
        anglesRadians[1] = b;
        anglesRadians[2] = c;
    }

    /**
     * Writes the row-major 3x3 rotation matrix of a unit quaternion.
     *
     * @param q the quaternion (unaffected)
     * @param qo offset in q
     * @param m receives 9 values, row-major (modified)
     */
    public static void toMatrix(double[] q, int qo, double[] m) {
        double x = q[qo], y = q[qo + 1], z = q[qo + 2], w = q[qo + 3];
        m[0] = 1 - 2 * (y * y + z * z);
        m[1] = 2 * (x * y - z * w);
        m[2] = 2 * (x * z + y * w);
        m[3] = 2 * (x * y + z * w);
        m[4] = 1 - 2 * (x * x + z * z);
        m[5] = 2 * (y * z - x * w);
        m[6] = 2 * (x * z - y * w);
        m[7] = 2 * (y * z + x * w);
        m[8] = 1 - 2 * (x * x + y * y);
    }
}
