package io.github.hourglassmocap.plugin;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimTrack;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.TransformTrack;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records what an armature does, frame by frame, into an {@link AnimClip} with one linear transform track per
 * joint: what you see while recording is what the clip plays back. Sampled on the render thread; thread-safe, so that
 * another thread (a shutdown hook saving the take) can take a consistent {@link #toClip} while sampling goes on.
 */
public final class ArmatureRecorder {
    private final Armature armature;
    private final List<Float> times = new ArrayList<>();
    private final List<Vector3f[]> translations = new ArrayList<>();
    private final List<Quaternion[]> rotations = new ArrayList<>();
    private final List<Vector3f[]> scales = new ArrayList<>();

    /**
     * Creates a recorder.
     *
     * @param armature the armature to sample (not null; kept by reference, not modified)
     */
    public ArmatureRecorder(Armature armature) {
        this.armature = Objects.requireNonNull(armature, "armature");
    }

    /**
     * Samples every joint's local transform now.
     *
     * @param timeSeconds the key time (in seconds, &ge;0, greater than the previous key's)
     */
    public synchronized void sample(double timeSeconds) {
        if (!(timeSeconds >= 0) || Double.isInfinite(timeSeconds)) {
            throw new IllegalArgumentException("timeSeconds must be finite and >= 0; got " + timeSeconds);
        }
        if (!times.isEmpty() && timeSeconds <= times.get(times.size() - 1)) {
            return;
        }
        int n = armature.getJointCount();
        Vector3f[] t = new Vector3f[n];
        Quaternion[] r = new Quaternion[n];
        Vector3f[] s = new Vector3f[n];
        for (int i = 0; i < n; i++) {
            Joint j = armature.getJoint(i);
            t[i] = j.getLocalTranslation().clone();
            r[i] = j.getLocalRotation().clone();
            s[i] = j.getLocalScale().clone();
        }
        times.add((float) timeSeconds);
        translations.add(t);
        rotations.add(r);
        scales.add(s);
    }

    /**
     * Returns how many keys have been recorded.
     *
     * @return the count (&ge;0)
     */
    public synchronized int keyCount() {
        return times.size();
    }

    /**
     * Returns the recorded duration.
     *
     * @return seconds from the first key to the last (0 with fewer than two keys)
     */
    public synchronized double durationSeconds() {
        return times.size() < 2 ? 0 : times.get(times.size() - 1) - times.get(0);
    }

    /**
     * Discards every key.
     */
    public synchronized void clear() {
        times.clear();
        translations.clear();
        rotations.clear();
        scales.clear();
    }

    /**
     * Builds a clip of everything recorded so far, times shifted to start at 0.
     *
     * @param name the clip name (not null, not empty)
     * @return a new clip targeting the recorder's armature joints
     * @throws IllegalStateException if nothing has been recorded
     */
    public synchronized AnimClip toClip(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("clip name must not be empty");
        }
        if (times.isEmpty()) {
            throw new IllegalStateException("nothing recorded yet: no poses were applied while recording");
        }
        int keys = times.size();
        float[] ts = new float[keys];
        float t0 = times.get(0);
        for (int k = 0; k < keys; k++) {
            ts[k] = times.get(k) - t0;
        }
        int n = armature.getJointCount();
        AnimTrack<?>[] tracks = new AnimTrack<?>[n];
        for (int i = 0; i < n; i++) {
            Vector3f[] t = new Vector3f[keys];
            Quaternion[] r = new Quaternion[keys];
            Vector3f[] s = new Vector3f[keys];
            for (int k = 0; k < keys; k++) {
                t[k] = translations.get(k)[i];
                r[k] = rotations.get(k)[i];
                s[k] = scales.get(k)[i];
            }
            tracks[i] = new TransformTrack(armature.getJoint(i), ts.clone(), t, r, s);
        }
        AnimClip clip = new AnimClip(name);
        clip.setTracks(tracks);
        return clip;
    }
}
