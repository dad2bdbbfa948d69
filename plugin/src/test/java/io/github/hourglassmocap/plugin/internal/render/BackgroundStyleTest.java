package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackgroundStyleTest {
    @Test
    void parsesIgnoringCaseAndRoundTripsItsId() {
        assertEquals(BackgroundStyle.TEXTURE, BackgroundStyle.parse(" Texture "));
        for (BackgroundStyle s : BackgroundStyle.values()) {
            assertEquals(s, BackgroundStyle.parse(s.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackgroundStyle.parse("sky"));
        assertTrue(e.getMessage().contains("sky") && e.getMessage().contains("studio, plain, texture"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BackgroundStyle.parse(null));
    }
}
