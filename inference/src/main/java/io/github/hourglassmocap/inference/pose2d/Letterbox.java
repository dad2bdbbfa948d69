package io.github.hourglassmocap.inference.pose2d;

/**
 * How a {@code width x height} image is fitted, aspect ratio kept and centred with zero padding, into the
 * detector's square input: the image sits inside a square of side max(width, height).
 *
 * @param width the image width (in pixels, &gt;0)
 * @param height the image height (in pixels, &gt;0)
 */
record Letterbox(int width, int height) {
    /**
     * Validates the fields.
     */
    public Letterbox {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("letterbox of a " + width + "x" + height + " image: size must be positive");
        }
    }

    private float side() {
        return Math.max(width, height);
    }

    /**
     * Maps a normalised x of the square input to image pixels.
     *
     * @param xn x (0..1 across the square)
     * @return x (image pixels, continuous: 0 is the left edge)
     */
    public float toImageX(float xn) {
        return xn * side() - (side() - width) / 2f;
    }

    /**
     * Maps a normalised y of the square input to image pixels.
     *
     * @param yn y (0..1 down the square)
     * @return y (image pixels, continuous: 0 is the top edge)
     */
    public float toImageY(float yn) {
        return yn * side() - (side() - height) / 2f;
    }

    /**
     * Returns the affine map from the pixels of an {@code n x n} input to image pixels (pixel centres at
     * integer coordinates, for OpenCV's warpAffine with WARP_INVERSE_MAP).
     *
     * @param n the input side (in pixels, &gt;0)
     * @return a new array {a, b, c, d, e, f}: x = a u + b v + c, y = d u + e v + f
     */
    public double[] inputToImage(int n) {
        double k = side() / (double) n;
        double ox = (side() - width) / 2.0;
        double oy = (side() - height) / 2.0;
        return new double[] {k, 0, 0.5 * k - 0.5 - ox, 0, k, 0.5 * k - 0.5 - oy};
    }
}
