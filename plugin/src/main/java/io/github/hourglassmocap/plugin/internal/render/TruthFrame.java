package io.github.hourglassmocap.plugin.internal.render;

import java.util.Arrays;

/**
 * The ground truth of one rendered frame: the camera and every armature joint, in world and image.
 *
 * @param index the frame index (&ge;0)
 * @param timeSeconds the scene time it was rendered at (in seconds, = index / frame rate)
 * @param camera the camera (not null)
 * @param world joint world positions, x y z per joint (in metres, jME world, Y up; length 3 x joints; copied)
 * @param pixels projected positions, u v per joint (in pixels, top-left origin, continuous: the centre of
 *     the top-left pixel is (0.5, 0.5); length 2 x joints; copied)
 * @param depth each joint's depth along the optical axis (in metres; length joints; copied)
 * @param inFrame whether each joint projects inside the image and in front of the camera (length joints; copied)
 * @param visible whether each joint is in frame and not hidden behind another surface (length joints; copied;
 *     see {@link SyntheticScene#OCCLUSION_MARGIN} for the rule)
 */
public record TruthFrame(long index, double timeSeconds, PinholeCamera camera, double[] world, double[] pixels,
        double[] depth, boolean[] inFrame, boolean[] visible) {
    /**
     * Validates and copies the fields.
     */
    public TruthFrame {
        if (index < 0 || !(timeSeconds >= 0)) {
            throw new IllegalArgumentException("index " + index + " and timeSeconds " + timeSeconds + " must be >= 0");
        }
        if (camera == null || world == null || pixels == null || depth == null || inFrame == null) {
            throw new IllegalArgumentException("camera and joint arrays must not be null");
        }
        int n = depth.length;
        if (visible == null) {
            throw new IllegalArgumentException("visible must not be null");
        }
        if (world.length != 3 * n || pixels.length != 2 * n || inFrame.length != n || visible.length != n) {
            throw new IllegalArgumentException("joint arrays disagree: world " + world.length + ", pixels "
                    + pixels.length + ", depth " + depth.length + ", inFrame " + inFrame.length + ", visible "
                    + visible.length);
        }
        world = world.clone();
        pixels = pixels.clone();
        depth = depth.clone();
        inFrame = inFrame.clone();
        visible = visible.clone();
    }

    /**
     * Creates a frame with no occlusion information: every joint in frame counts as visible.
     *
     * @param index the frame index (&ge;0)
     * @param timeSeconds the scene time (in seconds, &ge;0)
     * @param camera the camera (not null)
     * @param world joint world positions (see the record)
     * @param pixels projected positions (see the record)
     * @param depth joint depths (see the record)
     * @param inFrame in-frame flags (see the record); also used as the visible flags
     */
    public TruthFrame(long index, double timeSeconds, PinholeCamera camera, double[] world, double[] pixels,
            double[] depth, boolean[] inFrame) {
        this(index, timeSeconds, camera, world, pixels, depth, inFrame, inFrame);
    }

    /**
     * Returns the number of joints.
     *
     * @return the joint count (&ge;0)
     */
    public int jointCount() {
        return depth.length;
    }

    /**
     * Returns the world positions (a copy).
     *
     * @return a new array, x y z per joint (in metres)
     */
    @Override
    public double[] world() {
        return world.clone();
    }

    /**
     * Returns the pixel positions (a copy).
     *
     * @return a new array, u v per joint (in pixels, top-left origin)
     */
    @Override
    public double[] pixels() {
        return pixels.clone();
    }

    /**
     * Returns the depths (a copy).
     *
     * @return a new array (in metres)
     */
    @Override
    public double[] depth() {
        return depth.clone();
    }

    /**
     * Returns the in-frame flags (a copy).
     *
     * @return a new array
     */
    @Override
    public boolean[] inFrame() {
        return inFrame.clone();
    }

    /**
     * Returns the visible flags (a copy).
     *
     * @return a new array
     */
    @Override
    public boolean[] visible() {
        return visible.clone();
    }

    /**
     * Returns whether one joint is visible (in frame and not hidden).
     *
     * @param joint the joint index (0..jointCount-1)
     * @return the flag
     */
    public boolean visible(int joint) {
        return visible[joint];
    }

    /**
     * Returns one joint's pixel x.
     *
     * @param joint the joint index (0..jointCount-1)
     * @return u (in pixels, top-left origin)
     */
    public double u(int joint) {
        return pixels[2 * joint];
    }

    /**
     * Returns one joint's pixel y.
     *
     * @param joint the joint index (0..jointCount-1)
     * @return v (in pixels, top-left origin)
     */
    public double v(int joint) {
        return pixels[2 * joint + 1];
    }

    /**
     * Returns whether one joint is in the frame.
     *
     * @param joint the joint index (0..jointCount-1)
     * @return the flag
     */
    public boolean inFrame(int joint) {
        return inFrame[joint];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TruthFrame t && index == t.index && timeSeconds == t.timeSeconds && camera.equals(t.camera)
                && Arrays.equals(world, t.world) && Arrays.equals(pixels, t.pixels) && Arrays.equals(depth, t.depth)
                && Arrays.equals(inFrame, t.inFrame) && Arrays.equals(visible, t.visible);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Arrays.hashCode(world);
    }

    @Override
    public String toString() {
        return "TruthFrame[index=" + index + ", t=" + timeSeconds + ", joints=" + depth.length + "]";
    }
}
