package io.github.hourglassmocap.retarget.internal.skeleton;

import io.github.hourglassmocap.retarget.bvh.BvhChannel;
import io.github.hourglassmocap.retarget.bvh.BvhJoint;
import io.github.hourglassmocap.retarget.bvh.BvhSkeleton;
import java.util.List;
import java.util.Objects;

/**
 * Forward kinematics for a BVH skeleton: from one frame of channel values (or from local rotations and
 * translations) to every joint's world rotation and position, in file units.
 *
 * <p>The BVH convention used, both here and by {@code BvhWriter}: a joint's local rotation is the product
 * of its rotation channels in the order listed ({@code CHANNELS 3 Zrotation Xrotation Yrotation} means
 * {@code Rz * Rx * Ry}, so the last listed is applied first), angles in degrees; its local translation is
 * its {@code OFFSET} with each position channel either replacing that axis of the offset (every joint but the
 * root, and the root of a rig whose every joint has position channels) or added to it (the root of other
 * rigs: with {@code OFFSET 0 0 0} this is the usual absolute root position); see
 * {@link BvhSkeleton#positionsReplaceOffset}. {@code world(j) = world(parent) * [translation(j), rotation(j)]}.
 *
 * <p>Holds reusable buffers: not thread-safe; the arrays it returns are shared and overwritten by the
 * next call.
 */
public final class ForwardKinematics {
    private final BvhSkeleton skeleton;
    private final int n;
    private final int[] parents;
    private final double[] localRot;
    private final double[] localTrans;
    private final double[] worldRot;
    private final double[] worldPos;
    private final double[] tmp = new double[4];

    /**
     * Creates a solver for a skeleton.
     *
     * @param skeleton the hierarchy (not null)
     */
    public ForwardKinematics(BvhSkeleton skeleton) {
        this.skeleton = Objects.requireNonNull(skeleton, "skeleton");
        this.n = skeleton.size();
        this.parents = skeleton.parents();
        this.localRot = new double[n * 4];
        this.localTrans = new double[n * 3];
        this.worldRot = new double[n * 4];
        this.worldPos = new double[n * 3];
    }

    /**
     * Returns the skeleton.
     *
     * @return the hierarchy (shared)
     */
    public BvhSkeleton skeleton() {
        return skeleton;
    }

    /**
     * Converts one frame of channel values into local rotations and translations.
     *
     * @param skeleton the hierarchy (not null)
     * @param channels one value per channel, degrees for rotations (unaffected)
     * @param rotations receives 4 values (x, y, z, w) per joint (length &ge; 4 x joints, modified)
     * @param translations receives 3 values per joint: the offset with the position channels replacing or added
     *     to it (length &ge; 3 x joints, modified)
     */
    public static void localFromChannels(BvhSkeleton skeleton, double[] channels, double[] rotations,
            double[] translations) {
        double[] axisQ = new double[4];
        List<BvhJoint> joints = skeleton.joints();
        for (int j = 0; j < joints.size(); j++) {
            BvhJoint joint = joints.get(j);
            int ro = j * 4;
            int to = j * 3;
            Quat.identity(rotations, ro);
            translations[to] = joint.offset(0);
            translations[to + 1] = joint.offset(1);
            translations[to + 2] = joint.offset(2);
            int c = joint.firstChannel();
            boolean replace = skeleton.positionsReplaceOffset(j);
            for (BvhChannel ch : joint.channels()) {
                double v = channels[c++];
                if (ch.isRotation()) {
                    Quat.axisAngle(ch.axis(), Math.toRadians(v), axisQ, 0);
                    Quat.multiply(rotations, ro, axisQ, 0, rotations, ro);
                } else if (replace) {
                    translations[to + ch.axis()] = v;
                } else {
                    translations[to + ch.axis()] += v;
                }
            }
        }
    }

    /**
     * Poses the skeleton from one frame of channel values.
     *
     * @param channels one value per channel (length &ge; channel count, unaffected)
     */
    public void setFrame(double[] channels) {
        if (channels.length < skeleton.channelCount()) {
            throw new IllegalArgumentException("channels must have at least " + skeleton.channelCount() + " values");
        }
        localFromChannels(skeleton, channels, localRot, localTrans);
        solve();
    }

    /**
     * Poses the skeleton from local rotations and translations.
     *
     * @param rotations 4 values (x, y, z, w, unit) per joint (unaffected)
     * @param translations 3 values per joint, in the parent's frame (unaffected)
     */
    public void setLocal(double[] rotations, double[] translations) {
        if (rotations.length < n * 4 || translations.length < n * 3) {
            throw new IllegalArgumentException("need 4 rotation and 3 translation values per joint (" + n + " joints)");
        }
        System.arraycopy(rotations, 0, localRot, 0, n * 4);
        System.arraycopy(translations, 0, localTrans, 0, n * 3);
        solve();
    }

    /**
     * Poses the skeleton in its rest pose (every rotation zero, every joint at its OFFSET:
     * {@link BvhSkeleton#restFrame()}).
     */
    public void setRest() {
        setFrame(skeleton.restFrame());
    }

    private void solve() {
        for (int j = 0; j < n; j++) {
            int p = parents[j];
            if (p < 0) {
                System.arraycopy(localRot, j * 4, worldRot, j * 4, 4);
                System.arraycopy(localTrans, j * 3, worldPos, j * 3, 3);
            } else {
                Quat.multiply(worldRot, p * 4, localRot, j * 4, worldRot, j * 4);
                Quat.rotate(worldRot, p * 4, localTrans, j * 3, tmp, 0);
                worldPos[j * 3] = worldPos[p * 3] + tmp[0];
                worldPos[j * 3 + 1] = worldPos[p * 3 + 1] + tmp[1];
                worldPos[j * 3 + 2] = worldPos[p * 3 + 2] + tmp[2];
            }
        }
    }

    /**
     * Returns the world positions of the last pose.
     *
     * @return a shared array of 3 values per joint (file units); overwritten by the next pose
     */
    public double[] worldPositions() {
        return worldPos;
    }

    /**
     * Returns the world rotations of the last pose.
     *
     * @return a shared array of 4 values (x, y, z, w) per joint; overwritten by the next pose
     */
    public double[] worldRotations() {
        return worldRot;
    }

    /**
     * Returns the local rotations of the last pose.
     *
     * @return a shared array of 4 values per joint; overwritten by the next pose
     */
    public double[] localRotations() {
        return localRot;
    }

    /**
     * Returns the local translations of the last pose.
     *
     * @return a shared array of 3 values per joint; overwritten by the next pose
     */
    public double[] localTranslations() {
        return localTrans;
    }

    /**
     * Computes the world position of a point fixed in a joint's frame (for example its End Site).
     *
     * @param joint the joint index
     * @param local the point in the joint's frame (length 3, unaffected)
     * @param out receives the world position (length &ge;3, modified)
     * @return out
     */
    public double[] pointInJoint(int joint, double[] local, double[] out) {
        Quat.rotate(worldRot, joint * 4, local, 0, out, 0);
        out[0] += worldPos[joint * 3];
        out[1] += worldPos[joint * 3 + 1];
        out[2] += worldPos[joint * 3 + 2];
        return out;
    }
}
