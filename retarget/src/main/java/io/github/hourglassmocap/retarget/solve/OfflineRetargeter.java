package io.github.hourglassmocap.retarget.solve;

import static io.github.hourglassmocap.inference.joints.H36mJoints.*;

import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.retarget.internal.filter.ZeroPhaseFilter;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Retargets a whole clip at once: fits the actor's bone lengths over the clip, finds the ground and the foot
 * contacts, solves every frame, places the hips from the root trajectory (scaled by character leg length over
 * actor leg length), smooths rotations and hips with a zero-phase filter, grounds the feet, locks planted feet
 * with two-bone IK, and measures the result. Poses the rig's armature while it works and leaves it in its
 * rest pose.
 */
public final class OfflineRetargeter {
    private static final Logger LOG = Logger.getLogger(OfflineRetargeter.class.getName());
    /** Frames over which a released foot lock fades back to the solved leg. */
    static final int RELEASE_FRAMES = 4;

    private final CharacterRig rig;
    private final RetargetOptions options;

    /**
     * Creates a retargeter.
     *
     * @param rig the character (not null)
     * @param options the settings (not null)
     */
    public OfflineRetargeter(CharacterRig rig, RetargetOptions options) {
        if (rig == null || options == null) {
            throw new IllegalArgumentException("rig and options must not be null");
        }
        this.rig = rig;
        this.options = options;
    }

    /**
     * Retargets a clip.
     *
     * @param source the source clip (not null; lifted frames are turned to the rig's facing)
     * @return the poses, contacts and metrics
     */
    public RetargetResult run(SourceSequence source) {
        SourceSequence sequence = rig.toRigFacing(source);
        int n = sequence.size();
        double fps = sequence.getFrameRateHz();
        SkeletonFit fit = SkeletonFit.ofClip(sequence);
        float actorLeg = fit.getLegLength();
        if (!(actorLeg > 1e-4f)) {
            throw new IllegalArgumentException("the source actor's legs have no length; is the clip empty or flat?");
        }
        float scale = rig.getLegLength() / actorLeg;
        Vector3f[][] norm = new Vector3f[n][];
        Vector3f[][] world = new Vector3f[n][];
        for (int i = 0; i < n; i++) {
            SourceFrame f = sequence.get(i);
            norm[i] = fit.normalise(f.getJoints());
            world[i] = new Vector3f[COUNT];
            Vector3f root = f.getRoot();
            for (int j = 0; j < COUNT; j++) {
                world[i][j] = norm[i][j].add(root);
            }
        }
        float ground = FootContacts.groundLevel(world);
        boolean[][] contacts = FootContacts.detect(world, ground, actorLeg, fps, options);
        Retargeter solver = new Retargeter(rig);
        Vector3f[] rest = rig.getRest17();
        int hips = rig.joint(HumanoidBone.HIPS);
        Vector3f hipsFromPelvis = rig.getRestModelPosition(hips).subtract(rest[PELVIS]);
        float restAnkleY = (rest[L_ANKLE].y + rest[R_ANKLE].y) / 2;
        Vector3f start = world[0][PELVIS];
        List<RigPose> poses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RigPose pose = solver.solve(norm[i], null);
            Vector3f pelvis = new Vector3f(rest[PELVIS].x, restAnkleY + (world[i][PELVIS].y - ground) * scale, rest[PELVIS].z);
            if (!options.isInPlace()) {
                pelvis.x += (world[i][PELVIS].x - start.x) * scale;
                pelvis.z += (world[i][PELVIS].z - start.z) * scale;
            }
            pose.getHipsPosition().set(pelvis.addLocal(pose.getDelta(hips).mult(hipsFromPelvis)));
            poses.add(pose);
        }
        double cutoff = options.getOfflineCutoffHz();
        ZeroPhaseFilter filter = null;
        if (cutoff > 0 && n > 3) {
            if (cutoff >= fps / 2) {
                LOG.warning(() -> "offline cutoff " + cutoff + " Hz is not below half the frame rate " + fps + " Hz; not smoothing");
            } else {
                filter = new ZeroPhaseFilter(cutoff, fps);
                smooth(poses, filter);
            }
        }
        FeetSolver feet = new FeetSolver(rig);
        Vector3f[][] before = new Vector3f[n][];
        Vector3f[][] ankles = new Vector3f[n][];
        double[] offsets = new double[n];
        for (int i = 0; i < n; i++) {
            ankles[i] = feet.ankles(poses.get(i));
            before[i] = rig.view17(false);
            offsets[i] = feet.groundOffset(ankles[i], new boolean[] {contacts[0][i], contacts[1][i]});
        }
        if (filter != null) {
            offsets = filter.filter(offsets);
        }
        // Offline, each contact is locked where the foot is on average during it (after grounding), which
        // keeps the legs as close to the source as a still foot allows.
        Vector3f[][] lockAt = new Vector3f[2][n];
        for (int f = 0; f < 2; f++) {
            int i = 0;
            while (i < n) {
                if (!contacts[f][i]) {
                    i++;
                    continue;
                }
                int j = i;
                Vector3f sum = new Vector3f();
                while (j < n && contacts[f][j]) {
                    sum.addLocal(ankles[j][f]);
                    j++;
                }
                sum.divideLocal(j - i);
                sum.y = feet.restAnkleY(f);
                for (int k = i; k < j; k++) {
                    lockAt[f][k] = sum;
                }
                i = j;
            }
        }
        Vector3f[] lock = new Vector3f[2];
        int[] release = new int[2];
        Vector3f[][] after = new Vector3f[n][];
        for (int i = 0; i < n; i++) {
            RigPose pose = poses.get(i);
            pose.getHipsPosition().y -= (float) offsets[i];
            if (options.isFootLocking()) {
                Vector3f[] now = feet.ankles(pose);
                Vector3f[] targets = new Vector3f[2];
                for (int f = 0; f < 2; f++) {
                    if (contacts[f][i]) {
                        lock[f] = lockAt[f][i];
                        targets[f] = lock[f];
                        release[f] = RELEASE_FRAMES;
                    } else if (release[f] > 0 && lock[f] != null) {
                        float t = 1f - (float) release[f] / (RELEASE_FRAMES + 1);
                        targets[f] = FastMath.interpolateLinear(t, lock[f], now[f]);
                        release[f]--;
                    }
                }
                feet.lock(pose, targets);
            }
            pose.applyTo(rig.getArmature());
            after[i] = rig.view17(true);
        }
        rig.getArmature().applyInitialPose();
        rig.getArmature().update();
        RetargetMetrics metrics = RetargetMetrics.compute(sequence, before, after, contacts, scale, options.getLowConfidence());
        return new RetargetResult(rig, sequence, poses, contacts, metrics);
    }

    private static void smooth(List<RigPose> poses, ZeroPhaseFilter filter) {
        int n = poses.size();
        RigPose first = poses.get(0);
        int joints = rig(first).getArmature().getJointCount();
        for (int j = 0; j < joints; j++) {
            if (!first.isDriven(j)) {
                continue;
            }
            Quaternion[] q = new Quaternion[n];
            for (int i = 0; i < n; i++) {
                q[i] = poses.get(i).getDelta(j);
            }
            Quaternion[] s = filter.filter(q);
            for (int i = 0; i < n; i++) {
                poses.get(i).setDelta(j, s[i]);
            }
        }
        Vector3f[] h = new Vector3f[n];
        for (int i = 0; i < n; i++) {
            h[i] = poses.get(i).getHipsPosition();
        }
        Vector3f[] hs = filter.filter(h);
        for (int i = 0; i < n; i++) {
            poses.get(i).getHipsPosition().set(hs[i]);
            poses.get(i).propagate();
        }
    }

    private static CharacterRig rig(RigPose pose) {
        return pose.getRig();
    }
}
