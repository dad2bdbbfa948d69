package io.github.hourglassmocap.retarget.solve;

import static io.github.hourglassmocap.inference.joints.H36mJoints.*;

import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.retarget.internal.filter.QuaternionSequences;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;

/**
 * The per-frame retargeting solve: turns 17 source joints into a {@link RigPose} of a character.
 *
 * <p>Each driven bone gets a model-space delta rotation. The pelvis takes its frame from the torso line
 * (pelvis to thorax) and the hip line; the chest from the upper spine and the shoulder line; the bones
 * between them share the bend and twist in equal steps, however many the rig has. The head takes its
 * direction from thorax to head top, and its facing from the nose when the source has one (otherwise it
 * turns with the chest); the neck bones share that turn. Upper arms and thighs swing to their source
 * direction and take their twist from the plane of the limb (shoulder-elbow-wrist, hip-knee-ankle) once
 * the limb is bent enough for the plane to be known, otherwise they keep the twist of their parent; forearms
 * and shins then swing within that plane. Feet stay level, turning with the shin about the vertical. Bones
 * the map does not name keep their rest local rotation. Stateless apart from the rig; not thread-safe
 * because the rig is not.
 */
final class Retargeter {
    /** Below this bend the limb plane is unknown and the twist comes from the parent. */
    private static final float BEND_MIN = 8f * FastMath.DEG_TO_RAD;
    /** Above this bend the twist comes fully from the limb plane. */
    private static final float BEND_FULL = 25f * FastMath.DEG_TO_RAD;
    /** Rest limbs straighter than this use the rig's facing to know which way they bend. */
    private static final float REST_BEND_MIN = 12f * FastMath.DEG_TO_RAD;

    private final CharacterRig rig;
    private final Vector3f[] rest;
    private final Quaternion restHipsFrame;
    private final Quaternion restChestFrame;
    private final Quaternion restHeadFrame;
    private final Vector3f restTorso;
    private final Vector3f restHead;
    private final Limb[] limbs;
    private final int hips;
    private final int[] spine;
    private final int[] neck;
    private final int chestJoint;

    private static final class Limb {
        final int upperJoint;
        final int lowerJoint;
        final int footJoint;
        final int a;
        final int b;
        final int c;
        final Vector3f restUpper;
        final Vector3f restLower;
        final Quaternion restPlaneFrame;

        Limb(CharacterRig rig, Vector3f[] rest, HumanoidBone upper, HumanoidBone lower, HumanoidBone end,
                int a, int b, int c, Vector3f bendHint, boolean levelEnd) {
            upperJoint = rig.joint(upper);
            lowerJoint = rig.joint(lower);
            footJoint = levelEnd ? rig.joint(end) : -1;
            this.a = a;
            this.b = b;
            this.c = c;
            restUpper = rest[b].subtract(rest[a]);
            restLower = rest[c].subtract(rest[b]);
            Vector3f bend = Rotations.angle(restUpper, restLower) > REST_BEND_MIN ? restLower : bendHint;
            Quaternion f = Rotations.frame(restUpper, bend);
            restPlaneFrame = f != null ? f : Rotations.frame(restUpper, Rotations.perpendicular(restUpper));
        }
    }

    /**
     * Creates a solver for a rig.
     *
     * @param rig the analysed character (not null)
     */
    public Retargeter(CharacterRig rig) {
        if (rig == null) {
            throw new IllegalArgumentException("rig must not be null");
        }
        this.rig = rig;
        rest = rig.getRest17();
        Vector3f fwd = rig.getForward();
        restTorso = rest[THORAX].subtract(rest[PELVIS]);
        restHipsFrame = frameOr(restTorso, rest[L_HIP].subtract(rest[R_HIP]), rig.getLeft());
        restChestFrame = frameOr(restTorso, rest[L_SHOULDER].subtract(rest[R_SHOULDER]), rig.getLeft());
        restHead = rest[HEAD].subtract(rest[THORAX]);
        restHeadFrame = frameOr(restHead, fwd, rig.getLeft());
        Vector3f back = fwd.negate();
        limbs = new Limb[] {
            new Limb(rig, rest, HumanoidBone.LEFT_UPPER_ARM, HumanoidBone.LEFT_LOWER_ARM, HumanoidBone.LEFT_HAND,
                    L_SHOULDER, L_ELBOW, L_WRIST, fwd, false),
            new Limb(rig, rest, HumanoidBone.RIGHT_UPPER_ARM, HumanoidBone.RIGHT_LOWER_ARM, HumanoidBone.RIGHT_HAND,
                    R_SHOULDER, R_ELBOW, R_WRIST, fwd, false),
            new Limb(rig, rest, HumanoidBone.LEFT_UPPER_LEG, HumanoidBone.LEFT_LOWER_LEG, HumanoidBone.LEFT_FOOT,
                    L_HIP, L_KNEE, L_ANKLE, back, true),
            new Limb(rig, rest, HumanoidBone.RIGHT_UPPER_LEG, HumanoidBone.RIGHT_LOWER_LEG, HumanoidBone.RIGHT_FOOT,
                    R_HIP, R_KNEE, R_ANKLE, back, true),
        };
        hips = rig.joint(HumanoidBone.HIPS);
        spine = rig.getSpineChain();
        neck = rig.getNeckChain();
        chestJoint = spine.length > 0 ? spine[spine.length - 1] : hips;
    }

    private static Quaternion frameOr(Vector3f primary, Vector3f secondary, Vector3f fallback) {
        Quaternion f = Rotations.frame(primary, secondary);
        if (f == null) {
            f = Rotations.frame(primary, fallback);
        }
        if (f == null) {
            f = Rotations.frame(primary, Rotations.perpendicular(primary));
        }
        return f;
    }

    /** @return the rig this solver poses (shared) */
    public CharacterRig getRig() {
        return rig;
    }

    /**
     * Solves the rotations of one frame. The HIPS position is left at rest; the caller places it.
     *
     * @param joints 17 source joints (metres, world axes, Y up; not null, finite, unaffected)
     * @param store the pose to write (modified), or null for a new one
     * @return the pose with every delta set and propagated
     */
    public RigPose solve(Vector3f[] joints, RigPose store) {
        if (joints == null || joints.length != COUNT) {
            throw new IllegalArgumentException("joints must hold 17 positions");
        }
        RigPose pose = store == null ? new RigPose(rig) : store;
        Vector3f p = joints[PELVIS];
        Quaternion dHips = frameDelta(restHipsFrame, joints[THORAX].subtract(p),
                joints[L_HIP].subtract(joints[R_HIP]), null);
        if (dHips == null) {
            dHips = Rotations.swing(restTorso, joints[THORAX].subtract(p));
        }
        pose.setDelta(hips, dHips);
        Vector3f upper = joints[THORAX].subtract(joints[SPINE]);
        if (upper.length() < 1e-6f) {
            upper = joints[THORAX].subtract(p);
        }
        Quaternion dChest = frameDelta(restChestFrame, upper, joints[L_SHOULDER].subtract(joints[R_SHOULDER]), null);
        if (dChest == null) {
            dChest = dHips.clone();
        }
        Quaternion tmp = new Quaternion();
        for (int k = 0; k < spine.length; k++) {
            QuaternionSequences.nlerpOrSlerp(dHips, dChest, (k + 1f) / spine.length, tmp);
            pose.setDelta(spine[k], tmp);
        }
        pose.propagate();
        if (spine.length > 0) {
            aimChain(pose, spine, joints[THORAX].subtract(p), false);
        }
        Quaternion chest = pose.getDelta(chestJoint).clone();
        Quaternion dHead = headDelta(joints, chest);
        for (int k = 0; k < neck.length; k++) {
            QuaternionSequences.nlerpOrSlerp(chest, dHead, (k + 1f) / neck.length, tmp);
            pose.setDelta(neck[k], tmp);
        }
        pose.propagate();
        aimChain(pose, neck, joints[HEAD].subtract(joints[THORAX]), true);
        for (Limb limb : limbs) {
            solveLimb(pose, limb, joints);
        }
        pose.propagate();
        return pose;
    }

    /**
     * Turns a whole chain (every delta pre-multiplied by one correction) about its first joint so that the
     * torso line (pelvis to thorax) or the head line (thorax to head top) of the character points along the
     * source's, a few fixed-point steps because the pivot is not the line's start.
     */
    private void aimChain(RigPose pose, int[] chain, Vector3f target, boolean head) {
        if (target.length() < 1e-6f || chain.length == 0) {
            return;
        }
        Vector3f dir = target.normalize();
        for (int iter = 0; iter < 4; iter++) {
            Vector3f pivot = fk(pose, chain[0]);
            Vector3f start;
            Vector3f end;
            if (head) {
                start = thorax(pose);
                int h = rig.joint(HumanoidBone.HEAD);
                end = fk(pose, h).addLocal(pose.getDelta(h).mult(rig.getHeadTopOffset()));
            } else {
                start = fk(pose, rig.joint(HumanoidBone.LEFT_UPPER_LEG)).addLocal(fk(pose, rig.joint(HumanoidBone.RIGHT_UPPER_LEG)))
                        .multLocal(0.5f);
                end = thorax(pose);
            }
            Vector3f desired = start.add(dir.mult(end.distance(start)));
            Vector3f from = end.subtract(pivot);
            Vector3f to = desired.subtract(pivot);
            if (from.length() < 1e-6f || to.length() < 1e-6f || Rotations.angle(from, to) < 1e-4f) {
                return;
            }
            Quaternion c = Rotations.swing(from, to);
            for (int id : chain) {
                pose.setDelta(id, c.mult(pose.getDelta(id)).normalizeLocal());
            }
            pose.propagate();
        }
    }

    private Vector3f thorax(RigPose pose) {
        if (rig.getThoraxJoint() >= 0) {
            return fk(pose, rig.getThoraxJoint());
        }
        return fk(pose, rig.joint(HumanoidBone.LEFT_UPPER_ARM)).addLocal(fk(pose, rig.joint(HumanoidBone.RIGHT_UPPER_ARM)))
                .multLocal(0.5f);
    }

    /** Model position of a joint relative to the HIPS joint, from the deltas alone (no armature update). */
    private Vector3f fk(RigPose pose, int joint) {
        Vector3f out = new Vector3f();
        int j = joint;
        while (j != hips && j >= 0) {
            int parent = rig.getArmature().getJoint(j).getParent() == null ? -1 : rig.getArmature().getJoint(j).getParent().getId();
            if (parent < 0) {
                break;
            }
            Vector3f offset = rig.getRestModelPosition(j).subtract(rig.getRestModelPosition(parent));
            out.addLocal(pose.getDelta(parent).mult(offset));
            j = parent;
        }
        return out;
    }

    private Quaternion headDelta(Vector3f[] joints, Quaternion chest) {
        Vector3f dir = joints[HEAD].subtract(joints[THORAX]);
        if (dir.length() < 1e-6f) {
            return chest.clone();
        }
        Quaternion inherit = Rotations.swing(chest.mult(restHead), dir).multLocal(chest).normalizeLocal();
        Vector3f nose = joints[NECK_NOSE].subtract(joints[THORAX]);
        Vector3f u = dir.normalize();
        nose.subtractLocal(u.mult(nose.dot(u)));
        float w = Rotations.smoothStep(0.15f, 0.3f, nose.length() / dir.length());
        if (w <= 0) {
            return inherit;
        }
        Quaternion faced = frameDelta(restHeadFrame, dir, nose, null);
        if (faced == null) {
            return inherit;
        }
        return QuaternionSequences.nlerpOrSlerp(inherit, faced, w, new Quaternion());
    }

    private void solveLimb(RigPose pose, Limb limb, Vector3f[] j) {
        int parent = rig.getArmature().getJoint(limb.upperJoint).getParent().getId();
        Quaternion dParent = pose.getDelta(parent);
        Vector3f up = j[limb.b].subtract(j[limb.a]);
        Vector3f low = j[limb.c].subtract(j[limb.b]);
        Quaternion dUpper = dParent.clone();
        if (up.length() > 1e-6f) {
            dUpper = Rotations.swing(dParent.mult(limb.restUpper), up).multLocal(dParent).normalizeLocal();
            float bend = Rotations.angle(up, low);
            float w = low.length() > 1e-6f ? Rotations.smoothStep(BEND_MIN, BEND_FULL, bend) : 0f;
            if (w > 0) {
                Quaternion planar = frameDelta(limb.restPlaneFrame, up, low, null);
                if (planar != null) {
                    QuaternionSequences.nlerpOrSlerp(dUpper, planar, w, dUpper);
                }
            }
        }
        pose.setDelta(limb.upperJoint, dUpper);
        // Joints between the upper and lower bone (twist helpers) follow the upper bone.
        pose.propagate();
        int lowerParent = rig.getArmature().getJoint(limb.lowerJoint).getParent().getId();
        Quaternion dMid = pose.getDelta(lowerParent);
        Quaternion dLower = dMid.clone();
        if (low.length() > 1e-6f) {
            dLower = Rotations.swing(dMid.mult(limb.restLower), low).multLocal(dMid).normalizeLocal();
        }
        pose.setDelta(limb.lowerJoint, dLower);
        if (limb.footJoint >= 0) {
            pose.setDelta(limb.footJoint, Rotations.twist(dLower, Vector3f.UNIT_Y));
        }
    }

    /**
     * The delta taking a rest frame to the frame built from a source primary and secondary axis.
     *
     * @return a new rotation, or null if the source axes are degenerate
     */
    private static Quaternion frameDelta(Quaternion restFrame, Vector3f primary, Vector3f secondary, Quaternion store) {
        if (primary.length() < 1e-6f) {
            return null;
        }
        Quaternion target = Rotations.frame(primary, secondary);
        if (target == null) {
            return null;
        }
        Quaternion d = Rotations.delta(restFrame, target);
        return store == null ? d : store.set(d);
    }
}
