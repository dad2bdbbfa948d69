package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import org.junit.jupiter.api.Test;

class SideSwapsTest {
    private static final int T = 90;

    /** A person facing the camera, walking on the spot: arms and legs swing, left joints on the image's right. */
    static float[][] walker(int i) {
        double phase = Math.sin(i * 2 * Math.PI / 30.0);
        float[][] f = new float[H36mJoints.COUNT][];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            f[j] = new float[] {320, 200, 0.9f};
        }
        set(f, H36mJoints.PELVIS, 320, 300);
        set(f, H36mJoints.SPINE, 320, 250);
        set(f, H36mJoints.THORAX, 320, 190);
        set(f, H36mJoints.NECK_NOSE, 320, 170);
        set(f, H36mJoints.HEAD, 320, 150);
        for (int side = -1; side <= 1; side += 2) {
            boolean left = side > 0;
            double swing = 12 * phase * side;
            set(f, left ? H36mJoints.L_HIP : H36mJoints.R_HIP, 320 + 25 * side, 300);
            set(f, left ? H36mJoints.L_KNEE : H36mJoints.R_KNEE, 320 + 27 * side + swing / 3, 380);
            set(f, left ? H36mJoints.L_ANKLE : H36mJoints.R_ANKLE, 320 + 28 * side + swing / 2, 460);
            set(f, left ? H36mJoints.L_SHOULDER : H36mJoints.R_SHOULDER, 320 + 40 * side, 195);
            set(f, left ? H36mJoints.L_ELBOW : H36mJoints.R_ELBOW, 320 + 48 * side - swing / 2, 255);
            set(f, left ? H36mJoints.L_WRIST : H36mJoints.R_WRIST, 320 + 50 * side - swing, 310);
        }
        return f;
    }

    private static void set(float[][] f, int j, double x, double y) {
        f[j] = new float[] {(float) x, (float) y, 0.9f};
    }

    static float[][] swapped(float[][] f, boolean arms, boolean legs) {
        float[][] r = new float[f.length][];
        for (int j = 0; j < f.length; j++) {
            boolean arm = j >= H36mJoints.L_SHOULDER;
            boolean leg = j >= H36mJoints.R_HIP && j <= H36mJoints.L_ANKLE;
            int src = (arm && arms) || (leg && legs) ? H36mJoints.mirror(j) : j;
            r[j] = f[src].clone();
        }
        return r;
    }

    private static float[][][] clip() {
        float[][][] c = new float[T][][];
        for (int i = 0; i < T; i++) {
            c[i] = walker(i);
        }
        return c;
    }

    private static boolean[] everyFrame() {
        boolean[] p = new boolean[T];
        java.util.Arrays.fill(p, true);
        return p;
    }

    private static void assertFramesEqual(float[][][] expected, float[][][] actual) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                assertArrayEquals(expected[i][j], actual[i][j], 1e-6f, "frame " + i + " joint " + j);
            }
        }
    }

    @Test
    void briefSwapsOfTheWholeBodyOrOfOneLimbGroupAreUndone() {
        float[][][] truth = clip();
        float[][][] seen = clip();
        for (int i = 20; i < 24; i++) {
            seen[i] = swapped(truth[i], true, true);     // whole body, 4 frames
        }
        seen[50] = swapped(truth[50], false, true);       // legs only, 1 frame
        for (int i = 70; i < 72; i++) {
            seen[i] = swapped(truth[i], true, false);    // arms only, 2 frames
        }
        seen[60] = truth[60].clone();                     // ankles only, 1 frame
        seen[60][H36mJoints.L_ANKLE] = truth[60][H36mJoints.R_ANKLE];
        seen[60][H36mJoints.R_ANKLE] = truth[60][H36mJoints.L_ANKLE];
        for (int i = 80; i < 83; i++) {                    // wrists only, 3 frames
            seen[i] = truth[i].clone();
            seen[i][H36mJoints.L_WRIST] = truth[i][H36mJoints.R_WRIST];
            seen[i][H36mJoints.R_WRIST] = truth[i][H36mJoints.L_WRIST];
        }
        assertFramesEqual(truth, SideSwaps.fix(everyFrame(), seen, SideSwaps.DEFAULT_SWAP_COST));
    }

    @Test
    void aLabellingThatPersistsIsKeptAndFramesWithoutAPersonAreSkipped() {
        float[][][] seen = clip();
        for (int i = 30; i < T; i++) {
            seen[i] = swapped(seen[i], true, true);      // 2 s: a real turn as far as 2D can tell
        }
        boolean[] person = everyFrame();
        person[10] = false;
        seen[10] = new float[H36mJoints.COUNT][3];
        float[][][] out = SideSwaps.fix(person, seen, SideSwaps.DEFAULT_SWAP_COST);
        assertFramesEqual(seen, out);
    }

    @Test
    void aJointTooUncertainToReadFavoursNeitherLabelling() {
        // BlazePose's heavy model on a real clip: one wrist at confidence 0.1-0.25 for frames on end. Comparing only
        // the joints readable in each labelling made the swapped one look free (nothing comparable) and swapped
        // correct wrists.
        float[][][] seen = clip();
        for (int i = 0; i < T; i++) {
            seen[i][H36mJoints.L_WRIST][2] = i % 3 == 0 ? 0.5f : 0.1f;
            seen[i][H36mJoints.R_WRIST][0] += i % 2 == 0 ? 8 : -8;   // the readable wrist jitters
        }
        assertFramesEqual(seen, SideSwaps.fix(everyFrame(), seen, SideSwaps.DEFAULT_SWAP_COST));
        SideSwaps.Live live = new SideSwaps.Live(SideSwaps.DEFAULT_SWAP_COST);
        for (int i = 0; i < T; i++) {
            assertFalse(live.apply(seen[i]), "frame " + i);
        }
    }

    @Test
    void theLiveFilterUndoesABriefSwapFromItsFirstFrame() {
        float[][][] truth = clip();
        SideSwaps.Live live = new SideSwaps.Live(SideSwaps.DEFAULT_SWAP_COST);
        for (int i = 0; i < T; i++) {
            float[][] f = i >= 40 && i < 43 ? swapped(truth[i], true, true) : truth[i];
            float[][] copy = new float[f.length][];
            for (int j = 0; j < f.length; j++) {
                copy[j] = f[j].clone();
            }
            boolean changed = live.apply(copy);
            assertEquals(i >= 40 && i < 43, changed, "frame " + i);
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                assertArrayEquals(truth[i][j], copy[j], 1e-6f, "frame " + i + " joint " + j);
            }
        }
    }

    @Test
    void withoutTheFixTheSwappedFramesDifferAndBadArgumentsAreRefused() {
        float[][][] seen = clip();
        seen[5] = swapped(seen[5], true, true);
        float[][][] kept = SideSwaps.fix(everyFrame(), seen, 1e9);   // swapping too dear: nothing changes
        assertFramesEqual(seen, kept);
        assertTrue(Math.abs(kept[5][H36mJoints.L_WRIST][0] - walker(5)[H36mJoints.L_WRIST][0]) > 50);
        assertThrows(IllegalArgumentException.class, () -> SideSwaps.fix(new boolean[2], seen, 1));
        assertThrows(IllegalArgumentException.class, () -> SideSwaps.fix(everyFrame(), seen, 0));
        assertThrows(IllegalArgumentException.class, () -> new SideSwaps.Live(-1));
        assertFalse(new SideSwaps.Live(1).apply(walker(0)));
    }
}
