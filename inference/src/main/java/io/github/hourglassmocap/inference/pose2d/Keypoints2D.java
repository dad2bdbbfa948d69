package io.github.hourglassmocap.inference.pose2d;

import io.github.hourglassmocap.inference.joints.H36mJoints;

/**
 * The 2D stage's result for one frame: either one person (region, 33 BlazePose landmarks, 17 Human3.6M
 * joints with confidences) or an explicit "no person". Pixel coordinates, top-left origin, continuous (0 is
 * the left edge of the first pixel column). Immutable apart from the joints array, which callers must not
 * modify.
 *
 * @param frameIndex the frame's index in its source (&ge;0)
 * @param timestampNanos the frame's time (in nanoseconds, &ge;0)
 * @param width the frame width (in pixels, &gt;0)
 * @param height the frame height (in pixels, &gt;0)
 * @param roi the region the landmarks came from (null when no person)
 * @param landmarks the 33 landmarks (null when no person)
 * @param joints17 17 x (x, y, confidence) (null when no person; shared, do not modify)
 * @param detected true if the person detector ran for this frame (tracking was lost or just started)
 */
public record Keypoints2D(long frameIndex, long timestampNanos, int width, int height, Roi roi, PoseLandmarks landmarks,
        float[] joints17, boolean detected) {
    /**
     * Validates the fields: the three person fields are all present or all null.
     */
    public Keypoints2D {
        if (width <= 0 || height <= 0 || frameIndex < 0 || timestampNanos < 0) {
            throw new IllegalArgumentException("invalid frame: " + width + "x" + height + ", index " + frameIndex + ", time " + timestampNanos);
        }
        boolean some = roi != null || landmarks != null || joints17 != null;
        boolean all = roi != null && landmarks != null && joints17 != null;
        if (some && !all) {
            throw new IllegalArgumentException("roi, landmarks and joints17 must be all present (a person) or all null (no person)");
        }
        if (joints17 != null && joints17.length != H36mJoints.COUNT * H36mFromBlazePose.STRIDE) {
            throw new IllegalArgumentException("joints17 must hold 17 x 3 values");
        }
    }

    /**
     * Creates a "no person" result.
     *
     * @param frameIndex the frame's index (&ge;0)
     * @param timestampNanos the frame's time (in nanoseconds, &ge;0)
     * @param width the frame width (&gt;0)
     * @param height the frame height (&gt;0)
     * @param detected whether the detector ran
     * @return a new result
     */
    public static Keypoints2D noPerson(long frameIndex, long timestampNanos, int width, int height, boolean detected) {
        return new Keypoints2D(frameIndex, timestampNanos, width, height, null, null, null, detected);
    }

    /**
     * Returns whether a person was found.
     *
     * @return true if the person fields are present
     */
    public boolean hasPerson() {
        return landmarks != null;
    }

    /**
     * Returns one joint's x.
     *
     * @param joint the H36M joint (0..16)
     * @return x (pixels)
     * @throws IllegalStateException if there is no person
     */
    public float jointX(int joint) {
        return joint(joint, 0);
    }

    /**
     * Returns one joint's y.
     *
     * @param joint the H36M joint (0..16)
     * @return y (pixels)
     * @throws IllegalStateException if there is no person
     */
    public float jointY(int joint) {
        return joint(joint, 1);
    }

    /**
     * Returns one joint's confidence.
     *
     * @param joint the H36M joint (0..16)
     * @return 0..1
     * @throws IllegalStateException if there is no person
     */
    public float jointConfidence(int joint) {
        return joint(joint, 2);
    }

    private float joint(int joint, int k) {
        if (joints17 == null) {
            throw new IllegalStateException("frame " + frameIndex + " has no person");
        }
        if (joint < 0 || joint >= H36mJoints.COUNT) {
            throw new IllegalArgumentException("joint index " + joint + " out of range; expected 0..16");
        }
        return joints17[joint * H36mFromBlazePose.STRIDE + k];
    }
}
