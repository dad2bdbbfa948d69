package io.github.hourglassmocap.retarget.solve;

import com.jme3.math.Vector3f;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.util.Arrays;

/**
 * Foot contacts from the source motion: a foot touches the ground while its ankle is low (within a share of
 * the leg length of the ground level) and slow (horizontal speed under a number of leg lengths per second).
 * Runs shorter than {@link #MIN_RUN} frames are dropped as noise. Offline only ({@link #detect}); the live
 * detector in {@link LiveRetargeter} applies the same test causally.
 */
final class FootContacts {
    /** Shortest contact kept (frames). */
    public static final int MIN_RUN = 3;
    /** Feet, in the order of the arrays this class returns. */
    public static final int LEFT = 0;
    /** Feet, in the order of the arrays this class returns. */
    public static final int RIGHT = 1;
    /** The ankle joint of each foot. */
    static final int[] ANKLE = {H36mJoints.L_ANKLE, H36mJoints.R_ANKLE};

    private FootContacts() {
    }

    /**
     * Estimates the ground level: a low percentile of the lower ankle's height, robust to a few bad frames.
     *
     * @param world absolute joint positions per frame (metres, Y up; not null, unaffected)
     * @return the ankle height of a foot standing on the ground (metres)
     */
    public static float groundLevel(Vector3f[][] world) {
        float[] low = new float[world.length];
        for (int i = 0; i < world.length; i++) {
            low[i] = Math.min(world[i][H36mJoints.L_ANKLE].y, world[i][H36mJoints.R_ANKLE].y);
        }
        Arrays.sort(low);
        return low[(int) Math.floor(0.05 * (low.length - 1))];
    }

    /**
     * Tests one foot at one instant.
     *
     * @param heightOverGround ankle height over the ground level (metres)
     * @param horizontalSpeed ankle speed in the ground plane (metres per second, &ge;0)
     * @param legLength the actor's leg length (metres, &gt;0)
     * @param options the thresholds (not null)
     * @return true if the foot counts as planted
     */
    public static boolean isContact(float heightOverGround, float horizontalSpeed, float legLength, RetargetOptions options) {
        return heightOverGround < options.getContactHeightRatio() * legLength
                && horizontalSpeed < options.getContactSpeedRatio() * legLength;
    }

    /**
     * Detects the contacts of a clip.
     *
     * @param world absolute joint positions per frame (metres, Y up; not null, unaffected)
     * @param ground the ground level from {@link #groundLevel} (metres)
     * @param legLength the actor's leg length (metres, &gt;0)
     * @param frameRateHz the frame rate (hertz, &gt;0)
     * @param options the thresholds (not null)
     * @return a new array [2][frames] of contact flags, indexed by {@link #LEFT}/{@link #RIGHT}
     */
    public static boolean[][] detect(Vector3f[][] world, float ground, float legLength, double frameRateHz,
            RetargetOptions options) {
        int n = world.length;
        boolean[][] c = new boolean[2][n];
        for (int f = 0; f < 2; f++) {
            for (int i = 0; i < n; i++) {
                int a = Math.max(0, i - 1);
                int b = Math.min(n - 1, i + 1);
                float speed = 0;
                if (b > a) {
                    Vector3f d = world[b][ANKLE[f]].subtract(world[a][ANKLE[f]]);
                    speed = (float) (Math.hypot(d.x, d.z) * frameRateHz / (b - a));
                }
                c[f][i] = isContact(world[i][ANKLE[f]].y - ground, speed, legLength, options);
            }
            dropShortRuns(c[f]);
        }
        return c;
    }

    private static void dropShortRuns(boolean[] c) {
        int i = 0;
        while (i < c.length) {
            if (!c[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < c.length && c[j]) {
                j++;
            }
            if (j - i < MIN_RUN) {
                Arrays.fill(c, i, j, false);
            }
            i = j;
        }
    }
}
