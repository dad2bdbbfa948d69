package io.github.hourglassmocap.inference.lift;

/**
 * The lifter's input normalisation ("screen", as VideoPose3D): {@code x' = 2x/w - 1},
 * {@code y' = 2y/w - h/w}, pixels with a top-left origin in, x in [-1, 1] out and y scaled by the same
 * factor, so the aspect ratio is kept and the image centre maps to (0, 0).
 */
final class ScreenNormalisation {
    private ScreenNormalisation() {
    }

    /**
     * Normalises one coordinate pair.
     *
     * @param xPixels x in pixels (top-left origin)
     * @param yPixels y in pixels (top-left origin)
     * @param width image width in pixels (&gt;0)
     * @param height image height in pixels (&gt;0)
     * @param store where to write (x', y') (not null, length &ge;2, modified)
     */
    public static void normalise(float xPixels, float yPixels, int width, int height, float[] store) {
        store[0] = 2f * xPixels / width - 1f;
        store[1] = 2f * yPixels / width - (float) height / width;
    }

    /**
     * Normalises a whole sequence of 2D joints.
     *
     * @param pixels [frames][joints][≥2] pixel coordinates (not null, unaffected)
     * @param width image width in pixels (&gt;0)
     * @param height image height in pixels (&gt;0)
     * @return a new array [frames][joints][2]
     */
    public static float[][][] normalise(float[][][] pixels, int width, int height) {
        checkSize(width, height);
        float[][][] out = new float[pixels.length][][];
        for (int t = 0; t < pixels.length; t++) {
            out[t] = new float[pixels[t].length][2];
            for (int j = 0; j < pixels[t].length; j++) {
                normalise(pixels[t][j][0], pixels[t][j][1], width, height, out[t][j]);
            }
        }
        return out;
    }

    /**
     * Inverts the normalisation.
     *
     * @param xNorm normalised x
     * @param yNorm normalised y
     * @param width image width in pixels (&gt;0)
     * @param height image height in pixels (&gt;0)
     * @param store where to write (x, y) in pixels (not null, length &ge;2, modified)
     */
    public static void denormalise(float xNorm, float yNorm, int width, int height, float[] store) {
        store[0] = (xNorm + 1f) * width / 2f;
        store[1] = (yNorm + (float) height / width) * width / 2f;
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " invalid; expected width > 0 and height > 0");
        }
    }
}
