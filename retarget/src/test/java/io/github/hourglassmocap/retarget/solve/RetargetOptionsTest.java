package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RetargetOptionsTest {
    @Test
    void withersChangeOneSettingEach() {
        RetargetOptions d = RetargetOptions.defaults();
        RetargetOptions o = d.withInPlace(true).withFootLocking(false).withOfflineCutoffHz(4).withOneEuro(2, 1)
                .withContactThresholds(0.1f, 0.3f).withWarmUpFrames(10);
        assertFalse(d.isInPlace());
        assertTrue(o.isInPlace());
        assertFalse(o.isFootLocking());
        assertEquals(4.0, o.getOfflineCutoffHz(), 0.0);
        assertEquals(2.0, o.getOneEuroMinCutoffHz(), 0.0);
        assertEquals(1.0, o.getOneEuroBeta(), 0.0);
        assertEquals(0.1f, o.getContactHeightRatio(), 0f);
        assertEquals(0.3f, o.getContactSpeedRatio(), 0f);
        assertEquals(10, o.getWarmUpFrames());
    }

    @Test
    void rejectsBadValues() {
        RetargetOptions d = RetargetOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withOfflineCutoffHz(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withOneEuro(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> d.withContactThresholds(0, 1));
        assertThrows(IllegalArgumentException.class, () -> d.withWarmUpFrames(0));
    }
}
