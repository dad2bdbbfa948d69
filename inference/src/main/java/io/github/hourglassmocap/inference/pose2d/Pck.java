package io.github.hourglassmocap.inference.pose2d;

import io.github.hourglassmocap.inference.joints.H36mJoints;

/**
 * Percentage of Correct Keypoints with the torso as the yardstick (PCK@alpha torso): a predicted joint is
 * correct when it lies within alpha x torso size of the true one, the torso size being the distance from
 * the left shoulder to the right hip of the truth (as in the LSP benchmark). Measured on the 12 limb joints
 * (hips, knees, ankles, shoulders, elbows, wrists); a frame without a person scores 0 for every joint. Pure.
 */
final class Pck {
    /** The joints measured, H36M indices, in the order truth arrays use. */
    public static final int[] LIMB_JOINTS = {
        H36mJoints.R_HIP, H36mJoints.R_KNEE, H36mJoints.R_ANKLE, H36mJoints.L_HIP, H36mJoints.L_KNEE, H36mJoints.L_ANKLE,
        H36mJoints.L_SHOULDER, H36mJoints.L_ELBOW, H36mJoints.L_WRIST, H36mJoints.R_SHOULDER, H36mJoints.R_ELBOW, H36mJoints.R_WRIST,
    };
    private static final int L_SHOULDER_SLOT = 6;
    private static final int R_HIP_SLOT = 0;

    private Pck() {
    }

    /**
     * Returns the torso size of a truth pose.
     *
     * @param truth 12 x (x, y) in {@link #LIMB_JOINTS} order (pixels, not null)
     * @return the left-shoulder to right-hip distance (pixels)
     */
    public static double torsoSize(float[] truth) {
        checkTruth(truth);
        return Math.hypot(truth[2 * L_SHOULDER_SLOT] - truth[2 * R_HIP_SLOT], truth[2 * L_SHOULDER_SLOT + 1] - truth[2 * R_HIP_SLOT + 1]);
    }

    /**
     * Counts the correct joints of one frame.
     *
     * @param k the prediction (not null)
     * @param truth 12 x (x, y) in {@link #LIMB_JOINTS} order (pixels, not null)
     * @param alpha the tolerance as a fraction of the torso size (&gt;0, e.g. 0.2)
     * @return 0..12 (0 when the prediction has no person)
     */
    public static int correct(Keypoints2D k, float[] truth, double alpha) {
        checkTruth(truth);
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha " + alpha + " must be > 0");
        }
        if (!k.hasPerson()) {
            return 0;
        }
        double limit = alpha * torsoSize(truth);
        int n = 0;
        for (int i = 0; i < LIMB_JOINTS.length; i++) {
            int j = LIMB_JOINTS[i];
            if (Math.hypot(k.jointX(j) - truth[2 * i], k.jointY(j) - truth[2 * i + 1]) <= limit) {
                n++;
            }
        }
        return n;
    }

    private static void checkTruth(float[] truth) {
        if (truth == null || truth.length != 2 * LIMB_JOINTS.length) {
            throw new IllegalArgumentException("truth must hold 12 x (x, y) values");
        }
    }
}
