package io.github.hourglassmocap.inference.pipeline;

import io.github.hourglassmocap.inference.joints.H36mJoints;

/**
 * The lifter's answer for one frame, as the pipeline carries it.
 *
 * @param frameIndex index of the frame in its source (&ge;0)
 * @param timestampNanos the frame's presentation time (in nanoseconds, &ge;0)
 * @param valid false in a long gap with no person, where {@link #joints()} repeats the last valid pose
 * @param joints 17 x (x, y, z) in metres, camera frame (x right, y down, z forward), pelvis at the origin
 *     (shared, not copied: do not modify)
 * @param root the pelvis position in the camera frame (in metres), or null if unknown (shared)
 */
public record Pose3dSample(long frameIndex, long timestampNanos, boolean valid, float[] joints, float[] root) {
    /**
     * Validates the fields.
     */
    public Pose3dSample {
        if (frameIndex < 0 || timestampNanos < 0) {
            throw new IllegalArgumentException("frameIndex and timestampNanos must be >= 0");
        }
        if (joints == null || joints.length != H36mJoints.COUNT * 3) {
            throw new IllegalArgumentException("joints must hold 17 x 3 = 51 floats");
        }
        if (root != null && root.length != 3) {
            throw new IllegalArgumentException("root must hold 3 floats");
        }
        for (float v : joints) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("joints must be finite (frame " + frameIndex + ")");
            }
        }
    }
}
