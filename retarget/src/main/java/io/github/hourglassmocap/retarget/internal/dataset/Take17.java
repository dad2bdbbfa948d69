package io.github.hourglassmocap.retarget.internal.dataset;

import java.util.Objects;

/**
 * A sequence of 17-joint poses (Human3.6M order, metres) at a fixed rate, for example one BVH take
 * resampled for the lifter. Immutable apart from {@link #data()}, which is shared.
 */
public final class Take17 {
    private final float[] data;
    private final int frames;
    private final double frameRateHz;
    private final double sourceFrameRateHz;
    private final String source;

    /**
     * Creates a take.
     *
     * @param data frame-major values: frames x 17 x 3 (not null; not copied)
     * @param frameRateHz the rate of data (&gt;0)
     * @param sourceFrameRateHz the rate of the take it came from (&gt;0)
     * @param source where it came from, for messages (not null)
     */
    public Take17(float[] data, double frameRateHz, double sourceFrameRateHz, String source) {
        Objects.requireNonNull(data, "data");
        if (data.length % 51 != 0) {
            throw new IllegalArgumentException("data length " + data.length + " is not a multiple of 17 x 3");
        }
        if (!(frameRateHz > 0) || !(sourceFrameRateHz > 0)) {
            throw new IllegalArgumentException("frame rates must be > 0");
        }
        this.data = data;
        this.frames = data.length / 51;
        this.frameRateHz = frameRateHz;
        this.sourceFrameRateHz = sourceFrameRateHz;
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Returns the values.
     *
     * @return the shared array, frames x 17 x 3, metres
     */
    public float[] data() {
        return data;
    }

    /**
     * Returns the number of frames.
     *
     * @return the count (&ge;0)
     */
    public int frames() {
        return frames;
    }

    /**
     * Returns the rate.
     *
     * @return frames per second
     */
    public double frameRateHz() {
        return frameRateHz;
    }

    /**
     * Returns the source take's rate.
     *
     * @return frames per second of the original
     */
    public double sourceFrameRateHz() {
        return sourceFrameRateHz;
    }

    /**
     * Returns where the take came from.
     *
     * @return for example the BVH path (not null)
     */
    public String source() {
        return source;
    }

    /**
     * Returns one coordinate.
     *
     * @param frame the frame (0..frames-1)
     * @param joint the H36M joint (0..16)
     * @param axis 0 X, 1 Y, 2 Z
     * @return the coordinate in metres
     */
    public float get(int frame, int joint, int axis) {
        Objects.checkIndex(frame, frames);
        Objects.checkIndex(joint, 17);
        Objects.checkIndex(axis, 3);
        return data[frame * 51 + joint * 3 + axis];
    }
}
