package io.github.hourglassmocap.inference.video;

import io.github.hourglassmocap.inference.DecodeException;
import java.nio.ByteBuffer;

/**
 * A test source of tiny frames at a fixed rate, optionally failing at one frame: a stand-in for a real source
 * when a wrapper's own logic is under test. Like real sources it reuses one buffer, holding the frame index.
 */
final class ListSource implements FrameSource {
    private final int count;
    private final double rate;
    private final int failAt;
    private final RuntimeException runtimeFailure;
    private final ByteBuffer buffer = ByteBuffer.allocate(3 * 4 * 2);
    private int next;
    boolean closed;
    int grabs;

    /** A source of {@code count} frames at {@code rate}; at index {@code failAt} (or never if &lt;0) it fails. */
    ListSource(int count, double rate, int failAt, RuntimeException runtimeFailure) {
        this.count = count;
        this.rate = rate;
        this.failAt = failAt;
        this.runtimeFailure = runtimeFailure;
    }

    ListSource(int count, double rate) {
        this(count, rate, -1, null);
    }

    @Override
    public Frame grab() throws DecodeException {
        if (closed) {
            throw new IllegalStateException("ListSource is closed");
        }
        grabs++;
        if (next == failAt) {
            if (runtimeFailure != null) {
                throw runtimeFailure;
            }
            throw new DecodeException("list:test died at frame " + next);
        }
        if (next >= count) {
            return null;
        }
        buffer.put(0, (byte) next);
        long index = next++;
        return new Frame(4, 2, 12, buffer, Math.round(index * 1e9 / rate), index);
    }

    @Override
    public double frameRateHz() {
        return rate;
    }

    @Override
    public boolean isLive() {
        return false;
    }

    @Override
    public String describe() {
        return "list:test";
    }

    @Override
    public void close() {
        closed = true;
    }
}
