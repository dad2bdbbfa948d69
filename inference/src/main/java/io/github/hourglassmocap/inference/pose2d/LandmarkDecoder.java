package io.github.hourglassmocap.inference.pose2d;

/**
 * Turns the BlazePose landmark model's raw output into {@link PoseLandmarks} in image pixels. Pure.
 *
 * <p>The model sees a {@code n x n} crop of a {@link Roi} and outputs 39 points x (x, y, z, visibility
 * logit, presence logit), x/y/z in crop pixels: the 33 body landmarks, then two alignment points (hip
 * centre and full-body scale point) that place the next region, then 4 unused points. Coordinates are
 * mapped back through the region's rotation and scale; z is scaled like x; visibility and presence pass
 * through a sigmoid.
 */
final class LandmarkDecoder {
    /** Points in the model output (39). */
    public static final int MODEL_POINTS = 39;

    private LandmarkDecoder() {
    }

    /**
     * Decodes one model output.
     *
     * @param raw the landmark output (not null, at least 39 x 5 values, unaffected)
     * @param score the pose-presence output (0..1 expected; not finite means no person)
     * @param roi the region the crop came from (not null)
     * @param n the model's input side (in pixels, &gt;0; 256 for BlazePose)
     * @return new landmarks, or null if the output is not finite (no usable person)
     */
    public static PoseLandmarks decode(float[] raw, float score, Roi roi, int n) {
        if (raw.length < MODEL_POINTS * PoseLandmarks.STRIDE) {
            throw new IllegalArgumentException("landmark output holds " + raw.length + " values, expected " + MODEL_POINTS * PoseLandmarks.STRIDE);
        }
        if (!Float.isFinite(score)) {
            return null;
        }
        float[] v = new float[PoseLandmarks.COUNT * PoseLandmarks.STRIDE];
        double[] p = new double[2];
        for (int i = 0; i < PoseLandmarks.COUNT; i++) {
            int o = i * PoseLandmarks.STRIDE;
            roi.toImage(raw[o] / n, raw[o + 1] / n, p);
            v[o] = (float) p[0];
            v[o + 1] = (float) p[1];
            v[o + 2] = (float) (raw[o + 2] / n * roi.size());
            v[o + 3] = sigmoid(raw[o + 3]);
            v[o + 4] = sigmoid(raw[o + 4]);
            for (int k = 0; k < PoseLandmarks.STRIDE; k++) {
                if (!Float.isFinite(v[o + k])) {
                    return null;
                }
            }
        }
        float[] aux = new float[4];
        for (int j = 0; j < 2; j++) {
            int o = (PoseLandmarks.COUNT + j) * PoseLandmarks.STRIDE;
            roi.toImage(raw[o] / n, raw[o + 1] / n, p);
            aux[2 * j] = (float) p[0];
            aux[2 * j + 1] = (float) p[1];
            if (!Float.isFinite(aux[2 * j]) || !Float.isFinite(aux[2 * j + 1])) {
                return null;
            }
        }
        return new PoseLandmarks(v, aux, Math.max(0, Math.min(1, score)));
    }

    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
