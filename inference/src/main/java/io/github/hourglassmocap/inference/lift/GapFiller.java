package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.joints.H36mJoints;

/**
 * Turns a {@link KeypointTrack} with holes into finite 2D joints for every frame, and says which frames
 * can be trusted.
 *
 * <ul>
 * <li>A joint is <em>observed</em> when its frame has a person, its coordinates are finite and its
 * confidence is at least {@code minJointConfidence}.</li>
 * <li>A frame is <em>usable</em> when at least {@code minObservedJoints} of its 17 joints are observed.
 * Unobserved joints of usable frames are interpolated in time from the same joint's observations.</li>
 * <li>A run of unusable frames no longer than {@code maxGapFrames} is interpolated linearly between its
 * neighbours (held at the ends of the clip): {@code valid = true, interpolated = true}.</li>
 * <li>A longer run is filled the same way so the lifter's windows stay continuous, but its frames are
 * marked {@code valid = false}; the caller shows the last valid pose there.</li>
 * </ul>
 * No output value is ever NaN.
 */
final class GapFiller {
    /**
     * The filled track.
     *
     * @param joints [T][17][2] finite pixel coordinates
     * @param confidence [T][17] in [0, 1]: 0 for joints that were not observed
     * @param valid per frame: false inside a long gap
     * @param interpolated per frame: true when the whole frame was interpolated
     */
    public record Result(float[][][] joints, float[][] confidence, boolean[] valid, boolean[] interpolated) {
    }

    private final float minJointConfidence;
    private final int minObservedJoints;
    private final int maxGapFrames;

    /**
     * Creates a filler.
     *
     * @param minJointConfidence the confidence below which a joint counts as unobserved (0..1)
     * @param minObservedJoints observed joints a frame needs to be usable (1..17)
     * @param maxGapFrames the longest run of unusable frames that is interpolated (&ge;0)
     */
    public GapFiller(float minJointConfidence, int minObservedJoints, int maxGapFrames) {
        if (!(minJointConfidence >= 0 && minJointConfidence <= 1)) {
            throw new IllegalArgumentException("minJointConfidence " + minJointConfidence + " out of range; expected 0..1");
        }
        if (minObservedJoints < 1 || minObservedJoints > H36mJoints.COUNT) {
            throw new IllegalArgumentException("minObservedJoints " + minObservedJoints + " out of range; expected 1..17");
        }
        if (maxGapFrames < 0) {
            throw new IllegalArgumentException("maxGapFrames " + maxGapFrames + " out of range; expected >= 0");
        }
        this.minJointConfidence = minJointConfidence;
        this.minObservedJoints = minObservedJoints;
        this.maxGapFrames = maxGapFrames;
    }

    /**
     * Returns the defaults: confidence 0.3, 9 of 17 joints, gaps up to a third of a second interpolated.
     *
     * @param frameRateHz the clip's frame rate (&gt;0)
     * @return a new filler
     */
    public static GapFiller defaults(double frameRateHz) {
        return new GapFiller(0.3f, 9, (int) Math.max(1, Math.round(frameRateHz / 3)));
    }

    /**
     * Fills a track.
     *
     * @param track the track (not null, unaffected)
     * @return a new result
     * @throws DecodeException if no frame of the track is usable (there is no person to lift)
     */
    public Result fill(KeypointTrack track) throws DecodeException {
        int t = track.size();
        float[][][] xy = new float[t][H36mJoints.COUNT][2];
        float[][] conf = new float[t][H36mJoints.COUNT];
        boolean[][] observed = new boolean[t][H36mJoints.COUNT];
        boolean[] usable = new boolean[t];
        int usableCount = 0;
        for (int i = 0; i < t; i++) {
            if (!track.person(i)) {
                continue;
            }
            float[][] j17 = track.joints(i);
            int n = 0;
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                float x = j17[j][0];
                float y = j17[j][1];
                float c = j17[j][2];
                boolean ok = Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(c) && c >= minJointConfidence;
                if (ok) {
                    xy[i][j][0] = x;
                    xy[i][j][1] = y;
                    conf[i][j] = Math.min(1f, c);
                    observed[i][j] = true;
                    n++;
                }
            }
            usable[i] = n >= minObservedJoints;
            if (usable[i]) {
                usableCount++;
            } else {
                java.util.Arrays.fill(conf[i], 0f);
            }
        }
        if (usableCount == 0) {
            throw new DecodeException("no frame of " + track.source() + " has a person with at least " + minObservedJoints
                    + " joints of confidence >= " + minJointConfidence + "; nothing to lift");
        }
        // Per joint: fill unobserved joints of usable frames from the same joint's observations.
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            boolean[] has = new boolean[t];
            int count = 0;
            for (int i = 0; i < t; i++) {
                has[i] = usable[i] && observed[i][j];
                count += has[i] ? 1 : 0;
            }
            if (count == 0) {
                // Never observed: put it on the pelvis-ish centre of the observed joints of each frame.
                for (int i = 0; i < t; i++) {
                    if (usable[i]) {
                        centroid(xy[i], observed[i], xy[i][j]);
                    }
                }
                continue;
            }
            interpolate(xy, j, has, usable);
        }
        // Whole frames: interpolate every unusable run, then mark long ones invalid.
        boolean[] valid = new boolean[t];
        boolean[] interpolated = new boolean[t];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            interpolate(xy, j, usable, null);
        }
        for (int i = 0; i < t; ) {
            if (usable[i]) {
                valid[i] = true;
                i++;
                continue;
            }
            int end = i;
            while (end < t && !usable[end]) {
                end++;
            }
            boolean shortGap = end - i <= maxGapFrames;
            for (int k = i; k < end; k++) {
                valid[k] = shortGap;
                interpolated[k] = true;
            }
            i = end;
        }
        return new Result(xy, conf, valid, interpolated);
    }

    /** Linear interpolation of joint j over frames where {@code known} is false; held at the ends. */
    private static void interpolate(float[][][] xy, int j, boolean[] known, boolean[] only) {
        int t = xy.length;
        int prev = -1;
        for (int i = 0; i < t; i++) {
            if (known[i]) {
                prev = i;
                continue;
            }
            if (only != null && !only[i]) {
                continue;
            }
            int next = i + 1;
            while (next < t && !known[next]) {
                next++;
            }
            for (int d = 0; d < 2; d++) {
                float v;
                if (prev < 0) {
                    v = xy[next][j][d];
                } else if (next >= t) {
                    v = xy[prev][j][d];
                } else {
                    float a = (float) (i - prev) / (next - prev);
                    v = xy[prev][j][d] + a * (xy[next][j][d] - xy[prev][j][d]);
                }
                xy[i][j][d] = v;
            }
        }
    }

    private static void centroid(float[][] frame, boolean[] observed, float[] store) {
        float sx = 0;
        float sy = 0;
        int n = 0;
        for (int j = 0; j < frame.length; j++) {
            if (observed[j]) {
                sx += frame[j][0];
                sy += frame[j][1];
                n++;
            }
        }
        store[0] = sx / n;
        store[1] = sy / n;
    }
}
