package io.github.hourglassmocap.inference.pose2d;

/**
 * A rotated square region of interest in image pixels: the part of the frame the landmark model sees.
 *
 * <p>The rotation follows MediaPipe's convention: a crop coordinate (u, v), both 0..1 with (0.5, 0.5) the
 * centre, maps to the image point {@code c + size * R(rotation) * (u - 0.5, v - 0.5)}, with R = [[cos, -sin],
 * [sin, cos]] in image axes (x right, y down). Rotation 0 means an upright person.
 *
 * @param cx the centre x (pixels)
 * @param cy the centre y (pixels)
 * @param size the side length (pixels, &gt;0)
 * @param rotationRadians the rotation (radians, -pi..pi)
 */
public record Roi(double cx, double cy, double size, double rotationRadians) {
    /** How much MediaPipe enlarges the alignment box (its RectTransformation scale). */
    public static final double SCALE = 1.25;

    /**
     * Validates the fields.
     */
    public Roi {
        if (!Double.isFinite(cx) || !Double.isFinite(cy) || !Double.isFinite(size) || !Double.isFinite(rotationRadians) || size <= 0) {
            throw new IllegalArgumentException("invalid region: centre (" + cx + ", " + cy + "), size " + size + ", rotation " + rotationRadians);
        }
    }

    /**
     * Builds a region from two alignment points, as MediaPipe does for the BlazePose detector and the
     * landmark model's auxiliary points: centred on the first, side {@value #SCALE} x 2 x their distance,
     * rotated so that the second point lies straight up from the first in the crop.
     *
     * @param x0 the centre point x (pixels, hip centre)
     * @param y0 the centre point y (pixels)
     * @param x1 the scale/direction point x (pixels)
     * @param y1 the scale/direction point y (pixels)
     * @return a new region, or null if the points coincide or are not finite
     */
    public static Roi fromAlignment(double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double size = 2 * Math.hypot(dx, dy) * SCALE;
        if (!(size > 1e-3) || !Double.isFinite(size) || !Double.isFinite(x0) || !Double.isFinite(y0)) {
            return null;
        }
        double rotation = normalize(Math.PI / 2 - Math.atan2(-dy, dx));
        return new Roi(x0, y0, size, rotation);
    }

    /**
     * Wraps an angle into -pi..pi.
     *
     * @param a an angle (radians, finite)
     * @return the same direction in -pi..pi
     */
    static double normalize(double a) {
        return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
    }

    /**
     * Maps a crop coordinate to image pixels.
     *
     * @param u the crop x (0..1 across the region)
     * @param v the crop y (0..1 down the region)
     * @param out where to store x, y (not null, length &ge; 2, modified)
     */
    public void toImage(double u, double v, double[] out) {
        double c = Math.cos(rotationRadians);
        double s = Math.sin(rotationRadians);
        double a = (u - 0.5) * size;
        double b = (v - 0.5) * size;
        out[0] = cx + c * a - s * b;
        out[1] = cy + s * a + c * b;
    }

    /**
     * Returns the affine map from the pixels of a {@code n x n} crop to image pixels (pixel centres at
     * integer coordinates, as OpenCV's warpAffine with WARP_INVERSE_MAP expects).
     *
     * @param n the crop side (in pixels, &gt;0)
     * @return a new array {a, b, c, d, e, f}: x = a u + b v + c, y = d u + e v + f
     */
    public double[] cropToImage(int n) {
        double k = size / n;
        double c = Math.cos(rotationRadians);
        double s = Math.sin(rotationRadians);
        // crop pixel u has its centre at (u + 0.5) / n of the crop; image pixel x has its centre at x + 0.5
        double a = c * k;
        double b = -s * k;
        double d = s * k;
        double e = c * k;
        double tx = cx - c * size / 2 + s * size / 2 + 0.5 * (a + b) - 0.5;
        double ty = cy - s * size / 2 - c * size / 2 + 0.5 * (d + e) - 0.5;
        return new double[] {a, b, tx, d, e, ty};
    }
}
