package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.joints.H36mJoints;

/**
 * Recovers where the pelvis is in camera space from the 2D joints and the lifter's root-relative 3D
 * joints, with a pinhole camera: principal point at the image centre, square pixels, focal length
 * {@code focalPixels}. For each frame it finds the translation T that puts the 3D body, once moved by T,
 * where its projection best matches the 2D joints: with u = f (X+Tx)/(Z+Tz) + cx and v likewise, each
 * joint gives two equations linear in T,
 * {@code f Tx - (u-cx) Tz = (u-cx) Z - f X} and {@code f Ty - (v-cy) Tz = (v-cy) Z - f Y},
 * solved by confidence-weighted least squares. The 2D size of the body against its 3D size fixes the
 * depth; the 2D pelvis position fixes Tx and Ty. Then the path is smoothed: offline with a Gaussian over
 * time, live with a causal exponential filter.
 *
 * <p>Camera frame as the lifter's output: x right, y down, z forward (into the scene), metres.
 */
final class RootEstimator {
    /**
     * Default focal length as a multiple of the image width: 0.866, a horizontal field of view of 60
     * degrees (a typical webcam or phone main camera), inside the 35..90 degree range the training
     * cameras are drawn from (see docs/lifter.md).
     */
    public static final double DEFAULT_FOCAL_PER_WIDTH = 0.5 / Math.tan(Math.toRadians(30));

    /** The nearest a root may be to the camera, in metres; closer solutions are clamped. */
    public static final double MIN_DEPTH_METRES = 0.3;

    private final double focalPixels;
    private final double cx;
    private final double cy;

    /**
     * Creates an estimator.
     *
     * @param width image width in pixels (&gt;0)
     * @param height image height in pixels (&gt;0)
     * @param focalPixels focal length in pixels (&gt;0, finite); see {@link #defaultFocal}
     */
    public RootEstimator(int width, int height, double focalPixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " invalid; expected positive");
        }
        if (!(focalPixels > 0) || Double.isInfinite(focalPixels)) {
            throw new IllegalArgumentException("focalPixels " + focalPixels + " invalid; expected > 0 and finite");
        }
        this.focalPixels = focalPixels;
        this.cx = width / 2.0;
        this.cy = height / 2.0;
    }

    /**
     * Returns the focal-length prior for an image width.
     *
     * @param width image width in pixels (&gt;0)
     * @return {@link #DEFAULT_FOCAL_PER_WIDTH} x width, in pixels
     */
    public static double defaultFocal(int width) {
        return DEFAULT_FOCAL_PER_WIDTH * width;
    }

    /**
     * Returns the focal length.
     *
     * @return pixels
     */
    public double focalPixels() {
        return focalPixels;
    }

    /**
     * Solves one frame's root position.
     *
     * @param pixels [17][≥2] 2D joints in pixels (not null, finite, unaffected)
     * @param weights [17] confidence weights, ≥0 (not null, unaffected; all zero means equal weights)
     * @param rootRelative [17][3] lifted joints, metres, camera frame, pelvis at the origin (not null, unaffected)
     * @return a new array (x, y, z) in metres, camera frame; z &ge; {@link #MIN_DEPTH_METRES}
     */
    public float[] solve(float[][] pixels, float[] weights, float[][] rootRelative) {
        double[][] a = new double[3][3];
        double[] b = new double[3];
        double wsum = 0;
        for (float w : weights) {
            wsum += w;
        }
        double f = focalPixels;
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            double w = wsum > 0 ? weights[j] : 1;
            if (w <= 0) {
                continue;
            }
            double du = pixels[j][0] - cx;
            double dv = pixels[j][1] - cy;
            double x = rootRelative[j][0];
            double y = rootRelative[j][1];
            double z = rootRelative[j][2];
            // Row (f, 0, -du) . T = du z - f x
            accumulate(a, b, w, f, 0, -du, du * z - f * x);
            accumulate(a, b, w, 0, f, -dv, dv * z - f * y);
        }
        double[] t = solve3(a, b);
        if (t == null || !(t[2] >= MIN_DEPTH_METRES)) {
            // Degenerate (a body with no 2D extent) or behind the camera: keep the depth at the minimum and
            // put the pelvis on its ray.
            double z = MIN_DEPTH_METRES;
            float[] p = pixels[H36mJoints.PELVIS];
            return new float[] {(float) ((p[0] - cx) * z / f), (float) ((p[1] - cy) * z / f), (float) z};
        }
        return new float[] {(float) t[0], (float) t[1], (float) t[2]};
    }

    private static void accumulate(double[][] a, double[] b, double w, double r0, double r1, double r2, double rhs) {
        double[] r = {r0, r1, r2};
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                a[i][k] += w * r[i] * r[k];
            }
            b[i] += w * r[i] * rhs;
        }
    }

    /** Solves a 3x3 system by Cramer's rule; null when singular. */
    static double[] solve3(double[][] a, double[] b) {
        double det = det(a[0][0], a[0][1], a[0][2], a[1][0], a[1][1], a[1][2], a[2][0], a[2][1], a[2][2]);
        double scale = Math.abs(a[0][0] * a[1][1] * a[2][2]);
        if (!(Math.abs(det) > 1e-12 * Math.max(scale, 1e-30))) {
            return null;
        }
        double[] x = new double[3];
        for (int c = 0; c < 3; c++) {
            double[][] m = {a[0].clone(), a[1].clone(), a[2].clone()};
            for (int r = 0; r < 3; r++) {
                m[r][c] = b[r];
            }
            x[c] = det(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2]) / det;
        }
        return x;
    }

    private static double det(double a, double b, double c, double d, double e, double f, double g, double h, double i) {
        return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    }

    /**
     * Smooths a root path offline with a Gaussian over time; frames marked invalid neither contribute nor
     * are changed.
     *
     * @param roots [T][3] (not null, modified)
     * @param valid [T] (not null, unaffected)
     * @param sigmaFrames the Gaussian's standard deviation in frames (&ge;0; 0 leaves the path as it is)
     */
    public static void smoothGaussian(float[][] roots, boolean[] valid, double sigmaFrames) {
        if (!(sigmaFrames >= 0)) {
            throw new IllegalArgumentException("sigmaFrames " + sigmaFrames + " invalid; expected >= 0");
        }
        if (sigmaFrames == 0 || roots.length == 0) {
            return;
        }
        int radius = (int) Math.ceil(3 * sigmaFrames);
        float[][] src = new float[roots.length][];
        for (int i = 0; i < roots.length; i++) {
            src[i] = roots[i].clone();
        }
        for (int i = 0; i < roots.length; i++) {
            if (!valid[i]) {
                continue;
            }
            double[] sum = new double[3];
            double wsum = 0;
            for (int k = Math.max(0, i - radius); k <= Math.min(roots.length - 1, i + radius); k++) {
                if (!valid[k]) {
                    continue;
                }
                double w = Math.exp(-0.5 * (k - i) * (k - i) / (sigmaFrames * sigmaFrames));
                for (int d = 0; d < 3; d++) {
                    sum[d] += w * src[k][d];
                }
                wsum += w;
            }
            for (int d = 0; d < 3; d++) {
                roots[i][d] = (float) (sum[d] / wsum);
            }
        }
    }

    /**
     * A causal exponential smoother for live root paths: {@code s = s + alpha (x - s)}. Not thread-safe.
     */
    public static final class CausalSmoother {
        private final float alpha;
        private float[] state;

        /**
         * Creates a smoother.
         *
         * @param alpha the weight of each new sample (0 &lt; alpha &le; 1; 1 = no smoothing)
         */
        public CausalSmoother(float alpha) {
            if (!(alpha > 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha " + alpha + " out of range; expected (0, 1]");
            }
            this.alpha = alpha;
        }

        /**
         * Adds a sample and returns the smoothed value.
         *
         * @param root (x, y, z) in metres (not null, finite, unaffected)
         * @return a new array, the smoothed position
         */
        public float[] next(float[] root) {
            if (state == null) {
                state = root.clone();
            } else {
                for (int d = 0; d < 3; d++) {
                    state[d] += alpha * (root[d] - state[d]);
                }
            }
            return state.clone();
        }
    }
}
