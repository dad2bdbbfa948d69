package io.github.hourglassmocap.retarget.internal.skeleton;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.retarget.bvh.BvhSkeleton;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lifter's 17 Human3.6M joints ({@link H36mJoints}) read off a posed, humanoid-mapped BVH skeleton, in
 * metres. How each joint is placed (also in {@code docs/skeleton.md}):
 * <ul>
 * <li>0 pelvis: midpoint of the two upper-leg joints (hip joint centres);</li>
 * <li>1/4 hips, 2/5 knees, 3/6 ankles: the upper-leg, lower-leg and foot joints;</li>
 * <li>8 thorax: the neck joint (base of the neck); without a neck bone, the midpoint of the upper-arm joints;</li>
 * <li>7 spine: the point halfway (by length) along the polyline pelvis, spine, chest, upper chest (those the
 * rig has), thorax;</li>
 * <li>9 neck/nose: the nose: {@code 0.025 H} below the eyes' midpoint along the head's up axis and {@code 0.012 H}
 * in front of it (H the stature); without eyes the eyes are placed {@code 0.035 H} above and {@code 0.05 H}
 * in front of the head joint;</li>
 * <li>10 head: the top of the head: above the head joint along the head's up axis, {@code 0.064 H} higher
 * than the eyes (eye height is 0.936 of stature);</li>
 * <li>11/14 shoulders, 12/15 elbows, 13/16 wrists: the upper-arm, lower-arm and hand joints.</li>
 * </ul>
 * The head's up axis is the rest-pose direction from the neck (or the head's parent) to the head, carried
 * in the head's own frame, so nodding moves the nose and the top of the head with it.
 *
 * <p>Scale: BVH files do not state their unit, so the rig is normalised by its own proportions: its
 * stature is estimated as (mean leg length + trunk length) / 0.87, where the leg is the bone-length path
 * from upper leg to foot and the trunk the path from hips to head (hip-joint-to-ankle 0.49 and
 * hip-to-skull-base 0.38 of stature in Drillis and Contini's proportions), and scaled to
 * {@link #DEFAULT_STATURE_METRES} unless another stature is given. Bone-length paths do not depend on the
 * rest pose, so rigs whose zero pose is not a T-pose are measured correctly.
 *
 * <p>Immutable and thread-safe; {@link #extract} only reads the solver it is given.
 */
public final class Joints17View {
    /** The stature every rig is scaled to by default, in metres. */
    public static final double DEFAULT_STATURE_METRES = 1.70;
    /** (leg + trunk) as a fraction of stature. */
    static final double LEG_TRUNK_FRACTION = 0.87;
    /** The smallest stature accepted, in file units: below it the scale to metres loses all precision. */
    public static final double MIN_STATURE_UNITS = 1e-3;

    private final BvhSkeleton skeleton;
    private final int lUpLeg, lLoLeg, lFoot, rUpLeg, rLoLeg, rFoot;
    private final int lUpArm, lLoArm, lHand, rUpArm, rLoArm, rHand;
    private final int neck, head, lEye, rEye;
    private final int[] spineChain;
    private final double statureUnits;
    private final double metresPerUnit;
    private final double[] headUpLocal;
    private final double[] headFwdLocal;

    private Joints17View(BvhSkeleton skeleton, HumanoidMap map, double statureMetres) {
        this.skeleton = skeleton;
        lUpLeg = idx(map, HumanoidBone.LEFT_UPPER_LEG);
        lLoLeg = idx(map, HumanoidBone.LEFT_LOWER_LEG);
        lFoot = idx(map, HumanoidBone.LEFT_FOOT);
        rUpLeg = idx(map, HumanoidBone.RIGHT_UPPER_LEG);
        rLoLeg = idx(map, HumanoidBone.RIGHT_LOWER_LEG);
        rFoot = idx(map, HumanoidBone.RIGHT_FOOT);
        lUpArm = idx(map, HumanoidBone.LEFT_UPPER_ARM);
        lLoArm = idx(map, HumanoidBone.LEFT_LOWER_ARM);
        lHand = idx(map, HumanoidBone.LEFT_HAND);
        rUpArm = idx(map, HumanoidBone.RIGHT_UPPER_ARM);
        rLoArm = idx(map, HumanoidBone.RIGHT_LOWER_ARM);
        rHand = idx(map, HumanoidBone.RIGHT_HAND);
        head = idx(map, HumanoidBone.HEAD);
        int hips = idx(map, HumanoidBone.HIPS);
        neck = optIdx(map, HumanoidBone.NECK);
        lEye = optIdx(map, HumanoidBone.LEFT_EYE);
        rEye = optIdx(map, HumanoidBone.RIGHT_EYE);
        List<Integer> chain = new ArrayList<>();
        for (HumanoidBone b : new HumanoidBone[] {HumanoidBone.SPINE, HumanoidBone.CHEST, HumanoidBone.UPPER_CHEST}) {
            int j = optIdx(map, b);
            if (j >= 0) {
                chain.add(j);
            }
        }
        spineChain = chain.stream().mapToInt(Integer::intValue).toArray();

        double leg = 0.5 * (pathLength(lUpLeg, lFoot) + pathLength(rUpLeg, rFoot));
        double trunk = pathLength(hips, head);
        if (!(leg > 0) || !(trunk > 0)) {
            throw new IllegalArgumentException("the mapped rig has zero leg (" + leg + ") or trunk (" + trunk
                    + ") length; expected bones of non-zero length (are the OFFSETs zero?); check the humanoid map: " + map);
        }
        statureUnits = (leg + trunk) / LEG_TRUNK_FRACTION;
        if (!(statureUnits >= MIN_STATURE_UNITS)) {
            throw new IllegalArgumentException("the mapped rig is " + statureUnits + " file units tall; expected at least "
                    + MIN_STATURE_UNITS + " (are the OFFSETs scaled wrong?)");
        }
        metresPerUnit = statureMetres / statureUnits;

        // The head's up and forward axes in its own frame, from the rest pose.
        ForwardKinematics fk = new ForwardKinematics(skeleton);
        fk.setRest();
        double[] p = fk.worldPositions();
        int below = neck >= 0 ? neck : skeleton.joint(head).parent();
        double[] up = sub(p, head, below);
        if (norm(up) < 1e-9) {
            up = new double[] {0, 1, 0};
        }
        double[] left = sub(p, lUpArm, rUpArm);
        double[] fwd = cross(left, up);
        if (norm(fwd) < 1e-9) {
            fwd = new double[] {0, 0, 1};
        }
        double[] inv = inverse(fk.worldRotations(), head);
        headUpLocal = new double[3];
        headFwdLocal = new double[3];
        Quat.rotate(inv, 0, normalise(up), 0, headUpLocal, 0);
        Quat.rotate(inv, 0, normalise(fwd), 0, headFwdLocal, 0);
    }

    /**
     * Creates a view scaled to {@link #DEFAULT_STATURE_METRES}.
     *
     * @param skeleton the hierarchy (not null)
     * @param map the humanoid map of that skeleton with every required bone (not null)
     * @return a new view
     * @throws IllegalArgumentException if the map names joints the skeleton lacks or lacks required bones
     */
    public static Joints17View of(BvhSkeleton skeleton, HumanoidMap map) {
        return of(skeleton, map, DEFAULT_STATURE_METRES);
    }

    /**
     * Creates a view scaled to a given stature.
     *
     * @param skeleton the hierarchy (not null)
     * @param map the humanoid map of that skeleton with every required bone (not null)
     * @param statureMetres the stature the rig is scaled to (in metres, &gt;0, finite)
     * @return a new view
     * @throws IllegalArgumentException if the map names joints the skeleton lacks or lacks required bones
     */
    public static Joints17View of(BvhSkeleton skeleton, HumanoidMap map, double statureMetres) {
        Objects.requireNonNull(skeleton, "skeleton");
        Objects.requireNonNull(map, "map");
        if (!(statureMetres > 0) || !Double.isFinite(statureMetres)) {
            throw new IllegalArgumentException("statureMetres must be > 0 and finite, got " + statureMetres);
        }
        return new Joints17View(skeleton, map, statureMetres);
    }

    private int idx(HumanoidMap map, HumanoidBone b) {
        return skeleton.getIndex(map.getJoint(b));
    }

    private int optIdx(HumanoidMap map, HumanoidBone b) {
        String n = map.findJoint(b);
        return n == null ? -1 : skeleton.getIndex(n);
    }

    /** Sum of the bone (offset) lengths on the path from ancestor a down to b; 0 if a is not above b. */
    private double pathLength(int a, int b) {
        double len = 0;
        int j = b;
        while (j >= 0 && j != a) {
            double[] o = skeleton.joint(j).offset();
            len += Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]);
            j = skeleton.joint(j).parent();
        }
        return j == a ? len : 0;
    }

    /**
     * Returns the estimated stature in file units.
     *
     * @return the stature (&gt;0, file units)
     */
    public double statureUnits() {
        return statureUnits;
    }

    /**
     * Returns the scale applied to file units.
     *
     * @return metres per file unit (&gt;0)
     */
    public double metresPerUnit() {
        return metresPerUnit;
    }

    /**
     * Returns the skeleton.
     *
     * @return the hierarchy (shared)
     */
    public BvhSkeleton skeleton() {
        return skeleton;
    }

    /**
     * Reads the 17 joints off a posed skeleton.
     *
     * @param fk a solver for this view's skeleton, already posed (not null, unaffected)
     * @param out receives 17 x 3 values in H36M order, metres, the file's axes (modified)
     * @param offset where the first value goes in out
     */
    public void extract(ForwardKinematics fk, float[] out, int offset) {
        if (fk.skeleton() != skeleton) {
            throw new IllegalArgumentException("the solver belongs to another skeleton");
        }
        double[] p = fk.worldPositions();
        double[] q = fk.worldRotations();
        double h = statureUnits;
        double[] j = new double[17 * 3];
        mid(p, lUpLeg, rUpLeg, j, H36mJoints.PELVIS);
        copy(p, rUpLeg, j, H36mJoints.R_HIP);
        copy(p, rLoLeg, j, H36mJoints.R_KNEE);
        copy(p, rFoot, j, H36mJoints.R_ANKLE);
        copy(p, lUpLeg, j, H36mJoints.L_HIP);
        copy(p, lLoLeg, j, H36mJoints.L_KNEE);
        copy(p, lFoot, j, H36mJoints.L_ANKLE);
        if (neck >= 0) {
            copy(p, neck, j, H36mJoints.THORAX);
        } else {
            mid(p, lUpArm, rUpArm, j, H36mJoints.THORAX);
        }
        copy(p, lUpArm, j, H36mJoints.L_SHOULDER);
        copy(p, lLoArm, j, H36mJoints.L_ELBOW);
        copy(p, lHand, j, H36mJoints.L_WRIST);
        copy(p, rUpArm, j, H36mJoints.R_SHOULDER);
        copy(p, rLoArm, j, H36mJoints.R_ELBOW);
        copy(p, rHand, j, H36mJoints.R_WRIST);
        spinePoint(p, j);

        double[] up = new double[3];
        Quat.rotate(q, head * 4, headUpLocal, 0, up, 0);
        double[] hp = {p[head * 3], p[head * 3 + 1], p[head * 3 + 2]};
        double[] eyes;
        double[] fwd = new double[3];
        if (lEye >= 0 && rEye >= 0) {
            eyes = new double[] {0.5 * (p[lEye * 3] + p[rEye * 3]), 0.5 * (p[lEye * 3 + 1] + p[rEye * 3 + 1]),
                0.5 * (p[lEye * 3 + 2] + p[rEye * 3 + 2])};
            double[] d = {eyes[0] - hp[0], eyes[1] - hp[1], eyes[2] - hp[2]};
            double along = dot(d, up);
            for (int a = 0; a < 3; a++) {
                fwd[a] = d[a] - along * up[a];
            }
            if (norm(fwd) < 1e-6 * h) {
                Quat.rotate(q, head * 4, headFwdLocal, 0, fwd, 0);
            }
            fwd = normalise(fwd);
        } else {
            Quat.rotate(q, head * 4, headFwdLocal, 0, fwd, 0);
            eyes = new double[3];
            for (int a = 0; a < 3; a++) {
                eyes[a] = hp[a] + up[a] * 0.035 * h + fwd[a] * 0.05 * h;
            }
        }
        double eyeAbove = dot(new double[] {eyes[0] - hp[0], eyes[1] - hp[1], eyes[2] - hp[2]}, up);
        for (int a = 0; a < 3; a++) {
            j[H36mJoints.NECK_NOSE * 3 + a] = eyes[a] - up[a] * 0.025 * h + fwd[a] * 0.012 * h;
            j[H36mJoints.HEAD * 3 + a] = hp[a] + up[a] * (eyeAbove + 0.064 * h);
        }
        for (int k = 0; k < 51; k++) {
            out[offset + k] = (float) (j[k] * metresPerUnit);
        }
    }

    private void spinePoint(double[] p, double[] j) {
        int m = spineChain.length + 2;
        double[][] pts = new double[m][];
        pts[0] = new double[] {j[0], j[1], j[2]};
        for (int k = 0; k < spineChain.length; k++) {
            int s = spineChain[k];
            pts[k + 1] = new double[] {p[s * 3], p[s * 3 + 1], p[s * 3 + 2]};
        }
        int t = H36mJoints.THORAX * 3;
        pts[m - 1] = new double[] {j[t], j[t + 1], j[t + 2]};
        double total = 0;
        for (int k = 1; k < m; k++) {
            total += dist(pts[k - 1], pts[k]);
        }
        double half = 0.5 * total;
        double acc = 0;
        for (int k = 1; k < m; k++) {
            double seg = dist(pts[k - 1], pts[k]);
            if (acc + seg >= half && seg > 0) {
                double f = (half - acc) / seg;
                for (int a = 0; a < 3; a++) {
                    j[H36mJoints.SPINE * 3 + a] = pts[k - 1][a] + f * (pts[k][a] - pts[k - 1][a]);
                }
                return;
            }
            acc += seg;
        }
        for (int a = 0; a < 3; a++) {
            j[H36mJoints.SPINE * 3 + a] = 0.5 * (pts[0][a] + pts[m - 1][a]);
        }
    }

    private static void copy(double[] p, int joint, double[] j, int k) {
        j[k * 3] = p[joint * 3];
        j[k * 3 + 1] = p[joint * 3 + 1];
        j[k * 3 + 2] = p[joint * 3 + 2];
    }

    private static void mid(double[] p, int a, int b, double[] j, int k) {
        for (int x = 0; x < 3; x++) {
            j[k * 3 + x] = 0.5 * (p[a * 3 + x] + p[b * 3 + x]);
        }
    }

    private static double[] sub(double[] p, int a, int b) {
        return new double[] {p[a * 3] - p[b * 3], p[a * 3 + 1] - p[b * 3 + 1], p[a * 3 + 2] - p[b * 3 + 2]};
    }

    private static double[] inverse(double[] q, int joint) {
        return new double[] {-q[joint * 4], -q[joint * 4 + 1], -q[joint * 4 + 2], q[joint * 4 + 3]};
    }

    private static double dist(double[] a, double[] b) {
        double x = a[0] - b[0], y = a[1] - b[1], z = a[2] - b[2];
        return Math.sqrt(x * x + y * y + z * z);
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] normalise(double[] a) {
        double l = norm(a);
        return l == 0 ? a.clone() : new double[] {a[0] / l, a[1] / l, a[2] / l};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
