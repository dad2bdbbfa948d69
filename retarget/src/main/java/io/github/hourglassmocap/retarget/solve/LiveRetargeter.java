package io.github.hourglassmocap.retarget.solve;

import static io.github.hourglassmocap.inference.joints.H36mJoints.*;

import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.inference.pose2d.OneEuroFilter;
import io.github.hourglassmocap.retarget.internal.filter.QuaternionOneEuroFilter;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retargets frame by frame as they arrive, using only the past: the actor's bone lengths and the ground level
 * come from a warm-up window (then freeze), contacts from the current height and the speed since the last
 * frame, and smoothing is a One Euro filter on every driven rotation, the hips position and the grounding
 * offset. Each call returns a new pose; the rig's armature is left posed by the last frame. Not thread-safe.
 */
public final class LiveRetargeter {
    /** A lock that pulls the foot further than this share of the leg length from the solved foot is moved. */
    static final float STRAIN = 0.1f;
    private final CharacterRig rig;
    private final RetargetOptions options;
    private final Retargeter solver;
    private final FeetSolver feet;
    private final SkeletonFit fit;
    private final List<Float> groundSamples = new ArrayList<>();
    private final Map<Integer, QuaternionOneEuroFilter> rotationFilters = new HashMap<>();
    private final OneEuroFilter[] hipsFilters = new OneEuroFilter[3];
    private final OneEuroFilter offsetFilter;
    private final Vector3f[] rest;
    private final Vector3f hipsFromPelvis;
    private final float restAnkleY;
    private final boolean[] contact = new boolean[2];
    private final Vector3f[] lock = new Vector3f[2];
    private final int[] release = new int[2];
    private Vector3f[] previousAnkles;
    private final boolean[] candidate = new boolean[2];
    private long previousNanos = -1;
    private Vector3f start;
    private float ground = Float.NaN;
    private Vector3f[] lastBeforeLocking;

    /**
     * Creates a live retargeter.
     *
     * @param rig the character (not null)
     * @param options the settings (not null); One Euro cutoff 0 turns smoothing off
     */
    public LiveRetargeter(CharacterRig rig, RetargetOptions options) {
        if (rig == null || options == null) {
            throw new IllegalArgumentException("rig and options must not be null");
        }
        this.rig = rig;
        this.options = options;
        solver = new Retargeter(rig);
        feet = new FeetSolver(rig);
        fit = new SkeletonFit(options.getWarmUpFrames());
        rest = rig.getRest17();
        hipsFromPelvis = rig.getRestModelPosition(rig.joint(HumanoidBone.HIPS)).subtract(rest[PELVIS]);
        restAnkleY = (rest[L_ANKLE].y + rest[R_ANKLE].y) / 2;
        boolean smooth = options.getOneEuroMinCutoffHz() > 0;
        for (int k = 0; k < 3; k++) {
            hipsFilters[k] = smooth ? new OneEuroFilter(options.getOneEuroMinCutoffHz(), options.getOneEuroBeta() / rig.getLegLength(), 1.0) : null;
        }
        offsetFilter = smooth ? new OneEuroFilter(options.getOneEuroMinCutoffHz(), 0.0, 1.0) : null;
    }

    /**
     * Retargets the next frame.
     *
     * @param source the frame (not null; timestamps must increase; a lifted frame is turned to the rig's facing)
     * @return a new pose
     */
    public RigPose update(SourceFrame source) {
        SourceFrame frame = rig.toRigFacing(source);
        long t = frame.getTimestampNanos();
        if (previousNanos >= 0 && t <= previousNanos) {
            throw new IllegalArgumentException("timestamps must increase: " + t + " ns after " + previousNanos + " ns");
        }
        double dt = previousNanos < 0 ? 1.0 / 30 : (t - previousNanos) / 1e9;
        previousNanos = t;
        fit.observe(frame);
        Vector3f[] norm = fit.normalise(frame.getJoints());
        Vector3f root = frame.getRoot();
        Vector3f[] world = new Vector3f[COUNT];
        for (int j = 0; j < COUNT; j++) {
            world[j] = norm[j].add(root);
        }
        float actorLeg = fit.getLegLength();
        if (!(actorLeg > 1e-4f)) {
            actorLeg = 0.9f;
        }
        float scale = rig.getLegLength() / actorLeg;
        if (groundSamples.size() < options.getWarmUpFrames() && frame.isValid()) {
            groundSamples.add(Math.min(world[L_ANKLE].y, world[R_ANKLE].y));
            float[] s = new float[groundSamples.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = groundSamples.get(i);
            }
            Arrays.sort(s);
            ground = s[(int) Math.floor(0.05 * (s.length - 1))];
        }
        if (start == null) {
            start = world[PELVIS].clone();
        }
        for (int f = 0; f < 2; f++) {
            Vector3f a = world[FootContacts.ANKLE[f]];
            float speed = 0;
            if (previousAnkles != null) {
                speed = (float) (Math.hypot(a.x - previousAnkles[f].x, a.z - previousAnkles[f].z) / dt);
            }
            // A contact starts only on the second frame in a row that passes the test, so a noisy frame does
            // not plant (and then release) a lock.
            boolean now = FootContacts.isContact(a.y - ground, speed, actorLeg, options);
            contact[f] = now && (contact[f] || candidate[f]);
            candidate[f] = now;
        }
        previousAnkles = new Vector3f[] {world[L_ANKLE].clone(), world[R_ANKLE].clone()};

        RigPose pose = solver.solve(norm, null);
        Vector3f pelvis = new Vector3f(rest[PELVIS].x, restAnkleY + (world[PELVIS].y - ground) * scale, rest[PELVIS].z);
        if (!options.isInPlace()) {
            pelvis.x += (world[PELVIS].x - start.x) * scale;
            pelvis.z += (world[PELVIS].z - start.z) * scale;
        }
        int hips = rig.joint(HumanoidBone.HIPS);
        pose.getHipsPosition().set(pelvis.addLocal(pose.getDelta(hips).mult(hipsFromPelvis)));
        if (options.getOneEuroMinCutoffHz() > 0) {
            Quaternion tmp = new Quaternion();
            for (int j = 0; j < rig.getArmature().getJointCount(); j++) {
                if (pose.isDriven(j)) {
                    QuaternionOneEuroFilter filter = rotationFilters.computeIfAbsent(j, k -> new QuaternionOneEuroFilter(
                            options.getOneEuroMinCutoffHz(), options.getOneEuroBeta(), 1.0));
                    pose.setDelta(j, filter.filter(pose.getDelta(j), dt, tmp));
                }
            }
            Vector3f h = pose.getHipsPosition();
            h.set((float) hipsFilters[0].filter(h.x, dt), (float) hipsFilters[1].filter(h.y, dt), (float) hipsFilters[2].filter(h.z, dt));
            pose.propagate();
        }
        Vector3f[] ankles = feet.ankles(pose);
        double off = feet.groundOffset(ankles, contact);
        if (offsetFilter != null) {
            off = offsetFilter.filter(off, dt);
        }
        pose.getHipsPosition().y -= (float) off;
        Vector3f[] now = feet.ankles(pose);
        lastBeforeLocking = rig.view17(false);
        if (options.isFootLocking()) {
            Vector3f[] targets = new Vector3f[2];
            for (int f = 0; f < 2; f++) {
                if (contact[f]) {
                    // Re-plant where the solved foot is if the lock pulls it too far (live cannot look ahead
                    // to the contact's mean position the way the offline path does).
                    boolean strained = lock[f] != null
                            && Math.hypot(now[f].x - lock[f].x, now[f].z - lock[f].z) > STRAIN * rig.getLegLength();
                    if (lock[f] == null || release[f] < OfflineRetargeter.RELEASE_FRAMES || strained) {
                        lock[f] = new Vector3f(now[f].x, feet.restAnkleY(f), now[f].z);
                    }
                    targets[f] = lock[f];
                    release[f] = OfflineRetargeter.RELEASE_FRAMES;
                } else if (release[f] > 0 && lock[f] != null) {
                    float u = 1f - (float) release[f] / (OfflineRetargeter.RELEASE_FRAMES + 1);
                    targets[f] = FastMath.interpolateLinear(u, lock[f], now[f]);
                    if (--release[f] == 0) {
                        lock[f] = null;
                    }
                }
            }
            feet.lock(pose, targets, false);
        }
        pose.applyTo(rig.getArmature());
        rig.getArmature().update();
        return pose;
    }

    /**
     * Returns whether a foot counted as planted in the last frame.
     *
     * @param foot {@link FootContacts#LEFT} or {@link FootContacts#RIGHT}
     * @return true if planted
     */
    public boolean isContact(int foot) {
        return contact[foot];
    }

    /** @return whether the skeleton fit's warm-up window is full */
    public boolean isWarmedUp() {
        return fit.isFrozen();
    }

    /**
     * Runs a whole clip through the live path (as a live stream would see it) and measures it.
     *
     * @param source the clip (not null; lifted frames are turned to the rig's facing)
     * @return poses, contacts and metrics; the armature is returned to rest
     */
    public RetargetResult runClip(SourceSequence source) {
        SourceSequence sequence = rig.toRigFacing(source);
        int n = sequence.size();
        List<RigPose> poses = new ArrayList<>(n);
        Vector3f[][] before = new Vector3f[n][];
        Vector3f[][] after = new Vector3f[n][];
        boolean[][] contacts = new boolean[2][n];
        for (int i = 0; i < n; i++) {
            poses.add(update(sequence.get(i)));
            before[i] = lastBeforeLocking;
            after[i] = rig.view17(false);
            contacts[0][i] = contact[0];
            contacts[1][i] = contact[1];
        }
        rig.getArmature().applyInitialPose();
        rig.getArmature().update();
        float scale = rig.getLegLength() / fit.getLegLength();
        return new RetargetResult(rig, sequence, poses, contacts,
                RetargetMetrics.compute(sequence, before, after, contacts, scale, options.getLowConfidence()));
    }
}
