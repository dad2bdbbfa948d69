package io.github.hourglassmocap.retarget.solve;

import com.jme3.math.Vector3f;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The actor's bone lengths, fitted once so they do not jitter: the median of each of the 16 bones over the
 * clip (offline) or over a warm-up window (live; frozen once the window is full). {@link #normalise} rebuilds
 * a pose with the fitted lengths along the observed bone directions. Not thread-safe.
 */
final class SkeletonFit {
    private final int warmUpFrames;
    private final List<float[]> samples = new ArrayList<>();
    private float[] lengths;

    /**
     * Creates a live fit.
     *
     * @param warmUpFrames how many valid frames to take the median over before freezing (&ge;1)
     */
    public SkeletonFit(int warmUpFrames) {
        if (warmUpFrames < 1) {
            throw new IllegalArgumentException("warmUpFrames must be >= 1, got " + warmUpFrames);
        }
        this.warmUpFrames = warmUpFrames;
    }

    /**
     * Fits a whole clip (offline): the median over every valid frame.
     *
     * @param sequence the clip (not null)
     * @return a new frozen fit
     */
    public static SkeletonFit ofClip(SourceSequence sequence) {
        List<float[]> all = new ArrayList<>();
        for (SourceFrame f : sequence.getFrames()) {
            if (f.isValid()) {
                all.add(boneLengths(f.getJoints()));
            }
        }
        if (all.isEmpty()) {
            all.add(boneLengths(sequence.get(0).getJoints()));
        }
        SkeletonFit fit = new SkeletonFit(all.size());
        fit.samples.addAll(all);
        fit.freeze();
        return fit;
    }

    /**
     * Measures the 16 bones of a pose (bone {@code j} joins joint {@code j} to its parent; entry 0 is unused).
     *
     * @param joints 17 positions (not null, unaffected)
     * @return a new array of 17 lengths (same units as the input)
     */
    public static float[] boneLengths(Vector3f[] joints) {
        float[] l = new float[H36mJoints.COUNT];
        for (int j = 1; j < H36mJoints.COUNT; j++) {
            l[j] = joints[j].distance(joints[H36mJoints.parent(j)]);
        }
        return l;
    }

    /**
     * Adds a live frame to the warm-up window (ignored once frozen or for invalid frames).
     *
     * @param frame the frame (not null)
     */
    public void observe(SourceFrame frame) {
        if (lengths != null && samples.size() >= warmUpFrames) {
            return;
        }
        if (!frame.isValid()) {
            return;
        }
        samples.add(boneLengths(frame.getJoints()));
        freeze();
    }

    private void freeze() {
        float[] out = new float[H36mJoints.COUNT];
        float[] col = new float[samples.size()];
        for (int j = 1; j < H36mJoints.COUNT; j++) {
            for (int i = 0; i < col.length; i++) {
                col[i] = samples.get(i)[j];
            }
            Arrays.sort(col);
            int n = col.length;
            out[j] = n % 2 == 1 ? col[n / 2] : (col[n / 2 - 1] + col[n / 2]) / 2;
        }
        lengths = out;
    }

    /** @return whether the warm-up window is full (always true for a clip fit) */
    public boolean isFrozen() {
        return lengths != null && samples.size() >= warmUpFrames;
    }

    /**
     * Returns the fitted lengths.
     *
     * @return a new array of 17 lengths (entry j: joint j to its parent; entry 0 is 0), or null before any frame
     */
    public float[] getLengths() {
        return lengths == null ? null : lengths.clone();
    }

    /** @return the fitted leg length, hip-knee-ankle, mean of both sides (metres), or NaN before any frame */
    public float getLegLength() {
        if (lengths == null) {
            return Float.NaN;
        }
        return (lengths[H36mJoints.R_KNEE] + lengths[H36mJoints.R_ANKLE] + lengths[H36mJoints.L_KNEE]
                + lengths[H36mJoints.L_ANKLE]) / 2;
    }

    /**
     * Rebuilds a pose with the fitted lengths: from the pelvis outwards, each joint is placed along its
     * observed direction from its (rebuilt) parent.
     *
     * @param joints 17 positions relative to the pelvis (not null, unaffected)
     * @return 17 new positions; a copy of the input before any frame was fitted
     */
    public Vector3f[] normalise(Vector3f[] joints) {
        Vector3f[] out = new Vector3f[H36mJoints.COUNT];
        out[0] = joints[0].clone();
        for (int j = 1; j < H36mJoints.COUNT; j++) {
            int p = H36mJoints.parent(j);
            Vector3f d = joints[j].subtract(joints[p]);
            float len = d.length();
            if (lengths == null || len < 1e-9f) {
                out[j] = out[p].add(d);
            } else {
                out[j] = out[p].add(d.multLocal(lengths[j] / len));
            }
        }
        return out;
    }
}
