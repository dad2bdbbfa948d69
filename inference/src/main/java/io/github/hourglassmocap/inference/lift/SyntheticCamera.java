package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.util.Random;

/**
 * A random pinhole camera around a subject, drawn from the same distribution as the trainer's
 * {@code CameraSampler} in {@code training/hot/data.py}, with the same projection ({@code project}) and
 * the same detector-like 2D noise ({@code detector_noise}), so the lifter is evaluated on the kind of
 * input it was trained on. The distribution (mirrored from the Python, which is the reference):
 * <ul>
 * <li>azimuth uniform in [0, 2 pi), elevation uniform in [-10, 45] degrees, distance uniform in [2.5, 9] m;</li>
 * <li>image size one of 1920x1080, 1280x720, 640x480, 1080x1920, 720x1280, 641x479, 1024x1024;</li>
 * <li>horizontal field of view uniform in [35, 90] degrees, focal = (w/2) / tan(fov/2);</li>
 * <li>distance scaled by clip(focal / max(w, h) / 0.9, 0.6, 2.0) (a long lens stands farther back);</li>
 * <li>looks at the centre plus Gaussian jitter (0.25, 0.125, 0.25) m; up is world +Y; roll ~ N(0, 3 deg);</li>
 * <li>projection: p_c = R (p_w - cam), u = f x/max(z, 0.1) + w/2, v = f y/max(z, 0.1) + h/2.</li>
 * </ul>
 * Camera axes as the lifter's output: x right, y down, z forward. The random stream is Java's, not
 * NumPy's: same distribution, not the same draws. Immutable.
 */
final class SyntheticCamera {
    private static final int[][] SIZES = {{1920, 1080}, {1280, 720}, {640, 480}, {1080, 1920}, {720, 1280}, {641, 479},
        {1024, 1024}};

    private final double[][] rotation;
    private final double[] position;
    private final double focal;
    private final int width;
    private final int height;

    /**
     * Creates a camera from its parameters.
     *
     * @param rotation 3x3, rows are the camera axes in world coordinates (not null, copied)
     * @param position the camera centre in world coordinates, metres (not null, length 3, copied)
     * @param focalPixels focal length in pixels (&gt;0)
     * @param width image width in pixels (&gt;0)
     * @param height image height in pixels (&gt;0)
     */
    public SyntheticCamera(double[][] rotation, double[] position, double focalPixels, int width, int height) {
        if (!(focalPixels > 0) || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("focal " + focalPixels + " and size " + width + "x" + height + " must be positive");
        }
        this.rotation = new double[][] {rotation[0].clone(), rotation[1].clone(), rotation[2].clone()};
        this.position = position.clone();
        this.focal = focalPixels;
        this.width = width;
        this.height = height;
    }

    /**
     * Draws a camera looking at a subject.
     *
     * @param rng the random source (not null, advanced)
     * @param centre the world point to look near, metres, Y up (not null, length 3, unaffected)
     * @return a new camera
     */
    public static SyntheticCamera sample(Random rng, double[] centre) {
        double az = rng.nextDouble() * 2 * Math.PI;
        double el = Math.toRadians(uniform(rng, -10, 45));
        double d = uniform(rng, 2.5, 9.0);
        int[] size = SIZES[rng.nextInt(SIZES.length)];
        double hfov = Math.toRadians(uniform(rng, 35, 90));
        double focal = (size[0] / 2.0) / Math.tan(hfov / 2);
        d *= Math.min(2.0, Math.max(0.6, focal / Math.max(size[0], size[1]) / 0.9));
        double[] target = {centre[0] + rng.nextGaussian() * 0.25, centre[1] + rng.nextGaussian() * 0.125,
            centre[2] + rng.nextGaussian() * 0.25};
        double[] cam = {target[0] + d * Math.cos(el) * Math.sin(az), target[1] + d * Math.sin(el),
            target[2] + d * Math.cos(el) * Math.cos(az)};
        double[] z = normalise(sub(target, cam));
        double[] x = normalise(cross(z, new double[] {0, 1, 0}));
        double[] y = cross(z, x);
        double roll = rng.nextGaussian() * Math.toRadians(3);
        // Rr about the camera's z axis, applied on the left: rows x' = c x - s y, y' = s x + c y.
        double c = Math.cos(roll);
        double s = Math.sin(roll);
        double[][] r = new double[3][3];
        for (int k = 0; k < 3; k++) {
            r[0][k] = c * x[k] - s * y[k];
            r[1][k] = s * x[k] + c * y[k];
            r[2][k] = z[k];
        }
        return new SyntheticCamera(r, cam, focal, size[0], size[1]);
    }

    private static double uniform(Random rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalise(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    /**
     * Returns the image width.
     *
     * @return pixels
     */
    public int width() {
        return width;
    }

    /**
     * Returns the image height.
     *
     * @return pixels
     */
    public int height() {
        return height;
    }

    /**
     * Returns the focal length.
     *
     * @return pixels
     */
    public double focalPixels() {
        return focal;
    }

    /**
     * Moves world points into the camera frame.
     *
     * @param world [T][17][3] metres, Y up (not null, unaffected)
     * @return a new array [T][17][3], camera frame (x right, y down, z forward)
     */
    public float[][][] toCamera(float[][][] world) {
        float[][][] out = new float[world.length][H36mJoints.COUNT][3];
        for (int t = 0; t < world.length; t++) {
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                double px = world[t][j][0] - position[0];
                double py = world[t][j][1] - position[1];
                double pz = world[t][j][2] - position[2];
                for (int k = 0; k < 3; k++) {
                    out[t][j][k] = (float) (rotation[k][0] * px + rotation[k][1] * py + rotation[k][2] * pz);
                }
            }
        }
        return out;
    }

    /**
     * Projects camera-frame points to pixels (depth clamped at 0.1 m, as the trainer does).
     *
     * @param camera [T][17][3] camera frame (not null, unaffected)
     * @return a new array [T][17][2], pixels, top-left origin
     */
    public float[][][] project(float[][][] camera) {
        float[][][] uv = new float[camera.length][H36mJoints.COUNT][2];
        for (int t = 0; t < camera.length; t++) {
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                double z = Math.max(camera[t][j][2], 0.1);
                uv[t][j][0] = (float) (camera[t][j][0] / z * focal + width / 2.0);
                uv[t][j][1] = (float) (camera[t][j][1] / z * focal + height / 2.0);
            }
        }
        return uv;
    }

    /**
     * Adds detector-like noise to projected joints, as the trainer's {@code detector_noise} with strength 1:
     * per-joint jitter proportional to the person's size (white plus temporally smoothed), a left/right
     * limb swap for 1..4 frames with probability 0.3 per block of {@code blockFrames}, and occasional
     * dropped joints (wrists/ankles 4%, knees/elbows 2%, others 1% of frames) moved by N(0, 0.15 x size).
     *
     * @param uv [T][17][2] pixels (not null, unaffected)
     * @param rng the random source (not null, advanced)
     * @param blockFrames frames per block for the swap probability, the model's window (&ge;1)
     * @return a new array [T][17][2]
     */
    public static float[][][] detectorNoise(float[][][] uv, Random rng, int blockFrames) {
        int t = uv.length;
        int jn = H36mJoints.COUNT;
        float[][][] out = new float[t][jn][2];
        double[] ext = new double[t];
        for (int i = 0; i < t; i++) {
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (int j = 0; j < jn; j++) {
                minX = Math.min(minX, uv[i][j][0]);
                maxX = Math.max(maxX, uv[i][j][0]);
                minY = Math.min(minY, uv[i][j][1]);
                maxY = Math.max(maxY, uv[i][j][1]);
            }
            ext[i] = Math.max(1.0, Math.max(maxX - minX, maxY - minY));
        }
        double sigma = uniform(rng, 0.004, 0.02);
        double[][][] slow = new double[t][jn][2];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < jn; j++) {
                slow[i][j][0] = rng.nextGaussian();
                slow[i][j][1] = rng.nextGaussian();
            }
        }
        for (int i = 0; i < t; i++) {
            int a = Math.max(0, i - 1);
            int b = Math.min(t - 1, i + 1);
            for (int j = 0; j < jn; j++) {
                for (int d = 0; d < 2; d++) {
                    double smooth = 0.25 * slow[a][j][d] + 0.5 * slow[i][j][d] + 0.25 * slow[b][j][d];
                    double white = rng.nextGaussian();
                    out[i][j][d] = (float) (uv[i][j][d] + (0.6 * white + 0.8 * smooth) * sigma * ext[i]);
                }
            }
        }
        int[][][] limbs = {{{1, 2, 3}, {4, 5, 6}}, {{14, 15, 16}, {11, 12, 13}}, {{3}, {6}}, {{16}, {13}}};
        for (int start = 0; start < t; start += blockFrames) {
            int len = Math.min(blockFrames, t - start);
            if (rng.nextDouble() < 0.3) {
                int[][] pair = limbs[rng.nextInt(limbs.length)];
                int f0 = start + rng.nextInt(len);
                int f1 = Math.min(start + len, f0 + 1 + rng.nextInt(4));
                for (int i = f0; i < f1; i++) {
                    for (int k = 0; k < pair[0].length; k++) {
                        float[] tmp = out[i][pair[0][k]];
                        out[i][pair[0][k]] = out[i][pair[1][k]];
                        out[i][pair[1][k]] = tmp;
                    }
                }
            }
        }
        double[] p = new double[jn];
        java.util.Arrays.fill(p, 0.01);
        for (int j : new int[] {3, 6, 13, 16}) {
            p[j] = 0.04;
        }
        for (int j : new int[] {2, 5, 12, 15}) {
            p[j] = 0.02;
        }
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < jn; j++) {
                if (rng.nextDouble() < p[j]) {
                    out[i][j][0] += (float) (rng.nextGaussian() * 0.15 * ext[i]);
                    out[i][j][1] += (float) (rng.nextGaussian() * 0.15 * ext[i]);
                }
            }
        }
        return out;
    }
}
