package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.joints.H36mJoints;

/**
 * Pose error metrics: MPJPE (mean per-joint position error of root-relative poses) and PA-MPJPE (the
 * same after a per-frame Procrustes alignment: the similarity transform, rotation, uniform scale and
 * translation, that best maps the prediction onto the truth). Accumulates per-joint sums; not thread-safe.
 */
public final class PoseMetrics {
    private final double[] sum = new double[H36mJoints.COUNT];
    private final double[] sumAligned = new double[H36mJoints.COUNT];
    private long frames;
    private double sumVelocity;
    private long velocityFrames;

    /**
     * Adds one frame.
     *
     * @param predicted [17][3] root-relative, metres (not null, unaffected)
     * @param truth [17][3] root-relative, metres, same frame (not null, unaffected)
     */
    public void add(float[][] predicted, float[][] truth) {
        float[][] aligned = procrustes(predicted, truth);
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            sum[j] += dist(predicted[j], truth[j]);
            sumAligned[j] += dist(aligned[j], truth[j]);
        }
        frames++;
    }

    /**
     * Adds the velocity error of one pair of consecutive frames: the mean over joints of
     * |(p_t - p_t-1) - (g_t - g_t-1)|, a measure of jitter (MPJVE).
     *
     * @param previousPredicted [17][3] frame t-1 (not null, unaffected)
     * @param predicted [17][3] frame t (not null, unaffected)
     * @param previousTruth [17][3] frame t-1 (not null, unaffected)
     * @param truth [17][3] frame t (not null, unaffected)
     */
    public void addVelocity(float[][] previousPredicted, float[][] predicted, float[][] previousTruth, float[][] truth) {
        double s = 0;
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            double dx = (predicted[j][0] - previousPredicted[j][0]) - (truth[j][0] - previousTruth[j][0]);
            double dy = (predicted[j][1] - previousPredicted[j][1]) - (truth[j][1] - previousTruth[j][1]);
            double dz = (predicted[j][2] - previousPredicted[j][2]) - (truth[j][2] - previousTruth[j][2]);
            s += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        sumVelocity += s / H36mJoints.COUNT;
        velocityFrames++;
    }

    /**
     * Returns the mean velocity error (MPJVE) over the pairs added with {@link #addVelocity}.
     *
     * @return metres per frame (NaN before any pair)
     */
    public double meanVelocityError() {
        return sumVelocity / velocityFrames;
    }

    /**
     * Returns how many frames were added.
     *
     * @return the count
     */
    public long frames() {
        return frames;
    }

    /**
     * Returns one joint's mean error.
     *
     * @param joint the joint (0..16)
     * @param aligned true for PA-MPJPE, false for MPJPE
     * @return metres (NaN before any frame)
     */
    public double jointError(int joint, boolean aligned) {
        return (aligned ? sumAligned : sum)[joint] / frames;
    }

    /**
     * Returns the mean error over all joints and frames.
     *
     * @param aligned true for PA-MPJPE, false for MPJPE
     * @return metres (NaN before any frame)
     */
    public double mean(boolean aligned) {
        double s = 0;
        for (double v : aligned ? sumAligned : sum) {
            s += v;
        }
        return s / (frames * (double) H36mJoints.COUNT);
    }

    private static double dist(float[] a, float[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /**
     * Aligns a pose onto another with the best similarity transform (Horn's quaternion method; a proper
     * rotation, never a reflection).
     *
     * @param predicted [n][3] (not null, unaffected)
     * @param truth [n][3] (not null, unaffected)
     * @return a new array [n][3]: the aligned prediction
     */
    public static float[][] procrustes(float[][] predicted, float[][] truth) {
        int n = predicted.length;
        double[] mp = new double[3];
        double[] mt = new double[3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                mp[k] += predicted[i][k] / (double) n;
                mt[k] += truth[i][k] / (double) n;
            }
        }
        double[][] s = new double[3][3]; // sum of x y^T, x = predicted centred, y = truth centred
        double normX = 0;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                double xa = predicted[i][a] - mp[a];
                normX += xa * xa;
                for (int b = 0; b < 3; b++) {
                    s[a][b] += xa * (truth[i][b] - mt[b]);
                }
            }
        }
        float[][] out = new float[n][3];
        if (normX < 1e-18) {
            for (int i = 0; i < n; i++) {
                out[i] = new float[] {(float) mt[0], (float) mt[1], (float) mt[2]};
            }
            return out;
        }
        double[][] nm = {
            {s[0][0] + s[1][1] + s[2][2], s[1][2] - s[2][1], s[2][0] - s[0][2], s[0][1] - s[1][0]},
            {s[1][2] - s[2][1], s[0][0] - s[1][1] - s[2][2], s[0][1] + s[1][0], s[2][0] + s[0][2]},
            {s[2][0] - s[0][2], s[0][1] + s[1][0], -s[0][0] + s[1][1] - s[2][2], s[1][2] + s[2][1]},
            {s[0][1] - s[1][0], s[2][0] + s[0][2], s[1][2] + s[2][1], -s[0][0] - s[1][1] + s[2][2]}};
        double[] q = largestEigenvector(nm);
        double w = q[0];
        double x = q[1];
        double y = q[2];
        double z = q[3];
        double[][] r = {
            {w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y)},
            {2 * (x * y + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x)},
            {2 * (x * z - w * y), 2 * (y * z + w * x), w * w - x * x - y * y + z * z}};
        double dot = 0;
        double[][] rx = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    rx[i][a] += r[a][b] * (predicted[i][b] - mp[b]);
                }
                dot += rx[i][a] * (truth[i][a] - mt[a]);
            }
        }
        double scale = dot / normX;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                out[i][a] = (float) (scale * rx[i][a] + mt[a]);
            }
        }
        return out;
    }

    /** Cyclic Jacobi on a symmetric 4x4 matrix; returns the unit eigenvector of the largest eigenvalue. */
    private static double[] largestEigenvector(double[][] m) {
        double[][] a = new double[4][];
        for (int i = 0; i < 4; i++) {
            a[i] = m[i].clone();
        }
        double[][] v = new double[4][4];
        for (int i = 0; i < 4; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = 0;
            for (int p = 0; p < 4; p++) {
                for (int q = p + 1; q < 4; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < 4; p++) {
                for (int q = p + 1; q < 4; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < 4; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < 4; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < 4; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i < 4; i++) {
            if (a[i][i] > a[best][best]) {
                best = i;
            }
        }
        double[] q = {v[0][best], v[1][best], v[2][best], v[3][best]};
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        return new double[] {q[0] / n, q[1] / n, q[2] / n, q[3] / n};
    }
}
