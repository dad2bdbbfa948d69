package io.github.hourglassmocap.inference.pose2d;

/**
 * The anchor grid of an SSD detector, generated the way MediaPipe's SSD anchor options describe it, with
 * the values of MediaPipe's BlazePose detector as {@link #blazePose()}.
 *
 * <p>Layers with the same stride are merged into one feature map; each layer contributes one anchor per
 * aspect ratio plus one interpolated anchor per location. With a fixed anchor size every anchor is 1x1
 * (normalised), so only the centres matter for decoding.
 */
final class SsdAnchors {
    private final float[] centres;

    /**
     * Generates anchors with fixed (1x1) size.
     *
     * @param inputWidth the detector input width (in pixels, &gt;0)
     * @param inputHeight the detector input height (in pixels, &gt;0)
     * @param strides the stride of each layer (not null, each &gt;0, unaffected)
     * @param anchorsPerLayer anchors per location contributed by each layer (&gt;0): aspect ratios plus
     *     the interpolated one
     * @param offsetX the anchor offset within a cell (0.5 = centre)
     * @param offsetY the anchor offset within a cell (0.5 = centre)
     */
    public SsdAnchors(int inputWidth, int inputHeight, int[] strides, int anchorsPerLayer, float offsetX, float offsetY) {
        if (inputWidth <= 0 || inputHeight <= 0 || strides == null || strides.length == 0 || anchorsPerLayer <= 0) {
            throw new IllegalArgumentException("invalid anchor options: input " + inputWidth + "x" + inputHeight
                    + ", strides " + java.util.Arrays.toString(strides) + ", anchorsPerLayer " + anchorsPerLayer);
        }
        centres = new float[layout(inputWidth, inputHeight, strides, anchorsPerLayer, offsetX, offsetY, null) * 2];
        layout(inputWidth, inputHeight, strides, anchorsPerLayer, offsetX, offsetY, centres);
    }

    /**
     * Walks the anchor grid: layers with the same stride form one feature map with their anchors repeated.
     *
     * @param centres where to write x, y per anchor (null: only count)
     * @return the number of anchors
     */
    private static int layout(int inputWidth, int inputHeight, int[] strides, int anchorsPerLayer, float offsetX,
            float offsetY, float[] centres) {
        int k = 0;
        for (int layer = 0; layer < strides.length; ) {
            int last = layer;
            int repeats = 0;
            while (last < strides.length && strides[last] == strides[layer]) {
                repeats += anchorsPerLayer;
                last++;
            }
            int fw = (int) Math.ceil(inputWidth / (double) strides[layer]);
            int fh = (int) Math.ceil(inputHeight / (double) strides[layer]);
            if (centres == null) {
                k += fw * fh * repeats;
            } else {
                for (int y = 0; y < fh; y++) {
                    for (int x = 0; x < fw; x++) {
                        for (int a = 0; a < repeats; a++) {
                            centres[2 * k] = (x + offsetX) / fw;
                            centres[2 * k + 1] = (y + offsetY) / fh;
                            k++;
                        }
                    }
                }
            }
            layer = last;
        }
        return k;
    }

    /**
     * Returns the anchors of MediaPipe's BlazePose detector: 224x224 input, strides 8, 16, 32, 32, 32, one
     * aspect ratio (1.0) plus the interpolated anchor, offsets 0.5, fixed size: 2254 anchors.
     *
     * @return a new anchor set
     */
    public static SsdAnchors blazePose() {
        return new SsdAnchors(224, 224, new int[] {8, 16, 32, 32, 32}, 2, 0.5f, 0.5f);
    }

    /**
     * Returns the number of anchors.
     *
     * @return the count
     */
    public int count() {
        return centres.length / 2;
    }

    /**
     * Returns an anchor's centre x.
     *
     * @param i the anchor (0..count-1)
     * @return x (normalised to the input width, 0..1)
     */
    public float x(int i) {
        return centres[2 * i];
    }

    /**
     * Returns an anchor's centre y.
     *
     * @param i the anchor (0..count-1)
     * @return y (normalised to the input height, 0..1)
     */
    public float y(int i) {
        return centres[2 * i + 1];
    }
}
