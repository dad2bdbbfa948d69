package io.github.hourglassmocap.retarget.bvh;

import java.util.Objects;

/**
 * A whole BVH take in memory: the skeleton, the frame time and every frame's channel values (stored as
 * floats, 4 bytes per value). Immutable.
 */
public final class BvhMotion {
    private final BvhSkeleton skeleton;
    private final double frameTimeSeconds;
    private final int frameCount;
    private final float[] data;

    /**
     * Creates a motion.
     *
     * @param skeleton the hierarchy (not null)
     * @param frameTimeSeconds seconds per frame (&gt;0, finite)
     * @param frameCount the number of frames (&ge;0)
     * @param data frame-major channel values, {@code frameCount * skeleton.channelCount()} of them (not null,
     *     finite; not copied: the caller must not change it afterwards)
     */
    public BvhMotion(BvhSkeleton skeleton, double frameTimeSeconds, int frameCount, float[] data) {
        Objects.requireNonNull(skeleton, "skeleton");
        Objects.requireNonNull(data, "data");
        if (!(frameTimeSeconds > 0) || !Double.isFinite(frameTimeSeconds)) {
            throw new IllegalArgumentException("frameTimeSeconds must be > 0 and finite, got " + frameTimeSeconds);
        }
        if (frameCount < 0 || (long) frameCount * skeleton.channelCount() != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " values; expected frameCount (" + frameCount
                    + ") x channelCount (" + skeleton.channelCount() + ")");
        }
        this.skeleton = skeleton;
        this.frameTimeSeconds = frameTimeSeconds;
        this.frameCount = frameCount;
        this.data = data;
    }

    /**
     * Returns the skeleton.
     *
     * @return the hierarchy (shared, immutable)
     */
    public BvhSkeleton skeleton() {
        return skeleton;
    }

    /**
     * Returns the frame time.
     *
     * @return seconds per frame (&gt;0)
     */
    public double frameTimeSeconds() {
        return frameTimeSeconds;
    }

    /**
     * Returns the number of frames.
     *
     * @return the count (&ge;0)
     */
    public int frameCount() {
        return frameCount;
    }

    /**
     * Returns one channel value.
     *
     * @param frame the frame (0..frameCount-1)
     * @param channel the channel (0..channelCount-1)
     * @return the value (file units or degrees)
     */
    public float value(int frame, int channel) {
        Objects.checkIndex(frame, frameCount);
        Objects.checkIndex(channel, skeleton.channelCount());
        return data[frame * skeleton.channelCount() + channel];
    }

    /**
     * Copies one frame.
     *
     * @param frame the frame (0..frameCount-1)
     * @param out receives channelCount values (length &ge; channelCount, modified)
     * @return out
     */
    public double[] frame(int frame, double[] out) {
        Objects.checkIndex(frame, frameCount);
        int n = skeleton.channelCount();
        if (out.length < n) {
            throw new IllegalArgumentException("out must have at least " + n + " elements");
        }
        for (int c = 0; c < n; c++) {
            out[c] = data[frame * n + c];
        }
        return out;
    }
}
