package io.github.hourglassmocap.retarget.internal.filter;

import com.jme3.math.Quaternion;
import io.github.hourglassmocap.inference.pose2d.OneEuroFilter;

/**
 * The One Euro filter on a rotation, built on the scalar {@link OneEuroFilter}: the distance is the angle
 * between the last output and the new sample, and the update is a slerp by the filter's share, so the output is
 * always a unit quaternion. Inputs are first brought into the hemisphere of the previous output (q and -q are
 * the same rotation), so a sign flip in the input never makes the output swing the long way round. Causal, for
 * live use. Not thread-safe.
 */
public final class QuaternionOneEuroFilter {
    private final OneEuroFilter angle;
    private final Quaternion previous = new Quaternion();
    private final Quaternion aligned = new Quaternion();
    private boolean primed;

    /**
     * Creates a filter.
     *
     * @param minCutoffHz the cutoff at rest (in hertz, &gt;0)
     * @param beta how fast the cutoff rises with angular speed (in hertz per radian per second, &ge;0)
     * @param derivativeCutoffHz the cutoff of the speed estimate (in hertz, &gt;0)
     */
    public QuaternionOneEuroFilter(double minCutoffHz, double beta, double derivativeCutoffHz) {
        angle = new OneEuroFilter(minCutoffHz, beta, derivativeCutoffHz);
    }

    /**
     * Filters one rotation.
     *
     * @param rotation the new sample (not null, unaffected; normalised internally)
     * @param dtSeconds time since the previous sample (in seconds, &gt;0; ignored for the first sample)
     * @param store where to write the result (modified), or null for a new instance
     * @return the filtered unit rotation ({@code store} or a new instance)
     */
    public Quaternion filter(Quaternion rotation, double dtSeconds, Quaternion store) {
        Quaternion out = store == null ? new Quaternion() : store;
        aligned.set(rotation);
        float norm = aligned.norm();
        if (!(norm > 0) || !Float.isFinite(norm)) {
            throw new IllegalArgumentException("rotation must be a finite non-zero quaternion, got " + rotation);
        }
        aligned.normalizeLocal();
        if (!primed) {
            primed = true;
            angle.reset();
            previous.set(aligned);
            return out.set(previous);
        }
        if (previous.dot(aligned) < 0) {
            aligned.negateLocal();
        }
        float a = (float) angle.step(QuaternionSequences.angleBetween(previous, aligned), dtSeconds);
        QuaternionSequences.nlerpOrSlerp(previous, aligned, a, previous);
        return out.set(previous);
    }

    /** Forgets the history; the next sample passes through unchanged. */
    public void reset() {
        primed = false;
    }
}
