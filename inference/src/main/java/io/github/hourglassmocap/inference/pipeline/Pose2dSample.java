package io.github.hourglassmocap.inference.pipeline;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;

/**
 * The 2D stage's answer for one frame, as the pipeline carries it: the 17 Human3.6M joints in image pixels
 * with a confidence each, or no person.
 *
 * @param frameIndex index of the frame in its source (&ge;0)
 * @param timestampNanos the frame's presentation time (in nanoseconds, &ge;0)
 * @param width the frame width (in pixels, &gt;0)
 * @param height the frame height (in pixels, &gt;0)
 * @param joints 17 x (x, y, confidence), pixels with a top-left origin, joint order of {@link H36mJoints};
 *     null when no person was found (shared, not copied: do not modify)
 * @param landmarks the BlazePose result this sample was made from, with its 33 landmarks (which the bake writes
 *     to keypoints.json), or null when the 2D stage is not BlazePose (shared, not copied)
 */
public record Pose2dSample(long frameIndex, long timestampNanos, int width, int height, float[] joints,
        Keypoints2D landmarks) {
    /** Floats per joint in {@link #joints()}: x, y, confidence. */
    public static final int STRIDE = 3;

    /**
     * Validates the fields.
     */
    public Pose2dSample {
        if (frameIndex < 0 || timestampNanos < 0) {
            throw new IllegalArgumentException("frameIndex and timestampNanos must be >= 0");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size " + width + "x" + height + " must be positive");
        }
        if (joints != null && joints.length != H36mJoints.COUNT * STRIDE) {
            throw new IllegalArgumentException("joints must hold 17 x 3 = 51 floats, got " + joints.length);
        }
    }

    /**
     * Creates a sample without BlazePose landmarks.
     *
     * @param frameIndex index of the frame in its source (&ge;0)
     * @param timestampNanos the frame's presentation time (in nanoseconds, &ge;0)
     * @param width the frame width (in pixels, &gt;0)
     * @param height the frame height (in pixels, &gt;0)
     * @param joints 17 x (x, y, confidence) or null for no person (shared)
     */
    public Pose2dSample(long frameIndex, long timestampNanos, int width, int height, float[] joints) {
        this(frameIndex, timestampNanos, width, height, joints, null);
    }

    /**
     * Returns whether a person was found.
     *
     * @return true if {@link #joints()} is not null
     */
    public boolean hasPerson() {
        return joints != null;
    }

    /**
     * Returns one joint coordinate.
     *
     * @param joint the joint (0..16)
     * @param component 0 = x, 1 = y, 2 = confidence
     * @return the value
     * @throws IllegalStateException if there is no person
     */
    public float get(int joint, int component) {
        if (joints == null) {
            throw new IllegalStateException("frame " + frameIndex + " has no person");
        }
        return joints[joint * STRIDE + component];
    }
}
