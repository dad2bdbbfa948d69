package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.pipeline.Pose2dSample;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveLifterTest {
    static Pose2dSample sample(long i, boolean person) {
        if (!person) {
            return new Pose2dSample(i, i * 33_333_333L, 641, 479, null);
        }
        float[] j = new float[51];
        for (int k = 0; k < 17; k++) {
            j[k * 3] = 300 + 4 * k + i;
            j[k * 3 + 1] = 120 + 13 * k;
            j[k * 3 + 2] = k == 5 ? 0.1f : 0.9f; // one low-confidence joint
        }
        return new Pose2dSample(i, i * 33_333_333L, 641, 479, j);
    }

    @Test
    void emitsEveryFrameInOrderAfterTheLookaheadWithGapsMarked() throws Exception {
        List<Pose3dSample> out = new ArrayList<>();
        try (LiveLifter live = new LiveLifter(PoseLifter.open(PoseLifterTest.resource("tiny-seq2seq.onnx")), 2, 1, false, 0, 3)) {
            assertEquals(2, live.lookaheadFrames());
            for (long i = 0; i < 30; i++) {
                boolean person = !(i < 2 || (i >= 10 && i < 20));
                List<Pose3dSample> got = live.push(sample(i, person));
                for (Pose3dSample p : got) {
                    assertTrue(i - p.frameIndex() <= 2, "frame " + p.frameIndex() + " emitted at " + i);
                }
                out.addAll(got);
            }
            out.addAll(live.flush());
        }
        assertEquals(30, out.size());
        for (int i = 0; i < 30; i++) {
            Pose3dSample p = out.get(i);
            assertEquals(i, p.frameIndex());
            for (float v : p.joints()) {
                assertTrue(Float.isFinite(v));
            }
        }
        assertFalse(out.get(0).valid());
        assertNull(out.get(0).root());
        assertTrue(out.get(2).valid());
        assertTrue(out.get(12).valid(), "short part of the gap is held");
        assertFalse(out.get(15).valid(), "long part of the gap is marked");
        assertArrayEquals(out.get(12).joints(), out.get(15).joints(), 0f);
        assertTrue(out.get(25).valid());
        assertTrue(out.get(25).root()[2] >= RootEstimator.MIN_DEPTH_METRES);
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseThrows() throws Exception {
        LiveLifter live = LiveLifter.open(PoseLifterTest.resource("tiny-seq2seq.onnx"), LifterOptions.defaults(), 0, 1);
        live.close();
        live.close();
        assertThrows(IllegalStateException.class, () -> live.push(sample(0, true)));
        assertThrows(IllegalArgumentException.class,
                () -> LiveLifter.open(PoseLifterTest.resource("tiny-seq2seq.onnx"), LifterOptions.defaults(), 20, 1));
    }
}
