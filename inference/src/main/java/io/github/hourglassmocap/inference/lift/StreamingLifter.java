package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.util.ArrayList;
import java.util.List;

/**
 * Lifts a live stream: frames go in one at a time, and the pose of frame t comes out once frame t + L has
 * arrived (L = look-ahead; 0 = causal). Not thread-safe.
 *
 * <p>A sequence-to-sequence model runs a window every {@code stride} frames, ending at the newest frame,
 * and emits every pose that has become ready since the last run, so one window serves {@code stride}
 * frames: frame t is read from window position F-1-(newest-t), which gives it between L and L+stride-1
 * frames of look-ahead. Frames before the first are padded by repeating the first frame. A centre-frame
 * model runs one window per frame (stride 1), centred on the frame, with frames beyond the newest padded by
 * repeating the newest.
 *
 * <p>Added latency per frame, at a frame rate r: L/r for the look-ahead, plus up to (stride-1)/r waiting for
 * the next window (on average (stride-1)/(2r)), plus the window's compute time.
 */
final class StreamingLifter {
    /**
     * One pose emitted by the stream.
     *
     * @param frame the 0-based index of the frame the pose belongs to
     * @param joints [17][3]: metres, camera frame, root-relative (owned by the receiver)
     */
    public record Emitted(int frame, float[][] joints) {
    }

    private final WindowModel model;
    private final int lookahead;
    private final int stride;
    private final int frames;
    private final boolean seq2seq;
    private final float[][][] history;
    private int received;
    private int emitted;

    /**
     * Creates a stream.
     *
     * @param model the window model (not null)
     * @param lookahead the look-ahead L in frames (0..F-1; at most F/2 for a centre-frame model)
     * @param stride frames per window run (1..F-L for a sequence-to-sequence model; 1 for a centre-frame model)
     */
    public StreamingLifter(WindowModel model, int lookahead, int stride) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        this.model = model;
        this.frames = model.frames();
        this.seq2seq = model.outputFrames() != 1;
        int maxLookahead = seq2seq ? frames - 1 : frames - 1 - frames / 2;
        if (lookahead < 0 || lookahead > maxLookahead) {
            throw new IllegalArgumentException("lookahead " + lookahead + " out of range; expected 0.." + maxLookahead
                    + " for a window of " + frames + " frames");
        }
        int maxStride = seq2seq ? frames - lookahead : 1;
        if (stride < 1 || stride > maxStride) {
            throw new IllegalArgumentException("stride " + stride + " out of range; expected 1.." + maxStride
                    + (seq2seq ? " (window " + frames + " minus lookahead " + lookahead + ")"
                            : " (this model yields one frame per window)"));
        }
        this.lookahead = lookahead;
        this.stride = stride;
        this.history = new float[frames][][];
    }

    /**
     * Returns the look-ahead in frames.
     *
     * @return L (&ge;0)
     */
    public int lookahead() {
        return lookahead;
    }

    /**
     * Returns the stride in frames.
     *
     * @return frames per window run (&ge;1)
     */
    public int stride() {
        return stride;
    }

    /**
     * Adds the next frame and returns the poses that became ready.
     *
     * @param joints [17][≥2] screen-normalised 2D joints, finite (not null; copied)
     * @return a new list, possibly empty, in frame order
     * @throws MocapException if the model fails
     */
    public List<Emitted> push(float[][] joints) throws MocapException {
        if (joints == null || joints.length != H36mJoints.COUNT) {
            throw new IllegalArgumentException("joints must hold " + H36mJoints.COUNT + " joints");
        }
        float[][] copy = new float[H36mJoints.COUNT][];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            copy[j] = new float[] {joints[j][0], joints[j][1]};
        }
        history[received % frames] = copy;
        received++;
        int newest = received - 1;
        int ready = newest - lookahead - emitted + 1;
        if (ready >= stride) {
            return emitUpTo(newest, newest - lookahead);
        }
        return List.of();
    }

    /**
     * Ends the stream: emits every pose still waiting for its look-ahead, with the missing future padded
     * by repeating the newest frame.
     *
     * @return a new list, possibly empty, in frame order
     * @throws MocapException if the model fails
     */
    public List<Emitted> flush() throws MocapException {
        if (emitted >= received) {
            return List.of();
        }
        return emitUpTo(received - 1, received - 1);
    }

    private List<Emitted> emitUpTo(int newest, int last) throws MocapException {
        List<Emitted> out = new ArrayList<>(last - emitted + 1);
        if (seq2seq) {
            float[][][] window = new float[frames][][];
            int start = newest - frames + 1;
            for (int k = 0; k < frames; k++) {
                window[k] = frame(Math.max(0, start + k));
            }
            float[][][] y = model.run(window);
            for (int t = emitted; t <= last; t++) {
                out.add(new Emitted(t, y[t - start]));
            }
        } else {
            int centre = frames / 2;
            float[][][] window = new float[frames][][];
            for (int t = emitted; t <= last; t++) {
                for (int k = 0; k < frames; k++) {
                    window[k] = frame(Math.max(0, Math.min(newest, t - centre + k)));
                }
                out.add(new Emitted(t, model.run(window)[0]));
            }
        }
        emitted = last + 1;
        return out;
    }

    private float[][] frame(int index) {
        assert index > received - 1 - frames && index < received : "frame " + index + " no longer buffered";
        return history[index % frames];
    }
}
