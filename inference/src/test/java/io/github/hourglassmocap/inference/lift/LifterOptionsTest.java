package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LifterOptionsTest {
    @Test
    void defaultsAndCopies() {
        LifterOptions d = LifterOptions.defaults();
        assertEquals(LifterOptions.Device.CPU, d.device());
        assertEquals(LifterOptions.Fallback.FAIL, d.fallback());
        assertTrue(d.threads() >= 1);
        LifterOptions c = d.withDevice(LifterOptions.Device.CUDA).withFallback(LifterOptions.Fallback.CPU).withThreads(3)
                .withVerifyChecksum(false);
        assertEquals(LifterOptions.Device.CUDA, c.device());
        assertEquals(LifterOptions.Fallback.CPU, c.fallback());
        assertEquals(3, c.threads());
        assertFalse(c.verifyChecksum());
        assertEquals(LifterOptions.Device.CPU, d.device());
    }

    @Test
    void parsingNamesTheChoices() {
        assertEquals(LifterOptions.Device.CUDA, LifterOptions.Device.parse("CUDA"));
        assertEquals(LifterOptions.Fallback.CPU, LifterOptions.Fallback.parse("cpu"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LifterOptions.Device.parse("tpu"));
        assertTrue(e.getMessage().contains("[cpu, cuda]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LifterOptions.defaults().withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> LifterOptions.defaults().withDevice(null));
    }
}
