package io.github.hourglassmocap.inference.pipeline;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue between two pipeline threads that either drops its oldest element when full (live) or
 * blocks the producer (record). End-of-stream markers are never dropped. Package-private: an implementation
 * detail of {@link StreamingPipeline}.
 *
 * @param <T> the element type
 */
final class Handoff<T> {
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private long dropped;
    private boolean closed;

    Handoff(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be >= 1");
        }
        this.capacity = capacity;
    }

    /**
     * Adds an element.
     *
     * @param item the element (not null)
     * @param dropOldest true to drop the oldest droppable element when full, false to wait for room
     * @param marker true if the element must never be dropped (end of stream)
     * @return the number of elements dropped to make room (0 or 1)
     * @throws InterruptedException if interrupted while waiting
     */
    int put(T item, boolean dropOldest, boolean marker) throws InterruptedException {
        if (marker) {
            // End-of-stream markers go past the capacity: never dropped, never waiting, never dropping data.
            lock.lock();
            try {
                items.addLast(item);
                notEmpty.signal();
                return 0;
            } finally {
                lock.unlock();
            }
        }
        lock.lockInterruptibly();
        try {
            int drops = 0;
            if (dropOldest) {
                while (items.size() >= capacity && !closed) {
                    items.pollFirst();
                    drops++;
                }
            } else {
                while (items.size() >= capacity && !closed) {
                    notFull.await();
                }
            }
            if (closed) {
                return drops;
            }
            items.addLast(item);
            dropped += drops;
            notEmpty.signal();
            return drops;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest element, waiting for one.
     *
     * @param timeoutNanos the longest wait (in nanoseconds)
     * @return the element, or null on timeout or when closed and empty
     * @throws InterruptedException if interrupted while waiting
     */
    T take(long timeoutNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long left = timeoutNanos;
            while (items.isEmpty()) {
                if (closed || left <= 0) {
                    return null;
                }
                left = notEmpty.awaitNanos(left);
            }
            T t = items.pollFirst();
            notFull.signal();
            return t;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest element without waiting.
     *
     * @return the element, or null if none
     */
    T poll() {
        lock.lock();
        try {
            T t = items.pollFirst();
            if (t != null) {
                notFull.signal();
            }
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter and refuses further elements. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
