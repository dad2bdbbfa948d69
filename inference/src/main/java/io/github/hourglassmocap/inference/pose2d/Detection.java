package io.github.hourglassmocap.inference.pose2d;

/**
 * One person found by the detector, in image pixels.
 *
 * <p>The four keypoints are those of the BlazePose detector: 0 hip centre, 1 a point whose distance from the
 * hip centre gives the full-body scale (and direction), 2 shoulder centre, 3 a point giving the upper-body scale.
 *
 * @param score the detection confidence (0..1)
 * @param xMin the box's left edge (pixels)
 * @param yMin the box's top edge (pixels)
 * @param width the box's width (pixels, &ge;0)
 * @param height the box's height (pixels, &ge;0)
 * @param keypoints x0, y0, x1, y1, ... for the 4 keypoints (pixels; the array is owned by the record, do not modify)
 */
record Detection(float score, float xMin, float yMin, float width, float height, float[] keypoints) {
    /** Number of detector keypoints. */
    public static final int KEYPOINTS = 4;

    /**
     * Validates the fields.
     */
    public Detection {
        if (keypoints == null || keypoints.length != 2 * KEYPOINTS) {
            throw new IllegalArgumentException("keypoints must hold " + 2 * KEYPOINTS + " values");
        }
    }

    /**
     * Returns the region of interest for the landmark model, as MediaPipe derives it: centred on the hip
     * centre, side 2.5 x the distance from keypoint 0 to keypoint 1, rotated so that keypoint 1 is up.
     *
     * @return a new region
     */
    public Roi toRoi() {
        return Roi.fromAlignment(keypoints[0], keypoints[1], keypoints[2], keypoints[3]);
    }

    /**
     * Returns the box area.
     *
     * @return width x height (square pixels)
     */
    public float area() {
        return width * height;
    }

    /**
     * Returns the box centre x.
     *
     * @return x (pixels)
     */
    public float centreX() {
        return xMin + width / 2;
    }

    /**
     * Returns the box centre y.
     *
     * @return y (pixels)
     */
    public float centreY() {
        return yMin + height / 2;
    }
}
