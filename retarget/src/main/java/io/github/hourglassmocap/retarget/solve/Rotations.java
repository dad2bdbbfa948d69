package io.github.hourglassmocap.retarget.solve;

import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;

/**
 * The rotation maths of the solver: shortest-arc swings, orthonormal frames from a primary and a secondary
 * axis, swing/twist decomposition, angles between directions. All pure; nothing is modified unless a
 * parameter says so.
 */
final class Rotations {
    private static final float EPSILON = 1e-6f;

    private Rotations() {
    }

    /**
     * Returns the shortest-arc rotation that turns one direction into another.
     *
     * @param from the start direction (not null, non-zero, unaffected)
     * @param to the end direction (not null, non-zero, unaffected)
     * @return a new unit quaternion; for opposite directions, a half turn about an axis perpendicular to both
     */
    public static Quaternion swing(Vector3f from, Vector3f to) {
        Vector3f a = from.normalize();
        Vector3f b = to.normalize();
        float dot = FastMath.clamp(a.dot(b), -1f, 1f);
        if (dot > 1 - 1e-7f) {
            return new Quaternion();
        }
        Vector3f axis = a.cross(b);
        if (axis.lengthSquared() < EPSILON * EPSILON) {
            axis = perpendicular(a);
        }
        axis.normalizeLocal();
        return new Quaternion().fromAngleNormalAxis((float) Math.acos(dot), axis);
    }

    /**
     * Returns some unit vector perpendicular to the given one.
     *
     * @param v the vector (not null, non-zero, unaffected)
     * @return a new unit vector
     */
    public static Vector3f perpendicular(Vector3f v) {
        Vector3f other = Math.abs(v.x) < 0.9f * v.length() ? Vector3f.UNIT_X : Vector3f.UNIT_Y;
        return v.cross(other).normalizeLocal();
    }

    /**
     * Builds the orthonormal frame whose first axis is {@code primary} and whose second axis lies in the
     * plane of {@code primary} and {@code secondary}, on the side of {@code secondary}.
     *
     * @param primary the first axis (not null, non-zero, unaffected)
     * @param secondary a second direction, not parallel to the first (not null, unaffected)
     * @return a new unit quaternion whose rotation matrix has the frame's axes as columns, or null if the two
     *     directions are (nearly) parallel
     */
    public static Quaternion frame(Vector3f primary, Vector3f secondary) {
        Vector3f x = primary.normalize();
        Vector3f z = x.cross(secondary);
        if (z.length() < 1e-4f * Math.max(1e-12f, secondary.length())) {
            return null;
        }
        z.normalizeLocal();
        Vector3f y = z.cross(x).normalizeLocal();
        return new Quaternion().fromAxes(x, y, z).normalizeLocal();
    }

    /**
     * Returns the rotation that takes one frame onto another: {@code target * rest^-1}.
     *
     * @param rest the rest frame (not null, unit, unaffected)
     * @param target the target frame (not null, unit, unaffected)
     * @return a new unit quaternion
     */
    public static Quaternion delta(Quaternion rest, Quaternion target) {
        return target.mult(rest.inverse()).normalizeLocal();
    }

    /**
     * Returns the twist part of a rotation about an axis (swing/twist decomposition: q = swing * twist).
     *
     * @param q the rotation (not null, unit, unaffected)
     * @param axis the twist axis (not null, unit, unaffected)
     * @return a new unit quaternion rotating about {@code axis} only
     */
    public static Quaternion twist(Quaternion q, Vector3f axis) {
        float d = q.getX() * axis.x + q.getY() * axis.y + q.getZ() * axis.z;
        Quaternion t = new Quaternion(axis.x * d, axis.y * d, axis.z * d, q.getW());
        if (t.norm() < 1e-12f) {
            return new Quaternion();
        }
        return t.normalizeLocal();
    }

    /**
     * Returns the angle between two directions.
     *
     * @param a the first direction (not null, non-zero, unaffected)
     * @param b the second direction (not null, non-zero, unaffected)
     * @return the angle (in radians, 0..pi)
     */
    public static float angle(Vector3f a, Vector3f b) {
        float la = a.length();
        float lb = b.length();
        if (la < 1e-12f || lb < 1e-12f) {
            return 0f;
        }
        double cx = (double) a.y * b.z - (double) a.z * b.y;
        double cy = (double) a.z * b.x - (double) a.x * b.z;
        double cz = (double) a.x * b.y - (double) a.y * b.x;
        double dot = (double) a.x * b.x + (double) a.y * b.y + (double) a.z * b.z;
        return (float) Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), dot);
    }

    /**
     * Cubic smooth step between two edges.
     *
     * @param edge0 where the result starts rising
     * @param edge1 where it reaches 1 (&gt; edge0)
     * @param x the input
     * @return 0..1
     */
    public static float smoothStep(float edge0, float edge1, float x) {
        float t = FastMath.clamp((x - edge0) / (edge1 - edge0), 0f, 1f);
        return t * t * (3 - 2 * t);
    }
}
