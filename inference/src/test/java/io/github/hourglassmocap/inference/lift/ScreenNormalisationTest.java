package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScreenNormalisationTest {
    @Test
    void mapsCornersAndCentreAndInverts() {
        float[] s = new float[2];
        ScreenNormalisation.normalise(0, 0, 641, 479, s);
        assertEquals(-1f, s[0], 1e-6f);
        assertEquals(-479f / 641f, s[1], 1e-6f);
        ScreenNormalisation.normalise(320.5f, 239.5f, 641, 479, s);
        assertEquals(0f, s[0], 1e-6f);
        assertEquals(0f, s[1], 1e-6f);
        ScreenNormalisation.normalise(641, 479, 641, 479, s);
        assertEquals(1f, s[0], 1e-6f);
        assertEquals(479f / 641f, s[1], 1e-6f);
        float[] back = new float[2];
        ScreenNormalisation.normalise(12.25f, 400.5f, 641, 479, s);
        ScreenNormalisation.denormalise(s[0], s[1], 641, 479, back);
        assertEquals(12.25f, back[0], 1e-3f);
        assertEquals(400.5f, back[1], 1e-3f);
    }

    @Test
    void sequenceVersionChecksSize() {
        float[][][] px = {{{641, 0, 0.5f}}};
        float[][][] n = ScreenNormalisation.normalise(px, 641, 479);
        assertEquals(1f, n[0][0][0], 1e-6f);
        assertEquals(2, n[0][0].length);
        assertThrows(IllegalArgumentException.class, () -> ScreenNormalisation.normalise(px, 0, 479));
    }
}
