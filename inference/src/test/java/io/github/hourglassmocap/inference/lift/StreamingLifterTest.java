package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingLifterTest {
    private static final float TOL = 1e-6f;

    @Test
    void eachFrameIsEmittedOnceInOrderAfterItsLookahead() throws Exception {
        for (int outFrames : new int[] {9, 1}) {
            for (int lookahead : new int[] {0, 2, 4}) {
                int maxStride = outFrames == 1 ? 1 : 9 - lookahead;
                for (int stride = 1; stride <= maxStride; stride += 2) {
                    StreamingLifter s = new StreamingLifter(FakeModels.perFrame(9, outFrames, 0), lookahead, stride);
                    float[][][] clip = FakeModels.clip(40);
                    List<StreamingLifter.Emitted> all = new ArrayList<>();
                    for (int t = 0; t < clip.length; t++) {
                        List<StreamingLifter.Emitted> got = s.push(clip[t]);
                        for (StreamingLifter.Emitted e : got) {
                            int waited = t - e.frame();
                            assertTrue(waited >= lookahead && waited <= lookahead + stride - 1,
                                    "frame " + e.frame() + " emitted at " + t + " with L=" + lookahead + " s=" + stride);
                        }
                        all.addAll(got);
                    }
                    all.addAll(s.flush());
                    assertEquals(clip.length, all.size());
                    for (int i = 0; i < all.size(); i++) {
                        StreamingLifter.Emitted e = all.get(i);
                        assertEquals(i, e.frame());
                        for (int j = 0; j < 17; j++) {
                            float[] want = FakeModels.expected(clip[i][j]);
                            for (int d = 0; d < 3; d++) {
                                assertEquals(want[d], e.joints()[j][d], TOL);
                            }
                        }
                    }
                    assertTrue(s.flush().isEmpty());
                }
            }
        }
    }

    @Test
    void causalStreamUsesNoFutureFrames() throws Exception {
        // A model that returns, for each window position, the x of the LAST frame of the window: with L=0
        // frame t must only ever see frames <= t.
        WindowModel lastFrame = new WindowModel() {
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
                float[][][] out = new float[5][17][3];
                for (int k = 0; k < 5; k++) {
                    out[k][0][0] = window[4][0][0];
                }
                return out;
            }
        };
        StreamingLifter s = new StreamingLifter(lastFrame, 0, 1);
        for (int t = 0; t < 10; t++) {
            float[][] f = new float[17][2];
            f[0][0] = t;
            List<StreamingLifter.Emitted> e = s.push(f);
            assertEquals(1, e.size());
            assertEquals(t, e.get(0).frame());
            assertEquals(t, e.get(0).joints()[0][0], TOL);
        }
    }

    @Test
    void strideCutsWindowRuns() throws Exception {
        WindowModel m = FakeModels.perFrame(9, 9, 0);
        StreamingLifter s = new StreamingLifter(m, 0, 3);
        int runs = 0;
        for (float[][] f : FakeModels.clip(30)) {
            if (!s.push(f).isEmpty()) {
                runs++;
            }
        }
        assertEquals(10, runs);
    }

    @Test
    void badArgumentsAreRejected() {
        WindowModel seq = FakeModels.perFrame(9, 9, 0);
        WindowModel centre = FakeModels.perFrame(9, 1, 0);
        assertThrows(IllegalArgumentException.class, () -> new StreamingLifter(seq, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamingLifter(seq, 9, 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamingLifter(seq, 4, 6));
        assertThrows(IllegalArgumentException.class, () -> new StreamingLifter(centre, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new StreamingLifter(centre, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new StreamingLifter(seq, 0, 1).push(new float[3][2]));
    }
}
