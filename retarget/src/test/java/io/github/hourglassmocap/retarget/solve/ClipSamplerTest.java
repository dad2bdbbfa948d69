package io.github.hourglassmocap.retarget.solve;

import static io.github.hourglassmocap.inference.joints.H36mJoints.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ClipSamplerTest {
    @Test
    void samplesAtTheRateInMetres() {
        SourceSequence s = SolveFixtures.sampleClip("jaime", "Walk", 30);
        assertEquals((int) Math.floor(1.5416666 * 30) + 1, s.size());
        float leg = SkeletonFit.ofClip(s).getLegLength();
        assertEquals(0.85f, leg, 0.02f, "leg taken as 0.85 m");
        // The walk moves the feet.
        assertTrue(s.get(0).getJoint(L_ANKLE).distance(s.get(s.size() / 2).getJoint(L_ANKLE)) > 0.05f);
        assertThrows(IllegalArgumentException.class, () -> ClipSampler.sample(SolveFixtures.rig("jaime"),
                SolveFixtures.findComposer(SolveFixtures.model("jaime")).getAnimClip("Walk"), 0, 1f));
    }
}
