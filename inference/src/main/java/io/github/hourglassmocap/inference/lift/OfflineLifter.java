package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;

/**
 * Lifts a whole clip at once, so every frame gets context on both sides. The clip is padded at each end
 * by repeating its first and last frames (as VideoPose3D does), so short clips, even single frames, work.
 *
 * <p>A sequence-to-sequence model (output F frames) runs overlapping windows every {@code stride} frames;
 * where windows overlap their outputs are blended with triangular weights (a frame counts most from the
 * window it sits in the middle of, where it has the most context). A model that outputs only the centre
 * frame runs one window per frame.
 */
final class OfflineLifter {
    private final WindowModel model;
    private final int stride;

    /**
     * Creates a lifter.
     *
     * @param model the window model (not null; wrap it in {@link FlipAveragedModel} for flip augmentation)
     * @param stride frames between window starts for sequence-to-sequence models (1..F; ignored for
     *     centre-frame models)
     */
    public OfflineLifter(WindowModel model, int stride) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (stride < 1 || stride > model.frames()) {
            throw new IllegalArgumentException("stride " + stride + " out of range; expected 1.." + model.frames());
        }
        this.model = model;
        this.stride = stride;
    }

    /**
     * Returns the default stride for a window length: F/3, at least 1 (every frame is seen by about three
     * windows).
     *
     * @param frames the window length F (&ge;1)
     * @return the stride (&ge;1)
     */
    public static int defaultStride(int frames) {
        return Math.max(1, frames / 3);
    }

    /**
     * Returns how many windows {@link #lift} runs for a clip.
     *
     * @param clipFrames the clip length (&ge;1)
     * @return the window count (&ge;1)
     */
    public int windowCount(int clipFrames) {
        int f = model.frames();
        if (model.outputFrames() == 1) {
            return clipFrames;
        }
        int padded = clipFrames + 2 * (f / 2);
        return 1 + (padded - f + stride - 1) / stride;
    }

    /**
     * Lifts a clip.
     *
     * @param clip [T][17][≥2] screen-normalised 2D joints, all finite (not null, T &ge; 1, unaffected)
     * @return a new array [T][17][3]: metres, camera frame, root-relative
     * @throws MocapException if the model fails
     */
    public float[][][] lift(float[][][] clip) throws MocapException {
        if (clip == null || clip.length == 0) {
            throw new IllegalArgumentException("clip must hold at least one frame");
        }
        int f = model.frames();
        int t = clip.length;
        float[][][] out = new float[t][H36mJoints.COUNT][3];
        if (model.outputFrames() == 1) {
            int centre = f / 2;
            float[][][] window = new float[f][][];
            for (int i = 0; i < t; i++) {
                for (int k = 0; k < f; k++) {
                    window[k] = clip[clamp(i - centre + k, t)];
                }
                out[i] = model.run(window)[0];
            }
            return out;
        }
        int pad = f / 2;
        int padded = t + 2 * pad;
        float[] weightSum = new float[t];
        float[][][] window = new float[f][][];
        int windows = windowCount(t);
        for (int w = 0; w < windows; w++) {
            int start = Math.min(w * stride, padded - f);
            for (int k = 0; k < f; k++) {
                window[k] = clip[clamp(start + k - pad, t)];
            }
            float[][][] y = model.run(window);
            for (int k = 0; k < f; k++) {
                int i = start + k - pad;
                if (i < 0 || i >= t) {
                    continue;
                }
                float weight = Math.min(k + 1, f - k);
                weightSum[i] += weight;
                for (int j = 0; j < H36mJoints.COUNT; j++) {
                    for (int d = 0; d < 3; d++) {
                        out[i][j][d] += weight * y[k][j][d];
                    }
                }
            }
        }
        for (int i = 0; i < t; i++) {
            assert weightSum[i] > 0 : "frame " + i + " not covered by any window";
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                for (int d = 0; d < 3; d++) {
                    out[i][j][d] /= weightSum[i];
                }
            }
        }
        return out;
    }

    private static int clamp(int i, int t) {
        return i < 0 ? 0 : (i >= t ? t - 1 : i);
    }
}
