package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiveRetargeterTest {
    @ParameterizedTest
    @CsvSource({"jaime,Walk,sinbad", "ninja,Walk,jaime", "sinbad,Dance,ninja"})
    void liveRunMeetsTheTargets(String from, String clip, String to) {
        SourceSequence source = SolveFixtures.sampleClip(from, clip, 30);
        RetargetResult r = new LiveRetargeter(SolveFixtures.rig(to), RetargetOptions.defaults()).runClip(source);
        RetargetMetrics m = r.getMetrics();
        System.out.println("live " + from + "/" + clip + " -> " + to + "\n" + m.format());
        assertEquals(source.size(), r.getPoses().size());
        assertTrue(m.getMeanErrorDegrees() < 3.0, "mean " + m.getMeanErrorDegrees());
        assertTrue(m.getP95ErrorDegrees() < 8.0, "p95 " + m.getP95ErrorDegrees());
    }

    @Test
    void rejectsTimeGoingBackwards() {
        SourceSequence source = SolveFixtures.sampleClip("jaime", "Walk", 30);
        LiveRetargeter live = new LiveRetargeter(SolveFixtures.rig("jaime"), RetargetOptions.defaults());
        live.update(source.get(1));
        assertThrows(IllegalArgumentException.class, () -> live.update(source.get(0)));
    }
}
