package io.github.hourglassmocap.inference.pipeline;

import java.util.ArrayDeque;

/**
 * Events per second over a sliding window, and a running mean of durations. Thread-safe.
 */
final class RateMeter {
    private final long windowNanos;
    private final ArrayDeque<Long> times = new ArrayDeque<>();
    private final double alpha;
    private double meanMs = Double.NaN;
    private long count;
    private double sumMs;

    /**
     * Creates a meter.
     *
     * @param windowSeconds the sliding window for the rate (in seconds, &gt;0)
     * @param smoothing the weight of each new duration in the running mean (0 &lt; smoothing &le; 1)
     */
    public RateMeter(double windowSeconds, double smoothing) {
        if (!(windowSeconds > 0) || !(smoothing > 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("windowSeconds must be > 0 and smoothing in (0, 1]; got "
                    + windowSeconds + ", " + smoothing);
        }
        this.windowNanos = (long) (windowSeconds * 1e9);
        this.alpha = smoothing;
    }

    /**
     * Records one event.
     *
     * @param nowNanos the event time ({@link System#nanoTime()} clock)
     * @param durationNanos how long the event took (in nanoseconds, &ge;0)
     */
    public synchronized void record(long nowNanos, long durationNanos) {
        times.addLast(nowNanos);
        while (!times.isEmpty() && nowNanos - times.peekFirst() > windowNanos) {
            times.pollFirst();
        }
        double ms = durationNanos / 1e6;
        meanMs = Double.isNaN(meanMs) ? ms : meanMs + alpha * (ms - meanMs);
        count++;
        sumMs += ms;
    }

    /**
     * Returns the mean duration over every event recorded.
     *
     * @return milliseconds (0 before the first event)
     */
    public synchronized double overallMeanMillis() {
        return count == 0 ? 0 : sumMs / count;
    }

    /**
     * Returns the rate over the window ending now.
     *
     * @param nowNanos the current time ({@link System#nanoTime()} clock)
     * @return events per second (0 when fewer than two events are in the window)
     */
    public synchronized double ratePerSecond(long nowNanos) {
        while (!times.isEmpty() && nowNanos - times.peekFirst() > windowNanos) {
            times.pollFirst();
        }
        if (times.size() < 2) {
            return 0;
        }
        long span = times.peekLast() - times.peekFirst();
        return span <= 0 ? 0 : (times.size() - 1) * 1e9 / span;
    }

    /**
     * Returns the running mean duration.
     *
     * @return milliseconds (0 before the first event)
     */
    public synchronized double meanMillis() {
        return Double.isNaN(meanMs) ? 0 : meanMs;
    }

    /**
     * Returns how many events were recorded.
     *
     * @return the count (&ge;0)
     */
    public synchronized long count() {
        return count;
    }
}
