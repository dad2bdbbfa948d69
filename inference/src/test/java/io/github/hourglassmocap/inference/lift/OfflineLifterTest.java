package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineLifterTest {
    private static final float TOL = 1e-5f;

    private static void assertPerFrame(float[][][] clip, float[][][] out) {
        assertEquals(clip.length, out.length);
        for (int t = 0; t < clip.length; t++) {
            for (int j = 0; j < 17; j++) {
                float[] e = FakeModels.expected(clip[t][j]);
                for (int d = 0; d < 3; d++) {
                    assertEquals(e[d], out[t][j][d], TOL, "frame " + t + " joint " + j + " dim " + d);
                }
            }
        }
    }

    @Test
    void everyFrameGetsItsOwnPoseForAnyClipLength() throws Exception {
        for (int f : new int[] {1, 2, 9, 10}) {
            for (int t : new int[] {1, 2, 5, 9, 10, 31, 100}) {
                for (int stride : new int[] {1, Math.max(1, f / 3), f}) {
                    float[][][] clip = FakeModels.clip(t);
                    assertPerFrame(clip, new OfflineLifter(FakeModels.perFrame(f, f, 0), stride).lift(clip));
                }
                float[][][] clip = FakeModels.clip(t);
                assertPerFrame(clip, new OfflineLifter(FakeModels.perFrame(f, 1, 0), 1).lift(clip));
            }
        }
    }

    @Test
    void edgesArePaddedByRepeatingEndFrames() throws Exception {
        List<float[][][]> windows = new ArrayList<>();
        WindowModel recorder = new WindowModel() {
            @Override
            public int frames() {
                return 5;
            }

            @Override
            public int outputFrames() {
                return 5;
            }

            @Override
            public float[][][] run(float[][][] window) {
                windows.add(window.clone());
                return new float[5][17][3];
            }
        };
        float[][][] clip = FakeModels.clip(3);
        new OfflineLifter(recorder, 1).lift(clip);
        float[][][] first = windows.get(0);
        assertEquals(clip[0][3][0], first[0][3][0], 0f);
        assertEquals(clip[0][3][0], first[1][3][0], 0f);
        assertEquals(clip[0][3][0], first[2][3][0], 0f);
        float[][][] last = windows.get(windows.size() - 1);
        assertEquals(clip[2][5][1], last[4][5][1], 0f);
        assertEquals(clip[2][5][1], last[3][5][1], 0f);
    }

    @Test
    void overlappingWindowsAreBlended() throws Exception {
        // A model that answers with the window's start position makes the blend visible.
        WindowModel positional = new WindowModel() {
            @Override
            public int frames() {
                return 4;
            }

            @Override
            public int outputFrames() {
                return 4;
            }

            @Override
            public float[][][] run(float[][][] window) {
                float[][][] out = new float[4][17][3];
                for (int k = 0; k < 4; k++) {
                    out[k][0][0] = k; // position of the frame inside its window
                }
                return out;
            }
        };
        // T=4, F=4, pad 2 each side -> padded 8; stride 2 -> windows start at 0, 2, 4.
        float[][][] out = new OfflineLifter(positional, 2).lift(FakeModels.clip(4));
        // Frame 0 sits at position 2 of window 0 (weight 2) and position 0 of window 2 (weight 1).
        assertEquals((2 * 2 + 0 * 1) / 3f, out[0][0][0], TOL);
        assertEquals(3, new OfflineLifter(positional, 2).windowCount(4));
    }

    @Test
    void flipAveragingCancelsAMirrorAsymmetricBias() throws Exception {
        float[][][] clip = FakeModels.clip(12);
        WindowModel biased = FakeModels.perFrame(5, 5, 0.3f);
        float[][][] plain = new OfflineLifter(biased, 2).lift(clip);
        assertEquals(clip[4][7][0] + 0.3f, plain[4][7][0], TOL);
        assertPerFrame(clip, new OfflineLifter(new FlipAveragedModel(biased), 2).lift(clip));
    }

    @Test
    void badArgumentsAreRejected() {
        WindowModel m = FakeModels.perFrame(9, 9, 0);
        assertThrows(IllegalArgumentException.class, () -> new OfflineLifter(m, 0));
        assertThrows(IllegalArgumentException.class, () -> new OfflineLifter(m, 10));
        assertThrows(IllegalArgumentException.class, () -> new OfflineLifter(null, 1));
        assertThrows(IllegalArgumentException.class, () -> new OfflineLifter(m, 3).lift(new float[0][17][2]));
        assertEquals(27, OfflineLifter.defaultStride(81));
        assertEquals(1, OfflineLifter.defaultStride(1));
    }
}
