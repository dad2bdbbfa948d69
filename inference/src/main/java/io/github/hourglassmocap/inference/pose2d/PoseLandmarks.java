package io.github.hourglassmocap.inference.pose2d;

import java.util.Arrays;

/**
 * The 33 BlazePose landmarks of one person in one frame, in image pixels, with the model's pose score.
 *
 * <p>Landmark order is BlazePose's: 0 nose, 1-3 left eye (inner, centre, outer), 4-6 right eye, 7 left ear,
 * 8 right ear, 9 mouth left, 10 mouth right, 11/12 left/right shoulder, 13/14 elbows, 15/16 wrists,
 * 17/18 pinkies, 19/20 index fingers, 21/22 thumbs, 23/24 hips, 25/26 knees, 27/28 ankles, 29/30 heels,
 * 31/32 foot index. Left and right are the person's own. Immutable.
 */
public final class PoseLandmarks {
    /** Number of landmarks (33). */
    public static final int COUNT = 33;
    /** Values per landmark: x, y, z, visibility, presence. */
    public static final int STRIDE = 5;
    /** Index of the nose landmark (0). */
    public static final int NOSE = 0;
    /** Index of the left ear landmark (7). */
    public static final int LEFT_EAR = 7;
    /** Index of the right ear landmark (8). */
    public static final int RIGHT_EAR = 8;
    /** Index of the mouth left landmark (9). */
    public static final int MOUTH_LEFT = 9;
    /** Index of the mouth right landmark (10). */
    public static final int MOUTH_RIGHT = 10;
    /** Index of the left shoulder landmark (11). */
    public static final int LEFT_SHOULDER = 11;
    /** Index of the right shoulder landmark (12). */
    public static final int RIGHT_SHOULDER = 12;
    /** Index of the left elbow landmark (13). */
    public static final int LEFT_ELBOW = 13;
    /** Index of the right elbow landmark (14). */
    public static final int RIGHT_ELBOW = 14;
    /** Index of the left wrist landmark (15). */
    public static final int LEFT_WRIST = 15;
    /** Index of the right wrist landmark (16). */
    public static final int RIGHT_WRIST = 16;
    /** Index of the left hip landmark (23). */
    public static final int LEFT_HIP = 23;
    /** Index of the right hip landmark (24). */
    public static final int RIGHT_HIP = 24;
    /** Index of the left knee landmark (25). */
    public static final int LEFT_KNEE = 25;
    /** Index of the right knee landmark (26). */
    public static final int RIGHT_KNEE = 26;
    /** Index of the left ankle landmark (27). */
    public static final int LEFT_ANKLE = 27;
    /** Index of the right ankle landmark (28). */
    public static final int RIGHT_ANKLE = 28;

    private final float[] values;
    private final float[] auxiliary;
    private final float score;

    /**
     * Creates landmarks.
     *
     * @param values 33 x (x, y, z, visibility, presence): x, y in image pixels, z in pixels relative to the
     *     hips (smaller is nearer the camera), visibility and presence 0..1 (not null, copied, all finite)
     * @param auxiliary the model's two alignment points (hip centre, full-body scale point) as x0, y0, x1, y1
     *     in image pixels, used to place the next frame's region (not null, length 4, copied)
     * @param score the model's pose-presence score (0..1)
     */
    public PoseLandmarks(float[] values, float[] auxiliary, float score) {
        if (values == null || values.length != COUNT * STRIDE) {
            throw new IllegalArgumentException("values must hold " + COUNT * STRIDE + " floats");
        }
        if (auxiliary == null || auxiliary.length != 4) {
            throw new IllegalArgumentException("auxiliary must hold 4 floats");
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("landmark values must be finite");
            }
        }
        this.values = values.clone();
        this.auxiliary = auxiliary.clone();
        this.score = score;
    }

    /**
     * Returns a landmark's x.
     *
     * @param i the landmark (0..32)
     * @return x (image pixels)
     */
    public float x(int i) {
        return values[i * STRIDE];
    }

    /**
     * Returns a landmark's y.
     *
     * @param i the landmark (0..32)
     * @return y (image pixels)
     */
    public float y(int i) {
        return values[i * STRIDE + 1];
    }

    /**
     * Returns a landmark's depth.
     *
     * @param i the landmark (0..32)
     * @return z (pixels, relative to the hips; smaller is nearer)
     */
    public float z(int i) {
        return values[i * STRIDE + 2];
    }

    /**
     * Returns how likely the landmark is visible (not occluded).
     *
     * @param i the landmark (0..32)
     * @return 0..1
     */
    public float visibility(int i) {
        return values[i * STRIDE + 3];
    }

    /**
     * Returns how likely the landmark is inside the frame.
     *
     * @param i the landmark (0..32)
     * @return 0..1
     */
    public float presence(int i) {
        return values[i * STRIDE + 4];
    }

    /**
     * Returns the pose-presence score of the landmark model.
     *
     * @return 0..1
     */
    public float score() {
        return score;
    }

    /**
     * Returns all values.
     *
     * @return a new array of 33 x (x, y, z, visibility, presence)
     */
    public float[] values() {
        return values.clone();
    }

    /**
     * Returns the alignment points.
     *
     * @return a new array x0, y0 (hip centre), x1, y1 (scale point), image pixels
     */
    public float[] auxiliary() {
        return auxiliary.clone();
    }

    /**
     * Returns the region the landmark model should see next frame, from the alignment points.
     *
     * @return a new region, or null if the points are degenerate
     */
    public Roi nextRoi() {
        return Roi.fromAlignment(auxiliary[0], auxiliary[1], auxiliary[2], auxiliary[3]);
    }

    /**
     * Returns a copy with new x and y coordinates (smoothing), keeping everything else.
     *
     * @param xy 33 x (x, y) in image pixels (not null, finite, unaffected)
     * @return a new instance
     */
    public PoseLandmarks withXy(float[] xy) {
        if (xy == null || xy.length != 2 * COUNT) {
            throw new IllegalArgumentException("xy must hold " + 2 * COUNT + " floats");
        }
        float[] v = values.clone();
        for (int i = 0; i < COUNT; i++) {
            v[i * STRIDE] = xy[2 * i];
            v[i * STRIDE + 1] = xy[2 * i + 1];
        }
        return new PoseLandmarks(v, auxiliary, score);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoseLandmarks p && p.score == score && Arrays.equals(p.values, values) && Arrays.equals(p.auxiliary, auxiliary);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + Float.hashCode(score);
    }
}
