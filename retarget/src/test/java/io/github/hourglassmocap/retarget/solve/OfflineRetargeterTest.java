package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfflineRetargeterTest {
    @ParameterizedTest
    @CsvSource({"jaime,Walk,jaime", "jaime,Walk,sinbad", "jaime,Walk,ninja", "ninja,Walk,ninja", "ninja,Walk,jaime",
        "sinbad,Dance,sinbad", "sinbad,Dance,jaime", "ninja,Kick,sinbad", "jaime,Punches,ninja"})
    void retargetsCharacterClips(String from, String clip, String to) {
        SourceSequence source = SolveFixtures.sampleClip(from, clip, 30);
        CharacterRig rig = SolveFixtures.rig(to);
        RetargetResult r = new OfflineRetargeter(rig, RetargetOptions.defaults()).run(source);
        RetargetMetrics m = r.getMetrics();
        System.out.println(from + "/" + clip + " -> " + to + "\n" + m.format() + java.util.Arrays.toString(m.getLimbMeanDegrees()));
        assertEquals(source.size(), r.getPoses().size());
        assertTrue(m.getMeanErrorDegrees() < 3.0, "mean " + m.getMeanErrorDegrees());
        assertTrue(m.getP95ErrorDegrees() < 8.0, "p95 " + m.getP95ErrorDegrees());
    }
}
