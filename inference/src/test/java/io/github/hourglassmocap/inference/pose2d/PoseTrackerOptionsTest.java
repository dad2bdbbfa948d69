package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.model.PoseModelFile;
import org.junit.jupiter.api.Test;

class PoseTrackerOptionsTest {
    @Test
    void defaultsAndCopies() {
        PoseTrackerOptions d = PoseTrackerOptions.defaults();
        assertEquals(PoseModelFile.FULL, d.model());
        assertEquals(1, d.threads());
        assertFalse(d.smoothing());
        assertEquals(0.5f, d.minPoseScore(), 0f);
        PoseTrackerOptions o = d.withModel(PoseModelFile.LITE).withThreads(2).withSmoothing(true);
        assertEquals(PoseModelFile.LITE, o.model());
        assertEquals(2, o.threads());
        assertTrue(o.smoothing());
    }

    @Test
    void validation() {
        PoseTrackerOptions d = PoseTrackerOptions.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withModel(PoseModelFile.DETECTOR));
        assertTrue(e.getMessage().contains("[lite, full, heavy]"));
        assertThrows(IllegalArgumentException.class, () -> d.withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> new PoseTrackerOptions(PoseModelFile.LITE, 1, 1.5f, 0.5f, false, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PoseTrackerOptions(PoseModelFile.LITE, 1, 0.5f, Float.NaN, false, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PoseTrackerOptions(PoseModelFile.LITE, 1, 0.5f, 0.5f, true, 0, 0));
    }
}
