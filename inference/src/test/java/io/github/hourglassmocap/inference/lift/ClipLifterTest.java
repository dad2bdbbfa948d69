package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipLifterTest {
    @Test
    void liftsWithTheTinyModelInBothModesWithoutNaN() throws Exception {
        boolean[] person = new boolean[30];
        Arrays.fill(person, true);
        person[5] = false;
        for (int i = 12; i < 25; i++) {
            person[i] = false;
        }
        KeypointTrack track = GapFillerTest.track(person);
        try (PoseLifter lifter = PoseLifter.open(PoseLifterTest.resource("tiny-seq2seq.onnx"))) {
            for (ClipLifter.Mode mode : ClipLifter.Mode.values()) {
                Pose3dSequence seq = new ClipLifter(mode, 2, 0, true, 0).lift(track, lifter, "tiny");
                assertEquals(30, seq.frames().size());
                assertEquals(mode == ClipLifter.Mode.OFFLINE ? 0 : 2, seq.lookaheadFrames());
                assertTrue(seq.frames().get(5).valid() && seq.frames().get(5).interpolated());
                // Offline a long gap is invalid throughout; streaming (causal) its first 10 frames stay valid.
                int lastValid = mode == ClipLifter.Mode.OFFLINE ? 11 : 21;
                assertTrue(seq.frames().get(lastValid).valid());
                assertFalse(seq.frames().get(lastValid + 1).valid());
                assertFalse(seq.frames().get(23).valid());
                // Long gap: the last valid pose is carried.
                assertEquals(seq.frames().get(lastValid).joints()[3][0], seq.frames().get(23).joints()[3][0], 0f);
                assertEquals(seq.frames().get(lastValid).root()[2], seq.frames().get(23).root()[2], 0f);
                for (Pose3dSequence.Frame f : seq.frames()) {
                    assertEquals(0f, f.joints()[0][0], 1e-5f);
                    assertTrue(f.root()[2] >= RootEstimator.MIN_DEPTH_METRES);
                }
            }
        }
    }

    @Test
    void streamingModeGivesExactlyWhatTheLiveStageGives() throws Exception {
        boolean[] person = new boolean[40];
        Arrays.fill(person, true);
        person[0] = false; // before the first person
        person[1] = false;
        person[7] = false; // short gap
        for (int i = 15; i < 29; i++) {
            person[i] = false; // long gap (14 frames): 10 held, 4 invalid
        }
        KeypointTrack track = GapFillerTest.track(person);
        try (PoseLifter lifter = PoseLifter.open(PoseLifterTest.resource("tiny-seq2seq.onnx"))) {
            Pose3dSequence seq = new ClipLifter(ClipLifter.Mode.STREAMING, 3, 2, false, 0).lift(track, lifter, "tiny");
            List<Pose3dSample> live = new ArrayList<>();
            LiveLifter stage = new LiveLifter(lifter, "tiny", 3, 2, false, 0, LiveLifter.DEFAULT_MAX_GAP_FRAMES);
            for (int i = 0; i < track.size(); i++) {
                live.addAll(stage.push(ClipLifter.sample(track, i)));
            }
            live.addAll(stage.flush());
            assertLiveEqualsFile(live, seq);
            assertFalse(seq.frames().get(27).valid());
            assertTrue(seq.frames().get(24).valid() && seq.frames().get(24).interpolated());
        }
    }

    /**
     * Checks that a pose file holds the live stage's output: same validity, poses and roots on every frame
     * the live stage had a pose for (frames before the first person have none).
     */
    static void assertLiveEqualsFile(List<Pose3dSample> live, Pose3dSequence seq) {
        assertEquals(live.size(), seq.frames().size());
        for (int i = 0; i < live.size(); i++) {
            Pose3dSample p = live.get(i);
            Pose3dSequence.Frame f = seq.frames().get(i);
            assertEquals(p.frameIndex(), f.index());
            assertEquals(p.valid(), f.valid(), "frame " + i);
            if (p.root() == null) {
                assertFalse(f.valid());
                continue;
            }
            for (int j = 0; j < 17; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(p.joints()[3 * j + k], f.joints()[j][k], 1e-6f, "frame " + i + " joint " + j);
                }
            }
            assertArrayEquals(p.root(), f.root(), 1e-6f, "frame " + i);
        }
    }

    private static KeypointTrack walkerTrack(int frames, int swapFrom, int swapTo) {
        boolean[] person = new boolean[frames];
        long[] stamps = new long[frames];
        float[][][] joints = new float[frames][][];
        for (int i = 0; i < frames; i++) {
            person[i] = true;
            stamps[i] = i * 33_333_333L;
            joints[i] = i >= swapFrom && i < swapTo ? SideSwapsTest.swapped(SideSwapsTest.walker(i), true, true)
                    : SideSwapsTest.walker(i);
        }
        return new KeypointTrack("walker", 640, 480, 30, 0, stamps, person, joints);
    }

    @Test
    void bothModesLiftABrieflySwappedTrackAsTheUnswappedOneUnlessTold() throws Exception {
        KeypointTrack clean = walkerTrack(40, 0, 0);
        KeypointTrack swapped = walkerTrack(40, 12, 15);
        for (ClipLifter.Mode mode : ClipLifter.Mode.values()) {
            Pose3dSequence want = new ClipLifter(mode, 0, 0, false, 0).lift(clean, FakeModels.perFrame(9, 9, 0), "f");
            Pose3dSequence got = new ClipLifter(mode, 0, 0, false, 0).lift(swapped, FakeModels.perFrame(9, 9, 0), "f");
            Pose3dSequence raw = new ClipLifter(mode, 0, 0, false, 0).undoSideSwaps(false)
                    .lift(swapped, FakeModels.perFrame(9, 9, 0), "f");
            for (int i = 0; i < 40; i++) {
                for (int j = 0; j < 17; j++) {
                    assertArrayEquals(want.frames().get(i).joints()[j], got.frames().get(i).joints()[j], 1e-5f,
                            mode + " frame " + i + " joint " + j);
                }
            }
            float[] wrist = raw.frames().get(13).joints()[H36mJoints.L_WRIST];
            float[] true13 = want.frames().get(13).joints()[H36mJoints.L_WRIST];
            assertTrue(Math.abs(wrist[0] - true13[0]) > 0.05, mode + ": the swap reaches the lifter when not undone");
        }
    }

    @Test
    void singleFrameClipWorks() throws Exception {
        KeypointTrack one = GapFillerTest.track(new boolean[] {true});
        try (PoseLifter lifter = PoseLifter.open(PoseLifterTest.resource("tiny-seq2frame.onnx"))) {
            assertEquals(1, new ClipLifter(ClipLifter.Mode.OFFLINE, 0, 0, false, 800).lift(one, lifter, "t").frames().size());
            assertEquals(1, new ClipLifter(ClipLifter.Mode.STREAMING, 0, 0, false, 800).lift(one, lifter, "t").frames().size());
        }
    }

    @Test
    void offlineMatchesAPerFrameModelExactly() throws Exception {
        float[][][] clip = FakeModels.clip(23);
        float[][][] out = new ClipLifter(ClipLifter.Mode.STREAMING, 3, 2, false, 0)
                .liftNormalised(FakeModels.perFrame(9, 9, 0), clip);
        for (int t = 0; t < clip.length; t++) {
            assertEquals(FakeModels.expected(clip[t][4])[2], out[t][4][2], 1e-6f);
        }
    }

    @Test
    void nonFiniteModelOutputIsAnError() {
        WindowModel broken = new WindowModel() {
            @Override
            public int frames() {
                return 3;
            }

            @Override
            public int outputFrames() {
                return 3;
            }

            @Override
            public float[][][] run(float[][][] window) {
                float[][][] out = new float[3][17][3];
                out[1][2][0] = Float.NaN;
                return out;
            }
        };
        MocapException e = assertThrows(MocapException.class, () -> new ClipLifter(ClipLifter.Mode.OFFLINE, 0, 0, false, 0)
                .lift(GapFillerTest.track(new boolean[] {true, true}), broken, "broken"));
        assertTrue(e.getMessage().contains("non-finite"));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ClipLifter(null, 0, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClipLifter(ClipLifter.Mode.OFFLINE, -1, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClipLifter(ClipLifter.Mode.OFFLINE, 0, 0, false, -5));
        assertThrows(IllegalArgumentException.class, () -> ClipLifter.Mode.parse("live"));
        assertEquals(ClipLifter.Mode.STREAMING, ClipLifter.Mode.parse("Streaming"));
    }
}
