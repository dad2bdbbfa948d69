package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.DecodeException;
import org.junit.jupiter.api.Test;

class GapFillerTest {
    private static final float TOL = 1e-4f;

    /** A track where frame t has joint j at (10 t + j, 2 t), confidence 0.9, unless person[t] is false. */
    static KeypointTrack track(boolean[] person) {
        int t = person.length;
        float[][][] joints = new float[t][17][3];
        long[] ts = new long[t];
        for (int i = 0; i < t; i++) {
            ts[i] = i * 33_333_333L;
            for (int j = 0; j < 17; j++) {
                joints[i][j] = person[i] ? new float[] {10 * i + j, 2 * i, 0.9f} : new float[] {Float.NaN, Float.NaN, 0};
            }
        }
        return new KeypointTrack("test", 641, 479, 30, 0, ts, person, joints);
    }

    @Test
    void shortGapsAreInterpolatedAndLongGapsMarked() throws Exception {
        boolean[] person = new boolean[20];
        java.util.Arrays.fill(person, true);
        person[3] = false;
        person[4] = false; // short gap: 2 frames
        for (int i = 8; i < 16; i++) {
            person[i] = false; // long gap: 8 frames
        }
        GapFiller.Result r = new GapFiller(0.3f, 9, 3).fill(track(person));
        assertTrue(r.valid()[3] && r.interpolated()[3]);
        assertEquals(10 * 3 + 5, r.joints()[3][5][0], TOL);
        assertEquals(2 * 4, r.joints()[4][5][1], TOL);
        for (int i = 8; i < 16; i++) {
            assertFalse(r.valid()[i]);
            assertTrue(r.interpolated()[i]);
        }
        assertTrue(r.valid()[16] && !r.interpolated()[16]);
        assertEquals(0f, r.confidence()[10][0], 0f);
        assertEquals(0.9f, r.confidence()[0][0], TOL);
        for (float[][] f : r.joints()) {
            for (float[] j : f) {
                assertTrue(Float.isFinite(j[0]) && Float.isFinite(j[1]));
            }
        }
    }

    @Test
    void nanAndLowConfidenceJointsAreFilledPerJoint() throws Exception {
        boolean[] person = {true, true, true};
        KeypointTrack base = track(person);
        float[][][] joints = new float[3][][];
        for (int i = 0; i < 3; i++) {
            joints[i] = base.joints(i);
        }
        joints[1][4] = new float[] {Float.NaN, Float.NaN, 0.9f};
        joints[1][6] = new float[] {999, 999, 0.05f};
        KeypointTrack t = new KeypointTrack("test", 641, 479, 30, 0, new long[3], person, joints);
        GapFiller.Result r = new GapFiller(0.3f, 9, 3).fill(t);
        assertTrue(r.valid()[1]);
        assertFalse(r.interpolated()[1]);
        assertEquals(10 + 4, r.joints()[1][4][0], TOL);
        assertEquals(10 + 6, r.joints()[1][6][0], TOL);
        assertEquals(0f, r.confidence()[1][6], 0f);
    }

    @Test
    void gapsAtTheEndsAreHeld() throws Exception {
        boolean[] person = {false, true, true, false};
        GapFiller.Result r = new GapFiller(0.3f, 9, 1).fill(track(person));
        assertEquals(10 + 2, r.joints()[0][2][0], TOL);
        assertEquals(20 + 2, r.joints()[3][2][0], TOL);
        assertTrue(r.valid()[0] && r.valid()[3]);
    }

    @Test
    void noPersonAnywhereIsAClearError() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> GapFiller.defaults(30).fill(track(new boolean[] {false, false})));
        assertTrue(e.getMessage().contains("nothing to lift"), e.getMessage());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GapFiller(1.5f, 9, 3));
        assertThrows(IllegalArgumentException.class, () -> new GapFiller(0.3f, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new GapFiller(0.3f, 9, -1));
    }
}
