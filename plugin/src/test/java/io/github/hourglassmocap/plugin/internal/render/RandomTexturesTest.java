package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomTexturesTest {
    @Test
    void theSameSeedGivesTheSameBytes() {
        assertArrayEquals(RandomTextures.clutter(42, 64, 10), RandomTextures.clutter(42, 64, 10));
    }

    @Test
    void anotherSeedGivesAnotherTexture() {
        byte[] a = RandomTextures.clutter(1, 64, 10);
        byte[] b = RandomTextures.clutter(2, 64, 10);
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                differing++;
            }
        }
        assertTrue(differing > a.length / 2, differing + " of " + a.length + " bytes differ");
    }

    @Test
    void isOpaqueAndVaried() {
        byte[] t = RandomTextures.clutter(7, 128, 20);
        assertEquals(128 * 128 * 4, t.length);
        Set<Integer> colours = new HashSet<>();
        for (int i = 0; i < t.length; i += 4) {
            assertEquals((byte) 255, t[i + 3], "alpha");
            colours.add(((t[i] & 0xff) << 16) | ((t[i + 1] & 0xff) << 8) | (t[i + 2] & 0xff));
        }
        assertTrue(colours.size() > 200, "a cluttered texture has many colours: " + colours.size());
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> RandomTextures.clutter(1, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> RandomTextures.clutter(1, 64, -1));
    }
}
