package io.github.hourglassmocap.retarget.internal.dataset;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.util.Arrays;
import java.util.Locale;

/**
 * The up axis of a take in the lifter's 17 joints, and the rotation that makes it +Y. BVH files do not say
 * which way is up: most are Y up, many exports (Blender, 3ds Max, some MotionBuilder set-ups) are Z up, and
 * some rigs are Z up at rest but turned Y up by their root's motion (the CC conversions rooted at
 * {@code RL_BoneRoot}). The axis is detected, in this order of evidence:
 * <ol>
 * <li>the motion: the mean over the frames of the unit direction from the ankles' midpoint to the top of the
 * head; when one signed axis carries at least {@value #DECISIVE} of it (the body is mostly upright along
 * it), that axis is up;</li>
 * <li>otherwise (a take spent lying, crawling or tumbling) the floor: along the true up axis the lowest joint
 * of each frame stays at floor height, so the signed axis whose per-frame lowest point varies least (its
 * 10th-90th percentile range under half that of any other axis, over at least 10 frames) is up;</li>
 * <li>otherwise the rest pose (all rotations zero), when one signed axis carries at least {@value #DECISIVE}
 * of its ankles-to-head direction;</li>
 * <li>otherwise +Y.</li>
 * </ol>
 * The rotation is the quarter or half turn taking that axis to +Y about X (for Z and -Y) or Z (for X), so
 * the result stays right-handed. Immutable.
 *
 * @param axis the up axis in the file: 0 X, 1 Y, 2 Z
 * @param sign +1 or -1
 * @param evidence what decided it: "motion", "floor", "rest pose" or "default"
 */
record UpAxis(int axis, int sign, String evidence) {
    /** The share of the mean body direction an axis must carry to decide. */
    static final double DECISIVE = 0.6;

    /** Y up, the project's convention. */
    public static final UpAxis Y_UP = new UpAxis(1, 1, "default");

    /**
     * Checks the fields.
     */
    public UpAxis {
        if (axis < 0 || axis > 2 || (sign != 1 && sign != -1) || evidence == null) {
            throw new IllegalArgumentException("axis must be 0..2 and sign +-1, got " + axis + ", " + sign);
        }
    }

    /**
     * Detects the up axis of a take.
     *
     * @param rest the rest pose's 17 joints (51 values, file axes; unaffected)
     * @param frames frame-major 17-joint poses (frames x 51 values, file axes; unaffected)
     * @param count the number of frames in {@code frames} (&ge;0)
     * @return the detected axis (not null)
     */
    public static UpAxis detect(float[] rest, float[] frames, int count) {
        double[] mean = new double[3];
        int used = 0;
        for (int f = 0; f < count; f++) {
            double[] d = bodyUp(frames, f * 51);
            double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            if (n > 1e-9) {
                for (int a = 0; a < 3; a++) {
                    mean[a] += d[a] / n;
                }
                used++;
            }
        }
        if (used > 0) {
            for (int a = 0; a < 3; a++) {
                mean[a] /= used;
            }
            UpAxis m = dominant(mean, 1.0, "motion");
            if (m != null) {
                return m;
            }
        }
        UpAxis floor = floor(frames, count);
        if (floor != null) {
            return floor;
        }
        double[] r = bodyUp(rest, 0);
        double n = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
        UpAxis fromRest = n > 1e-9 ? dominant(r, n, "rest pose") : null;
        return fromRest != null ? fromRest : Y_UP;
    }

    private static double[] bodyUp(float[] p, int o) {
        int h = o + H36mJoints.HEAD * 3;
        int l = o + H36mJoints.L_ANKLE * 3;
        int r = o + H36mJoints.R_ANKLE * 3;
        return new double[] {p[h] - 0.5 * (p[l] + p[r]), p[h + 1] - 0.5 * (p[l + 1] + p[r + 1]),
            p[h + 2] - 0.5 * (p[l + 2] + p[r + 2])};
    }

    private static UpAxis dominant(double[] v, double scale, String evidence) {
        int best = 0;
        for (int a = 1; a < 3; a++) {
            if (Math.abs(v[a]) > Math.abs(v[best])) {
                best = a;
            }
        }
        return Math.abs(v[best]) >= DECISIVE * scale ? new UpAxis(best, v[best] > 0 ? 1 : -1, evidence) : null;
    }

    private static UpAxis floor(float[] frames, int count) {
        if (count < 10) {
            return null;
        }
        double[] spread = new double[6];
        for (int s = 0; s < 6; s++) {
            int axis = s / 2;
            int sign = s % 2 == 0 ? 1 : -1;
            double[] lowest = new double[count];
            for (int f = 0; f < count; f++) {
                double low = Double.POSITIVE_INFINITY;
                for (int j = 0; j < H36mJoints.COUNT; j++) {
                    low = Math.min(low, sign * frames[f * 51 + j * 3 + axis]);
                }
                lowest[f] = low;
            }
            Arrays.sort(lowest);
            spread[s] = lowest[(int) (0.9 * (count - 1))] - lowest[(int) (0.1 * (count - 1))];
        }
        int best = 0;
        for (int s = 1; s < 6; s++) {
            if (spread[s] < spread[best]) {
                best = s;
            }
        }
        for (int s = 0; s < 6; s++) {
            if (s / 2 != best / 2 && !(spread[best] < 0.5 * spread[s])) {
                return null;
            }
        }
        // the body lies above its floor: the sign is the one whose lowest point is the floor
        return new UpAxis(best / 2, best % 2 == 0 ? 1 : -1, "floor");
    }

    /**
     * Rotates 17-joint poses so that this axis becomes +Y.
     *
     * @param data frame-major x, y, z triples (length a multiple of 3, modified)
     */
    public void toYUp(float[] data) {
        for (int i = 0; i + 2 < data.length; i += 3) {
            float x = data[i];
            float y = data[i + 1];
            float z = data[i + 2];
            float[] r = switch (axis * 2 + (sign > 0 ? 0 : 1)) {
                case 0 -> new float[] {-y, x, z};   // +X up: +90 degrees about Z
                case 1 -> new float[] {y, -x, z};   // -X up: -90 degrees about Z
                case 2 -> new float[] {x, y, z};
                case 3 -> new float[] {x, -y, -z};  // -Y up: half turn about X
                case 4 -> new float[] {x, z, -y};   // +Z up: -90 degrees about X
                default -> new float[] {x, -z, y};  // -Z up: +90 degrees about X
            };
            data[i] = r[0];
            data[i + 1] = r[1];
            data[i + 2] = r[2];
        }
    }

    /**
     * Returns whether the file is already Y up.
     *
     * @return true for +Y
     */
    public boolean isYUp() {
        return axis == 1 && sign == 1;
    }

    @Override
    public String toString() {
        return (sign > 0 ? "+" : "-") + "XYZ".charAt(axis) + " up (" + evidence + ")";
    }

    /**
     * Formats the axis for messages.
     *
     * @return for example "+Z"
     */
    public String label() {
        return String.format(Locale.ROOT, "%s%c", sign > 0 ? "+" : "-", "XYZ".charAt(axis));
    }
}
