package io.github.hourglassmocap.inference.pose2d;

import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.LEFT_ANKLE;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.LEFT_EAR;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.LEFT_ELBOW;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.LEFT_HIP;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.LEFT_KNEE;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.LEFT_SHOULDER;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.LEFT_WRIST;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.NOSE;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.RIGHT_ANKLE;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.RIGHT_EAR;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.RIGHT_ELBOW;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.RIGHT_HIP;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.RIGHT_KNEE;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.RIGHT_SHOULDER;
import static io.github.hourglassmocap.inference.pose2d.PoseLandmarks.RIGHT_WRIST;

import io.github.hourglassmocap.inference.joints.H36mJoints;

/**
 * Converts the 33 BlazePose landmarks to the lifter's 17 Human3.6M joints ({@link H36mJoints} order), each
 * with a confidence.
 *
 * <p>The rule (also in docs/pose2d.md):
 * <ul>
 * <li>hips, knees, ankles, shoulders, elbows, wrists: the BlazePose landmark of the same name and side
 * (the person's own left and right in both skeletons);</li>
 * <li>pelvis: midpoint of the two hips; thorax: midpoint of the two shoulders;</li>
 * <li>spine: midpoint of pelvis and thorax;</li>
 * <li>neck/nose: the nose landmark;</li>
 * <li>head: {@value #HEAD_ABOVE_EARS} x (ear centre - thorax) beyond the ear centre, i.e. above the face
 * landmarks along the neck's direction (Human3.6M's head joint sits near the top of the head);</li>
 * <li>confidence: the visibility of the source landmark; for a derived joint, the lowest visibility of
 * the landmarks it is built from.</li>
 * </ul>
 */
final class H36mFromBlazePose {
    /** How far beyond the ear centre the head joint lies, as a fraction of the thorax-to-ear-centre vector. */
    public static final float HEAD_ABOVE_EARS = 0.4f;
    /** Values per joint in {@link #convert}'s output: x, y, confidence. */
    public static final int STRIDE = 3;

    private static final int[][] DIRECT = {
        {H36mJoints.R_HIP, RIGHT_HIP}, {H36mJoints.R_KNEE, RIGHT_KNEE}, {H36mJoints.R_ANKLE, RIGHT_ANKLE},
        {H36mJoints.L_HIP, LEFT_HIP}, {H36mJoints.L_KNEE, LEFT_KNEE}, {H36mJoints.L_ANKLE, LEFT_ANKLE},
        {H36mJoints.NECK_NOSE, NOSE},
        {H36mJoints.L_SHOULDER, LEFT_SHOULDER}, {H36mJoints.L_ELBOW, LEFT_ELBOW}, {H36mJoints.L_WRIST, LEFT_WRIST},
        {H36mJoints.R_SHOULDER, RIGHT_SHOULDER}, {H36mJoints.R_ELBOW, RIGHT_ELBOW}, {H36mJoints.R_WRIST, RIGHT_WRIST},
    };

    private H36mFromBlazePose() {
    }

    /**
     * Converts one person's landmarks.
     *
     * @param lm the landmarks (not null)
     * @return a new array of 17 x (x, y, confidence): pixels and 0..1
     */
    public static float[] convert(PoseLandmarks lm) {
        float[] out = new float[H36mJoints.COUNT * STRIDE];
        for (int[] d : DIRECT) {
            set(out, d[0], lm.x(d[1]), lm.y(d[1]), lm.visibility(d[1]));
        }
        float px = mid(lm.x(LEFT_HIP), lm.x(RIGHT_HIP));
        float py = mid(lm.y(LEFT_HIP), lm.y(RIGHT_HIP));
        float pc = Math.min(lm.visibility(LEFT_HIP), lm.visibility(RIGHT_HIP));
        set(out, H36mJoints.PELVIS, px, py, pc);
        float tx = mid(lm.x(LEFT_SHOULDER), lm.x(RIGHT_SHOULDER));
        float ty = mid(lm.y(LEFT_SHOULDER), lm.y(RIGHT_SHOULDER));
        float tc = Math.min(lm.visibility(LEFT_SHOULDER), lm.visibility(RIGHT_SHOULDER));
        set(out, H36mJoints.THORAX, tx, ty, tc);
        set(out, H36mJoints.SPINE, mid(px, tx), mid(py, ty), Math.min(pc, tc));
        float ex = mid(lm.x(LEFT_EAR), lm.x(RIGHT_EAR));
        float ey = mid(lm.y(LEFT_EAR), lm.y(RIGHT_EAR));
        float hc = Math.min(tc, Math.min(lm.visibility(LEFT_EAR), lm.visibility(RIGHT_EAR)));
        set(out, H36mJoints.HEAD, ex + HEAD_ABOVE_EARS * (ex - tx), ey + HEAD_ABOVE_EARS * (ey - ty), hc);
        return out;
    }

    private static float mid(float a, float b) {
        return (a + b) / 2;
    }

    private static void set(float[] out, int joint, float x, float y, float c) {
        out[joint * STRIDE] = x;
        out[joint * STRIDE + 1] = y;
        out[joint * STRIDE + 2] = c;
    }
}
