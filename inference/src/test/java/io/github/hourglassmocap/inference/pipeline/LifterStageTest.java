package io.github.hourglassmocap.inference.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.WindowModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifterStageTest {
    private static final int W = 641;
    private static final int H = 479;

    /** Seq2seq window model: each frame's 3D joints are its normalised 2D joints with z = 0.1 x joint. */
    static final class EchoModel implements WindowModel, AutoCloseable {
        int runs;
        int closes;

        @Override
        public int frames() {
            return 9;
        }

        @Override
        public int outputFrames() {
            return 9;
        }

        @Override
        public float[][][] run(float[][][] window) {
            runs++;
            float[][][] out = new float[window.length][H36mJoints.COUNT][3];
            for (int t = 0; t < window.length; t++) {
                for (int j = 0; j < H36mJoints.COUNT; j++) {
                    out[t][j][0] = window[t][j][0] - window[t][0][0];
                    out[t][j][1] = window[t][j][1] - window[t][0][1];
                    out[t][j][2] = 0.1f * j;
                }
            }
            return out;
        }

        @Override
        public void close() {
            closes++;
        }
    }

    private static Pose2dSample person(long i, float x) {
        float[] j = new float[H36mJoints.COUNT * 3];
        for (int k = 0; k < H36mJoints.COUNT; k++) {
            j[3 * k] = x + 10 * k;
            j[3 * k + 1] = 100 + 5 * k;
            j[3 * k + 2] = 0.9f;
        }
        return new Pose2dSample(i, i * 33_333_333L, W, H, j);
    }

    private static Pose2dSample nobody(long i) {
        return new Pose2dSample(i, i * 33_333_333L, W, H, null);
    }

    @Test
    void emitsOnePosePerFrameInOrderAfterTheLookahead() throws Exception {
        EchoModel m = new EchoModel();
        List<Pose3dSample> out = new ArrayList<>();
        try (LifterStage s = new LifterStage(m, 3, 1, 5)) {
            for (int i = 0; i < 20; i++) {
                List<Pose3dSample> got = s.push(person(i, 200 + i));
                if (i < 3) {
                    assertTrue(got.isEmpty(), "frame " + i + " must wait for its look-ahead");
                }
                out.addAll(got);
            }
            assertEquals(17, out.size());
            out.addAll(s.flush());
            assertEquals(3, s.lookaheadFrames());
        }
        assertEquals(20, out.size());
        for (int i = 0; i < 20; i++) {
            Pose3dSample p = out.get(i);
            assertEquals(i, p.frameIndex());
            assertTrue(p.valid());
            // joint 1 is 10 px right of the pelvis: 2 * 10 / 641 in screen-normalised units
            assertEquals(20f / W, p.joints()[3], 1e-5f);
            assertEquals(0.1f, p.joints()[5], 1e-6f);
            assertNotNull(p.root());
            assertTrue(p.root()[2] > 0, "root in front of the camera");
        }
        assertEquals(1, m.closes);
    }

    @Test
    void framesBeforeTheFirstPersonAreInvalidAndSkipTheModel() throws Exception {
        EchoModel m = new EchoModel();
        try (LifterStage s = new LifterStage(m, 0, 1, 5)) {
            List<Pose3dSample> a = s.push(nobody(0));
            assertEquals(1, a.size());
            assertFalse(a.get(0).valid());
            assertNull(a.get(0).root());
            assertEquals(0, m.runs);
            List<Pose3dSample> b = s.push(person(1, 300));
            assertEquals(1, b.size());
            assertTrue(b.get(0).valid());
            assertEquals(1, b.get(0).frameIndex());
        }
    }

    @Test
    void shortGapsHoldTheLastPoseAndLongGapsTurnInvalid() throws Exception {
        EchoModel m = new EchoModel();
        List<Pose3dSample> out = new ArrayList<>();
        try (LifterStage s = new LifterStage(m, 0, 1, 2)) {
            out.addAll(s.push(person(0, 300)));
            for (int i = 1; i <= 4; i++) {
                out.addAll(s.push(nobody(i)));
            }
            out.addAll(s.push(person(5, 310)));
            out.addAll(s.flush());
        }
        assertEquals(6, out.size());
        boolean[] expected = {true, true, true, false, false, true};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], out.get(i).valid(), "frame " + i);
            assertEquals(20f / W, out.get(i).joints()[3], 1e-5f);
        }
    }

    @Test
    void lowConfidenceFramesCountAsGapsAndCloseIsIdempotent() throws Exception {
        EchoModel m = new EchoModel();
        LifterStage s = new LifterStage(m, 0, 1, 0);
        s.push(person(0, 300));
        Pose2dSample weak = person(1, 300);
        for (int k = 0; k < H36mJoints.COUNT; k++) {
            weak.joints()[3 * k + 2] = 0.1f;
        }
        assertFalse(s.push(weak).get(0).valid());
        s.close();
        s.close();
        assertEquals(1, m.closes);
        assertThrows(IllegalStateException.class, () -> s.push(person(2, 300)));
        assertThrows(IllegalArgumentException.class, () -> new LifterStage(m, 0, 1, -1));
    }
}
