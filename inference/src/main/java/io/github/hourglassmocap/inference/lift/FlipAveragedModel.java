package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;

/**
 * Flip test-time augmentation around any {@link WindowModel}: each window is lifted twice, as given and
 * mirrored (x negated in screen-normalised coordinates, left and right joints swapped through
 * {@link H36mJoints#mirror}), the mirrored result is mirrored back (3D x negated, joints swapped) and the
 * two are averaged. Twice the cost of the wrapped model.
 */
final class FlipAveragedModel implements WindowModel {
    private final WindowModel inner;

    /**
     * Wraps a model.
     *
     * @param inner the model to run twice per window (not null)
     */
    public FlipAveragedModel(WindowModel inner) {
        if (inner == null) {
            throw new IllegalArgumentException("inner model must not be null");
        }
        this.inner = inner;
    }

    @Override
    public int frames() {
        return inner.frames();
    }

    @Override
    public int outputFrames() {
        return inner.outputFrames();
    }

    @Override
    public float[][][] run(float[][][] window) throws MocapException {
        float[][][] plain = inner.run(window);
        float[][][] mirrored = inner.run(mirror2d(window));
        float[][][] out = new float[plain.length][H36mJoints.COUNT][3];
        for (int t = 0; t < plain.length; t++) {
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                float[] m = mirrored[t][H36mJoints.mirror(j)];
                out[t][j][0] = 0.5f * (plain[t][j][0] - m[0]);
                out[t][j][1] = 0.5f * (plain[t][j][1] + m[1]);
                out[t][j][2] = 0.5f * (plain[t][j][2] + m[2]);
            }
        }
        return out;
    }

    /**
     * Mirrors a window of screen-normalised 2D joints about the image's vertical centre line.
     *
     * @param window [frames][17][≥2] (not null, unaffected)
     * @return a new array [frames][17][2]
     */
    public static float[][][] mirror2d(float[][][] window) {
        float[][][] out = new float[window.length][H36mJoints.COUNT][2];
        for (int t = 0; t < window.length; t++) {
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                float[] src = window[t][H36mJoints.mirror(j)];
                out[t][j][0] = -src[0];
                out[t][j][1] = src[1];
            }
        }
        return out;
    }
}
