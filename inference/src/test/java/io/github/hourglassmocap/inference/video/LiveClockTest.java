package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiveClockTest {
    @Test
    void theSystemClockSleepsAtLeastAsLongAsAsked() throws Exception {
        LiveClock clock = LiveClock.system();
        assertSame(clock, LiveClock.system());
        long t0 = clock.nanoTime();
        clock.sleepNanos(20_000_000L);
        long slept = clock.nanoTime() - t0;
        assertTrue(slept >= 20_000_000L, "slept " + slept + " ns");
        clock.sleepNanos(0);
        clock.sleepNanos(-5);
    }

    @Test
    void anInterruptEndsTheSleepWithInterruptedException() {
        Thread.currentThread().interrupt();
        long t0 = System.nanoTime();
        assertThrows(InterruptedException.class, () -> LiveClock.system().sleepNanos(5_000_000_000L));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "returned promptly");
        assertTrue(!Thread.currentThread().isInterrupted(), "the flag is consumed by the exception");
    }
}
