package io.github.hourglassmocap.retarget.record;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimTrack;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.TransformTrack;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.retarget.internal.filter.QuaternionSequences;
import io.github.hourglassmocap.retarget.solve.RetargetResult;
import io.github.hourglassmocap.retarget.solve.RigPose;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Records poses of an armature into an {@link AnimClip} with linear keys, one {@link TransformTrack} per
 * recorded joint, targeting the armature's own joints. Works live (call {@link #record} as frames arrive and
 * {@link #build} whenever a clip is wanted; recording may go on) or offline (record a whole solved clip, then
 * build once). Optional key reduction drops keys that linear interpolation reproduces within a stated error.
 * Recording, {@link #size}, {@link #clear} and {@link #build} are synchronised, so another thread (a shutdown hook
 * saving a live take) can build a consistent clip while recording goes on.
 */
public final class ClipRecorder {
    private static final Logger LOG = Logger.getLogger(ClipRecorder.class.getName());

    private final Armature armature;
    /** The armature of the poses {@link #record(double, RigPose)} takes: {@link #armature} or a copy of it. */
    private final Armature poseArmature;
    private final int[] joints;
    private final List<Float> times = new ArrayList<>();
    private final List<Vector3f[]> translations = new ArrayList<>();
    private final List<Quaternion[]> rotations = new ArrayList<>();
    private final List<Vector3f[]> scales = new ArrayList<>();

    /**
     * Creates a recorder for some joints of an armature.
     *
     * @param armature the armature whose joints the clip will animate (not null)
     * @param joints the joint indices to record (not null, not empty, each in 0..jointCount-1; copied)
     */
    public ClipRecorder(Armature armature, int[] joints) {
        this(armature, armature, joints);
    }

    private ClipRecorder(Armature armature, Armature poseArmature, int[] joints) {
        if (armature == null || joints == null || joints.length == 0) {
            throw new IllegalArgumentException("armature must not be null and joints must not be empty");
        }
        for (int j : joints) {
            if (j < 0 || j >= armature.getJointCount()) {
                throw new IllegalArgumentException("joint index " + j + " out of range; the armature has "
                        + armature.getJointCount() + " joints");
            }
        }
        this.armature = armature;
        this.poseArmature = poseArmature;
        this.joints = joints.clone();
    }

    /**
     * Creates a recorder for every joint of an armature.
     *
     * @param armature the armature (not null)
     * @return a new recorder
     */
    public static ClipRecorder allJoints(Armature armature) {
        int[] all = new int[armature.getJointCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new ClipRecorder(armature, all);
    }

    /**
     * Creates a recorder for the joints a retargeted pose moves: every driven joint and the HIPS (whose
     * translation carries the root motion).
     *
     * @param pose any pose of the rig (not null, unaffected)
     * @return a new recorder for the rig's armature
     */
    public static ClipRecorder forPose(RigPose pose) {
        return forPose(pose, pose.getRig().getArmature());
    }

    /**
     * Creates a recorder for the joints a retargeted pose moves, whose clip animates another armature with the
     * same joints: the character's, when the rig was solved on a copy ({@code CharacterRig.detached}).
     *
     * @param pose any pose of the rig (not null, unaffected)
     * @param target the armature the clip animates (not null, unaffected; the rig armature's joints, by id and name)
     * @return a new recorder for {@code target}
     * @throws IllegalArgumentException if the target's joints differ from the rig's
     */
    public static ClipRecorder forPose(RigPose pose, Armature target) {
        Armature a = pose.getRig().getArmature();
        if (target == null) {
            throw new IllegalArgumentException("target must not be null");
        }
        if (target.getJointCount() != a.getJointCount()) {
            throw new IllegalArgumentException("target armature has " + target.getJointCount() + " joints; the rig has "
                    + a.getJointCount());
        }
        for (int i = 0; i < a.getJointCount(); i++) {
            if (!java.util.Objects.equals(target.getJoint(i).getName(), a.getJoint(i).getName())) {
                throw new IllegalArgumentException("target armature's joint " + i + " is '" + target.getJoint(i).getName()
                        + "'; the rig's is '" + a.getJoint(i).getName() + "'");
            }
        }
        List<Integer> ids = new ArrayList<>();
        int hips = pose.getRig().joint(io.github.hourglassmocap.retarget.humanoid.HumanoidBone.HIPS);
        for (int i = 0; i < a.getJointCount(); i++) {
            if (pose.isDriven(i) || i == hips) {
                ids.add(i);
            }
        }
        return new ClipRecorder(target, a, ids.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Records a retargeting result into a clip: the one "retarget and record" step behind {@code mocap bake},
     * {@code mocap retarget}, render-synthetic's BVH motions and the examples. One key per frame at the frame's
     * own time ({@link RetargetResult#getKeyTimesSeconds()}: the source's timestamps counted from the first
     * frame, so a variable-frame-rate video keeps its timing), on the joints the poses drive and the hips.
     *
     * @param result the result (not null, at least one pose)
     * @param clipName the clip name (not null, not empty)
     * @param reduction the key reduction ({@link KeyReduction#NONE} for a key per frame; not null)
     * @return a new clip targeting the result's rig armature
     */
    public static AnimClip clipOf(RetargetResult result, String clipName, KeyReduction reduction) {
        if (result == null) {
            throw new IllegalArgumentException("result must not be null");
        }
        return clipOf(result, clipName, reduction, result.getPoses().get(0).getRig().getArmature());
    }

    /**
     * Records a retargeting result into a clip that animates another armature with the rig's joints: the
     * character's, when the rig was solved on a copy of its joints ({@code CharacterRig.detached}), as the bake does.
     *
     * @param result the result (not null, at least one pose)
     * @param clipName the clip name (not null, not empty)
     * @param reduction the key reduction (not null)
     * @param target the armature the clip animates (not null, unaffected; the rig armature's joints, by id and name)
     * @return a new clip targeting {@code target}
     * @throws IllegalArgumentException if the target's joints differ from the rig's
     */
    public static AnimClip clipOf(RetargetResult result, String clipName, KeyReduction reduction, Armature target) {
        if (result == null || reduction == null) {
            throw new IllegalArgumentException("result and reduction must not be null");
        }
        List<RigPose> poses = result.getPoses();
        ClipRecorder rec = forPose(poses.get(0), target);
        double[] times = result.getKeyTimesSeconds();
        for (int i = 0; i < poses.size(); i++) {
            rec.record(times[i], poses.get(i));
        }
        return rec.build(clipName, reduction);
    }

    /**
     * Records the current local transforms of the recorded joints.
     *
     * @param timeSeconds the key time (in seconds, &ge;0, greater than the previous key's)
     */
    public synchronized void record(double timeSeconds) {
        checkTime(timeSeconds);
        Vector3f[] t = new Vector3f[joints.length];
        Quaternion[] r = new Quaternion[joints.length];
        Vector3f[] s = new Vector3f[joints.length];
        for (int k = 0; k < joints.length; k++) {
            Joint j = armature.getJoint(joints[k]);
            t[k] = j.getLocalTranslation().clone();
            r[k] = j.getLocalRotation().clone().normalizeLocal();
            s[k] = j.getLocalScale().clone();
        }
        add(timeSeconds, t, r, s);
    }

    /**
     * Records a retargeted pose (without posing the armature).
     *
     * @param timeSeconds the key time (in seconds, &ge;0, greater than the previous key's)
     * @param pose a pose of the rig whose armature this recorder was made for (not null, unaffected)
     */
    public synchronized void record(double timeSeconds, RigPose pose) {
        if (pose.getRig().getArmature() != poseArmature) {
            throw new IllegalArgumentException("pose belongs to a different armature than this recorder's");
        }
        checkTime(timeSeconds);
        int hips = pose.getRig().joint(io.github.hourglassmocap.retarget.humanoid.HumanoidBone.HIPS);
        Vector3f[] t = new Vector3f[joints.length];
        Quaternion[] r = new Quaternion[joints.length];
        Vector3f[] s = new Vector3f[joints.length];
        for (int k = 0; k < joints.length; k++) {
            int id = joints[k];
            t[k] = id == hips ? pose.hipsLocalTranslation() : pose.getRig().getRestLocal(id).getTranslation().clone();
            r[k] = pose.localRotation(id, null);
            s[k] = pose.getRig().getRestLocal(id).getScale().clone();
        }
        add(timeSeconds, t, r, s);
    }

    private void checkTime(double timeSeconds) {
        if (!(timeSeconds >= 0) || Double.isInfinite(timeSeconds)) {
            throw new IllegalArgumentException("timeSeconds must be finite and >= 0, got " + timeSeconds);
        }
        if (!times.isEmpty() && timeSeconds <= times.get(times.size() - 1)) {
            throw new IllegalArgumentException("timeSeconds must increase: " + timeSeconds + " after " + times.get(times.size() - 1));
        }
    }

    private void add(double time, Vector3f[] t, Quaternion[] r, Vector3f[] s) {
        if (!rotations.isEmpty()) {
            Quaternion[] prev = rotations.get(rotations.size() - 1);
            for (int k = 0; k < r.length; k++) {
                if (prev[k].dot(r[k]) < 0) {
                    r[k].negateLocal();
                }
            }
        }
        times.add((float) time);
        translations.add(t);
        rotations.add(r);
        scales.add(s);
    }

    /** @return the number of frames recorded */
    public synchronized int size() {
        return times.size();
    }

    /** @return the time from the first recorded key to the last (in seconds, 0 when fewer than two keys) */
    public synchronized double durationSeconds() {
        return times.size() < 2 ? 0 : times.get(times.size() - 1) - times.get(0);
    }

    /** Forgets every recorded frame. */
    public synchronized void clear() {
        times.clear();
        translations.clear();
        rotations.clear();
        scales.clear();
    }

    /**
     * Builds a clip of what was recorded so far; times start at the first key (shifted to 0).
     *
     * @param name the clip name (not null, not empty)
     * @param reduction how much key reduction to apply (not null; {@link KeyReduction#NONE} keeps all keys)
     * @return a new clip whose tracks target this recorder's armature
     * @throws IllegalStateException if nothing was recorded
     */
    public synchronized AnimClip build(String name, KeyReduction reduction) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("clip name must not be empty");
        }
        if (times.isEmpty()) {
            throw new IllegalStateException("ClipRecorder: nothing recorded; call record() before build()");
        }
        int n = times.size();
        float t0 = times.get(0);
        AnimTrack<?>[] tracks = new AnimTrack<?>[joints.length];
        int keysIn = 0;
        int keysOut = 0;
        for (int k = 0; k < joints.length; k++) {
            float[] tk = new float[n];
            Vector3f[] tr = new Vector3f[n];
            Quaternion[] ro = new Quaternion[n];
            Vector3f[] sc = new Vector3f[n];
            for (int i = 0; i < n; i++) {
                tk[i] = times.get(i) - t0;
                tr[i] = translations.get(i)[k].clone();
                ro[i] = rotations.get(i)[k].clone();
                sc[i] = scales.get(i)[k].clone();
            }
            boolean[] keep = reduction.isNone() ? all(n) : reduce(tk, tr, ro, sc, reduction);
            int m = 0;
            for (boolean b : keep) {
                m += b ? 1 : 0;
            }
            float[] tk2 = new float[m];
            Vector3f[] tr2 = new Vector3f[m];
            Quaternion[] ro2 = new Quaternion[m];
            Vector3f[] sc2 = new Vector3f[m];
            for (int i = 0, o = 0; i < n; i++) {
                if (keep[i]) {
                    tk2[o] = tk[i];
                    tr2[o] = tr[i];
                    ro2[o] = ro[i];
                    sc2[o] = sc[i];
                    o++;
                }
            }
            keysIn += n;
            keysOut += m;
            tracks[k] = new TransformTrack(armature.getJoint(joints[k]), tk2, tr2, ro2, sc2);
        }
        AnimClip clip = new AnimClip(name);
        clip.setTracks(tracks);
        final int in = keysIn;
        final int out = keysOut;
        LOG.fine(() -> "clip '" + name + "': " + n + " frames, " + joints.length + " tracks, keys " + in + " -> " + out);
        return clip;
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    /**
     * Greedy reduction: from each kept key, reach as far as possible while every skipped key stays within the
     * errors of the linear (slerp) interpolation between the two kept ends.
     */
    static boolean[] reduce(float[] t, Vector3f[] tr, Quaternion[] ro, Vector3f[] sc, KeyReduction r) {
        int n = t.length;
        boolean[] keep = new boolean[n];
        keep[0] = true;
        keep[n - 1] = true;
        float maxAngle = r.getMaxRotationDegrees() * FastMath.DEG_TO_RAD;
        int a = 0;
        while (a < n - 1) {
            int b = a + 1;
            while (b + 1 < n && spanOk(a, b + 1, t, tr, ro, sc, maxAngle, r.getMaxTranslation())) {
                b++;
            }
            keep[b] = true;
            a = b;
        }
        return keep;
    }

    private static boolean spanOk(int a, int b, float[] t, Vector3f[] tr, Quaternion[] ro, Vector3f[] sc,
            float maxAngle, float maxTranslation) {
        Quaternion q = new Quaternion();
        Vector3f v = new Vector3f();
        for (int i = a + 1; i < b; i++) {
            float u = (t[i] - t[a]) / (t[b] - t[a]);
            QuaternionSequences.nlerpOrSlerp(ro[a], ro[b], u, q);
            if (QuaternionSequences.angleBetween(q, ro[i]) > maxAngle) {
                return false;
            }
            v.interpolateLocal(tr[a], tr[b], u);
            if (v.distance(tr[i]) > maxTranslation) {
                return false;
            }
            v.interpolateLocal(sc[a], sc[b], u);
            if (v.distance(sc[i]) > 1e-4f) {
                return false;
            }
        }
        return true;
    }
}
