package io.github.hourglassmocap.plugin.internal.render;

/**
 * The depth buffer of a rendered frame, top row first, with what is needed to turn it into distances.
 *
 * @param width the width (in pixels, &gt;0)
 * @param height the height (in pixels, &gt;0)
 * @param window depth-buffer values in [0, 1], row-major, top row first (1 = nothing drawn; shared, not copied)
 * @param near the camera's near plane (in metres, &gt;0)
 * @param far the camera's far plane (in metres, &gt; near)
 * @param parallel whether the camera used a parallel projection
 */
public record DepthMap(int width, int height, float[] window, float near, float far, boolean parallel) {
    /**
     * Validates the fields.
     */
    public DepthMap {
        if (width <= 0 || height <= 0 || window == null || window.length != width * height) {
            throw new IllegalArgumentException("depth map " + width + "x" + height + " needs width x height values");
        }
        if (!(near > 0) || !(far > near)) {
            throw new IllegalArgumentException("near " + near + " and far " + far + " must satisfy 0 < near < far");
        }
    }

    /**
     * Returns the distance along the optical axis to the nearest drawn surface at a pixel.
     *
     * @param x the column (0..width-1)
     * @param y the row, from the top (0..height-1)
     * @return the depth (in metres), or positive infinity where nothing was drawn
     */
    public double depthMetres(int x, int y) {
        double d = window[y * width + x];
        if (d >= 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        if (parallel) {
            return near + d * (far - near);
        }
        double ndc = 2 * d - 1;
        return 2.0 * near * far / (far + near - ndc * (far - near));
    }
}
