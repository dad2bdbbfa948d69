package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetargetResultTest {
    /** The sampled walk with its frames moved to the given times (in milliseconds). */
    private static SourceSequence retimed(long... millis) {
        SourceSequence even = SolveFixtures.sampleClip("jaime", "Walk", 30);
        List<SourceFrame> frames = new ArrayList<>();
        for (int i = 0; i < millis.length; i++) {
            SourceFrame f = even.get(i);
            frames.add(new SourceFrame(millis[i] * 1_000_000L, f.getJoints(), f.getRoot(), f.getConfidence(), true));
        }
        return new SourceSequence(30, frames);
    }

    @Test
    void keyTimesAreTheFramesOwnTimesFromTheFirst() {
        long[] ms = {500, 600, 700, 800, 833, 867, 900, 1400, 1433};
        RetargetResult r = new OfflineRetargeter(SolveFixtures.rig("jaime"), RetargetOptions.defaults()).run(retimed(ms));
        double[] t = r.getKeyTimesSeconds();
        assertEquals(ms.length, t.length);
        for (int i = 0; i < ms.length; i++) {
            assertEquals((ms[i] - ms[0]) / 1000.0, t[i], 1e-9, "key " + i);
            assertEquals(ms[i] * 1_000_000L, r.getTimestampNanos(i));
        }
    }

    @Test
    void repeatedOrBackwardTimesStillGiveIncreasingKeys() {
        // The retargeters refuse such input; a result built from it directly must still give usable keys.
        long[] ms = {0, 33, 33, 20, 100};
        CharacterRig rig = SolveFixtures.rig("jaime");
        RetargetResult solved = new OfflineRetargeter(rig, RetargetOptions.defaults())
                .run(retimed(0, 33, 66, 100, 133));
        boolean[][] contacts = new boolean[2][ms.length];
        RetargetResult r = new RetargetResult(rig, retimed(ms), solved.getPoses(), contacts, solved.getMetrics());
        double[] t = r.getKeyTimesSeconds();
        double step = RetargetResult.MIN_KEY_STEP_SECONDS;
        assertEquals(0.0, t[0], 1e-12);
        assertEquals(0.033, t[1], 1e-9);
        assertEquals(0.033 + step, t[2], 1e-9);
        assertEquals(0.033 + 2 * step, t[3], 1e-9);
        assertEquals(0.100, t[4], 1e-9);
    }
}
