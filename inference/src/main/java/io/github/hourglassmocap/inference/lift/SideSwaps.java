package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.joints.H36mJoints;

/**
 * Undoes BlazePose's brief left/right swaps before lifting. On a person facing the camera whose face it cannot read
 * (a mask, a helmet, a back-lit head), the landmark model sometimes labels the whole body, or only the arms, the
 * legs, the hands or the feet, as if the person faced away, for a few frames: the left wrist comes out where the
 * right wrist is. The lifter then lifts a mirrored body for those frames. A swap is an instant mirror, which real
 * motion never is, so each limb group (arm with shoulder, leg with hip, then wrists and ankles alone) gets a
 * two-state chain, as labelled or swapped, and the cheapest path is kept: every frame swapped costs
 * {@link #DEFAULT_SWAP_COST}, and consecutive frames cost how far the group's joints move between them (mean
 * pixels over the torso length, swap-invariant). A swap run is undone when its length times the swap cost is less
 * than the two jumps it makes: a mirror moves a limb's joints by about half a torso length on a person facing the
 * camera, so runs of up to about 20 frames are undone, and a labelling that stays the same for longer is kept,
 * right or wrong (nothing in the 2D says which side faces the camera). Seen from the side, where left and right
 * overlap in the image, a swap moves nothing and the swap cost keeps the labels as they are. Offline ({@link #fix})
 * the path is decided over the whole clip; live ({@link Live}) the same costs are run forward and each frame takes
 * the state that is cheapest so far.
 */
public final class SideSwaps {
    /** Cost of one frame labelled swapped, in torso lengths of joint motion (see the class comment). */
    public static final double DEFAULT_SWAP_COST = 0.05;
    /** Joints below this confidence do not count in the motion cost. */
    static final float MIN_CONFIDENCE = 0.3f;

    /**
     * The chains, in order, each named by its left joints: the arm with its shoulder, the leg with its hip, then the
     * wrists and the ankles alone (BlazePose also swaps only the hands or feet), each decided on the output of the
     * chains before it.
     */
    private static final int[][] GROUPS = {
        {H36mJoints.L_SHOULDER, H36mJoints.L_ELBOW, H36mJoints.L_WRIST},
        {H36mJoints.L_HIP, H36mJoints.L_KNEE, H36mJoints.L_ANKLE},
        {H36mJoints.L_WRIST},
        {H36mJoints.L_ANKLE},
    };

    private SideSwaps() {
    }

    /**
     * Undoes short left/right swaps of a whole clip.
     *
     * @param person per frame: whether it has joints (not null)
     * @param joints per frame [17][3]: x, y in pixels, confidence (not null, same length; frames without a person
     *     are ignored and left as they are)
     * @param swapCost cost of one swapped frame (&gt; 0; {@link #DEFAULT_SWAP_COST})
     * @return new arrays [T][17][3], with the swapped groups' left and right joints exchanged where the cheapest
     *     path says so
     */
    public static float[][][] fix(boolean[] person, float[][][] joints, double swapCost) {
        if (person.length != joints.length) {
            throw new IllegalArgumentException("person and joints must have the same length; got " + person.length
                    + " and " + joints.length);
        }
        if (!(swapCost > 0)) {
            throw new IllegalArgumentException("swapCost must be > 0; got " + swapCost);
        }
        int t = joints.length;
        float[][][] out = new float[t][][];
        for (int i = 0; i < t; i++) {
            out[i] = new float[joints[i].length][];
            for (int j = 0; j < joints[i].length; j++) {
                out[i][j] = joints[i][j].clone();
            }
        }
        for (int[] group : GROUPS) {
            boolean[] swap = decide(person, out, group, swapCost);
            for (int i = 0; i < t; i++) {
                if (swap[i]) {
                    exchange(out[i], group);
                }
            }
        }
        return out;
    }

    /** Cheapest two-state path over the frames with a person (Viterbi); true where the group is swapped. */
    private static boolean[] decide(boolean[] person, float[][][] joints, int[] group, double swapCost) {
        int t = joints.length;
        boolean[] swap = new boolean[t];
        double[] cost = {0, swapCost};
        byte[][] from = new byte[t][2];
        int prev = -1;
        for (int i = 0; i < t; i++) {
            if (!person[i]) {
                continue;
            }
            cost = prev < 0 ? new double[] {0, swapCost}
                    : step(cost, joints[prev], joints[i], group, swapCost, from[i]);
            prev = i;
        }
        int s = cost[1] < cost[0] ? 1 : 0;
        for (int i = prev; i >= 0; i--) {
            if (!person[i]) {
                continue;
            }
            swap[i] = s == 1;
            s = from[i][s];
        }
        return swap;
    }

    /**
     * One step of the chain: the cheapest cost of each state of frame b (as labelled, swapped) given the costs of
     * frame a's states, normalised so the smaller is 0.
     *
     * @param from where each of b's states came from, written when not null
     */
    private static double[] step(double[] cost, float[][] a, float[][] b, int[] group, double swapCost, byte[] from) {
        double[] next = new double[2];
        for (int s = 0; s < 2; s++) {
            double best = Double.MAX_VALUE;
            for (int p = 0; p < 2; p++) {
                double c = cost[p] + motion(a, p == 1, b, s == 1, group);
                if (c < best) {
                    best = c;
                    if (from != null) {
                        from[s] = (byte) p;
                    }
                }
            }
            next[s] = best + (s == 1 ? swapCost : 0);
        }
        double min = Math.min(next[0], next[1]);
        return new double[] {next[0] - min, next[1] - min};
    }

    /**
     * How far a group's joints move from frame a to frame b (each as labelled or swapped): the mean distance over
     * the left/right pairs whose both joints are confident in both frames (the same pairs whichever way either frame
     * is labelled, so an unreadable joint favours neither state), over b's torso length; 0 when no pair is.
     */
    static double motion(float[][] a, boolean swapA, float[][] b, boolean swapB, int[] group) {
        double torso = torso(b);
        if (!(torso > 0)) {
            torso = torso(a);
        }
        if (!(torso > 0)) {
            return 0;
        }
        double sum = 0;
        int n = 0;
        for (int left : group) {
            int right = H36mJoints.mirror(left);
            if (!(confident(a[left]) && confident(a[right]) && confident(b[left]) && confident(b[right]))) {
                continue;
            }
            for (int j : new int[] {left, right}) {
                int ja = swapA ? H36mJoints.mirror(j) : j;
                int jb = swapB ? H36mJoints.mirror(j) : j;
                sum += Math.hypot(a[ja][0] - b[jb][0], a[ja][1] - b[jb][1]);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n / torso;
    }

    /** Distance between the hip and shoulder midpoints (the same whichever way the sides are labelled), or NaN. */
    private static double torso(float[][] f) {
        int[] js = {H36mJoints.L_HIP, H36mJoints.R_HIP, H36mJoints.L_SHOULDER, H36mJoints.R_SHOULDER};
        for (int j : js) {
            if (!confident(f[j])) {
                return Double.NaN;
            }
        }
        double hx = (f[H36mJoints.L_HIP][0] + f[H36mJoints.R_HIP][0]) / 2.0;
        double hy = (f[H36mJoints.L_HIP][1] + f[H36mJoints.R_HIP][1]) / 2.0;
        double sx = (f[H36mJoints.L_SHOULDER][0] + f[H36mJoints.R_SHOULDER][0]) / 2.0;
        double sy = (f[H36mJoints.L_SHOULDER][1] + f[H36mJoints.R_SHOULDER][1]) / 2.0;
        return Math.hypot(hx - sx, hy - sy);
    }

    private static boolean confident(float[] j) {
        return j.length >= 3 && Float.isFinite(j[0]) && Float.isFinite(j[1]) && j[2] >= MIN_CONFIDENCE;
    }

    private static void exchange(float[][] frame, int[] group) {
        for (int left : group) {
            int right = H36mJoints.mirror(left);
            float[] tmp = frame[left];
            frame[left] = frame[right];
            frame[right] = tmp;
        }
    }

    /**
     * The same costs run forward, for the live path: each frame takes the state that is cheapest so far, so a swap
     * is undone from its first frame, and a labelling that persists for longer than the costs allow is accepted.
     */
    public static final class Live {
        private final double swapCost;
        /** Per chain, the previous frame with a person as it entered that chain (the costs are relative to it). */
        private float[][][] lastIn;
        private final double[][] cost = new double[GROUPS.length][];

        /**
         * Creates the forward filter.
         *
         * @param swapCost cost of one swapped frame (&gt; 0; {@link #DEFAULT_SWAP_COST})
         */
        public Live(double swapCost) {
            if (!(swapCost > 0)) {
                throw new IllegalArgumentException("swapCost must be > 0; got " + swapCost);
            }
            this.swapCost = swapCost;
        }

        /**
         * Takes the next frame with a person and exchanges, in place, the left and right joints of each group the
         * filter finds swapped.
         *
         * @param frame [17][3]: x, y in pixels, confidence (not null; modified)
         * @return whether any group was exchanged
         */
        public boolean apply(float[][] frame) {
            boolean first = lastIn == null;
            if (first) {
                lastIn = new float[GROUPS.length][][];
            }
            boolean any = false;
            for (int g = 0; g < GROUPS.length; g++) {
                int[] group = GROUPS[g];
                float[][] raw = new float[frame.length][];
                for (int j = 0; j < frame.length; j++) {
                    raw[j] = frame[j].clone();
                }
                float[][] before = lastIn[g];
                lastIn[g] = raw;
                if (first) {
                    cost[g] = new double[] {0, swapCost};
                    continue;
                }
                cost[g] = step(cost[g], before, raw, group, swapCost, null);
                if (cost[g][1] < cost[g][0]) {
                    exchange(frame, group);
                    any = true;
                }
            }
            return any;
        }
    }
}
