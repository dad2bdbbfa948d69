package io.github.hourglassmocap.inference.video;

import java.util.concurrent.locks.LockSupport;

/**
 * The time source {@link ReplayAsLiveSource} paces by: a monotonic clock and a way to wait on it. Tests pass
 * a fake whose sleep advances its own time, so pacing is checked without real waiting.
 */
public interface LiveClock {
    /**
     * Returns the current time of a monotonic clock.
     *
     * @return nanoseconds from an arbitrary origin (differences are meaningful, absolute values are not)
     */
    long nanoTime();

    /**
     * Waits until {@code nanos} have passed on this clock.
     *
     * @param nanos how long to wait (in nanoseconds; &le;0 returns at once)
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleepNanos(long nanos) throws InterruptedException;

    /**
     * Returns the real clock: {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}.
     *
     * @return the shared instance
     */
    static LiveClock system() {
        return SystemClock.INSTANCE;
    }

    /** The real clock. */
    final class SystemClock implements LiveClock {
        static final SystemClock INSTANCE = new SystemClock();

        private SystemClock() {
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while pacing a live replay");
                }
            }
        }
    }
}
