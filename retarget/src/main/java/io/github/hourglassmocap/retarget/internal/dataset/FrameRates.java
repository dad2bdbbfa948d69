package io.github.hourglassmocap.retarget.internal.dataset;

/**
 * Frame-rate helpers. BVH files store a rounded frame time ({@code 0.016667} for 60 fps), so rates within
 * 0.2 % of a whole number are snapped to it.
 */
public final class FrameRates {
    private FrameRates() {
    }

    /**
     * Returns the frame rate a frame time stands for.
     *
     * @param frameTimeSeconds seconds per frame (&gt;0, finite)
     * @return the rate in Hz, snapped to the nearest whole number when within 0.2 % of it
     */
    public static double fromFrameTime(double frameTimeSeconds) {
        if (!(frameTimeSeconds > 0) || !Double.isFinite(frameTimeSeconds)) {
            throw new IllegalArgumentException("frameTimeSeconds must be > 0 and finite, got " + frameTimeSeconds);
        }
        double rate = 1.0 / frameTimeSeconds;
        double whole = Math.rint(rate);
        return whole >= 1 && Math.abs(rate - whole) <= 0.002 * whole ? whole : rate;
    }

    /**
     * Returns how many frames a take resampled to a new rate has: one for every output instant that lies
     * within the source take (first frame at time 0).
     *
     * @param sourceFrames source frame count (&ge;0)
     * @param sourceRateHz source rate (&gt;0)
     * @param targetRateHz target rate (&gt;0)
     * @return the resampled frame count (&ge;0)
     */
    public static int resampledCount(int sourceFrames, double sourceRateHz, double targetRateHz) {
        if (sourceFrames <= 0) {
            return 0;
        }
        double duration = (sourceFrames - 1) / sourceRateHz;
        return (int) Math.floor(duration * targetRateHz + 1e-6) + 1;
    }
}
