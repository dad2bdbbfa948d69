package io.github.hourglassmocap.retarget.solve;

import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;

/**
 * Analytic two-bone inverse kinematics (a leg: hip, knee, ankle; or an arm): places the middle joint so the
 * end reaches a target, keeping the normal of the chain's current bend plane (so the knee keeps pointing
 * where it pointed). Targets out of reach are clamped to the reachable shell.
 */
final class TwoBoneIk {
    private TwoBoneIk() {
    }

    /**
     * Solves the chain.
     *
     * @param root the fixed first joint, for example the hip (not null, unaffected)
     * @param middle the current middle joint, for example the knee (not null, unaffected; gives the bend plane)
     * @param end the current end joint, for example the ankle (not null, unaffected)
     * @param target where the end should go (not null, unaffected)
     * @param poleHint the direction to bend towards when the chain is straight (not null, unaffected)
     * @return two new points: the new middle joint and the new end joint (equal to {@code target} when reachable)
     */
    public static Vector3f[] solve(Vector3f root, Vector3f middle, Vector3f end, Vector3f target, Vector3f poleHint) {
        float upper = middle.distance(root);
        float lower = end.distance(middle);
        if (upper < 1e-9f || lower < 1e-9f) {
            throw new IllegalArgumentException("two-bone chain has a zero-length bone: upper " + upper + ", lower " + lower);
        }
        Vector3f toTarget = target.subtract(root);
        float distance = toTarget.length();
        float min = Math.abs(upper - lower) * 1.0001f + 1e-6f;
        float max = (upper + lower) * 0.9999f;
        Vector3f u = distance < 1e-9f ? end.subtract(root).normalizeLocal() : toTarget.divide(distance);
        float d = FastMath.clamp(distance, min, max);
        // Keep the current bend plane: its normal n = (end - root) x (middle - root); the knee goes to n x u.
        Vector3f normal = end.subtract(root).crossLocal(middle.subtract(root));
        Vector3f bend = normal.cross(u);
        if (normal.length() < 1e-4f * upper * lower || bend.length() < 1e-6f * normal.length()) {
            bend = poleHint.subtract(u.mult(poleHint.dot(u)));
            if (bend.length() < 1e-9f) {
                bend = Rotations.perpendicular(u);
            }
        }
        bend.normalizeLocal();
        float cosA = FastMath.clamp((upper * upper + d * d - lower * lower) / (2 * upper * d), -1f, 1f);
        float a = (float) Math.acos(cosA);
        Vector3f newMiddle = root.add(u.mult(upper * FastMath.cos(a))).addLocal(bend.mult(upper * FastMath.sin(a)));
        Vector3f newEnd = root.add(u.mult(d));
        return new Vector3f[] {newMiddle, newEnd};
    }
}
