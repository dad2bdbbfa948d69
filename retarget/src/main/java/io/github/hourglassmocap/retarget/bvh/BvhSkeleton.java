package io.github.hourglassmocap.retarget.bvh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hierarchy of a BVH file: joints in file (depth-first) order, so every parent precedes its
 * children. Immutable.
 */
public final class BvhSkeleton {
    private final List<BvhJoint> joints;
    private final Map<String, Integer> byName;
    private final int channelCount;
    private final boolean positionsEverywhere;

    /**
     * Creates a skeleton.
     *
     * @param joints the joints in depth-first order, each with {@link BvhJoint#index()} equal to its
     *     position and channels laid out contiguously in that order (not null, not empty, unique names; copied)
     */
    public BvhSkeleton(List<BvhJoint> joints) {
        if (joints == null || joints.isEmpty()) {
            throw new IllegalArgumentException("a skeleton needs at least one joint");
        }
        Map<String, Integer> names = new HashMap<>();
        int channels = 0;
        for (int i = 0; i < joints.size(); i++) {
            BvhJoint j = joints.get(i);
            if (j.index() != i) {
                throw new IllegalArgumentException("joint '" + j.name() + "' has index " + j.index() + ", expected " + i);
            }
            if ((i == 0) != (j.parent() == -1)) {
                throw new IllegalArgumentException("joint '" + j.name() + "': only the first joint may be the root");
            }
            if (j.firstChannel() != channels) {
                throw new IllegalArgumentException("joint '" + j.name() + "' starts at channel " + j.firstChannel()
                        + ", expected " + channels);
            }
            if (names.put(j.name(), i) != null) {
                throw new IllegalArgumentException("duplicate joint name '" + j.name() + "'");
            }
            channels += j.channels().size();
        }
        this.joints = List.copyOf(joints);
        this.byName = Collections.unmodifiableMap(names);
        this.channelCount = channels;
        boolean all = true;
        for (BvhJoint j : joints) {
            all &= j.channels().stream().anyMatch(c -> !c.isRotation());
        }
        this.positionsEverywhere = all;
    }

    /**
     * Returns whether a joint's position channels replace its OFFSET (the channel is the joint's local
     * translation along that axis) rather than add to it. They replace it on every joint but the root; on the
     * root too when every joint of the rig has position channels (such files give every joint, root included,
     * its full local translation). On the root of any other rig they add to the OFFSET: the common
     * {@code OFFSET 0 0 0} root, and rigs such as the CC conversions whose root OFFSET is its rest height and
     * whose channels move it from there.
     *
     * @param joint the joint index (0..size-1)
     * @return true if its position channels replace the offset
     */
    public boolean positionsReplaceOffset(int joint) {
        return joint > 0 || positionsEverywhere;
    }

    /**
     * Returns the rest pose as a motion frame: every rotation zero, every position channel at its rest value
     * (the OFFSET where positions replace it, zero where they add to it).
     *
     * @return a new array of {@link #channelCount()} values
     */
    public double[] restFrame() {
        double[] r = new double[channelCount];
        for (BvhJoint j : joints) {
            if (!positionsReplaceOffset(j.index())) {
                continue;
            }
            int c = j.firstChannel();
            for (BvhChannel ch : j.channels()) {
                if (!ch.isRotation()) {
                    r[c] = j.offset(ch.axis());
                }
                c++;
            }
        }
        return r;
    }

    /**
     * Returns the joints.
     *
     * @return an unmodifiable shared list in depth-first order
     */
    public List<BvhJoint> joints() {
        return joints;
    }

    /**
     * Returns the number of joints.
     *
     * @return the count (&ge;1)
     */
    public int size() {
        return joints.size();
    }

    /**
     * Returns one joint.
     *
     * @param index the joint index (0..size-1)
     * @return the joint (not null)
     */
    public BvhJoint joint(int index) {
        return joints.get(index);
    }

    /**
     * Returns the number of values in one motion frame.
     *
     * @return the total channel count (&ge;0)
     */
    public int channelCount() {
        return channelCount;
    }

    /**
     * Finds a joint index by name.
     *
     * @param name the exact joint name (not null)
     * @return the index, or -1 if there is no such joint
     */
    public int findIndex(String name) {
        Integer i = byName.get(name);
        return i == null ? -1 : i;
    }

    /**
     * Gets a joint index by name.
     *
     * @param name the exact joint name (not null)
     * @return the index
     * @throws IllegalArgumentException if there is no such joint
     */
    public int getIndex(String name) {
        int i = findIndex(name);
        if (i < 0) {
            throw new IllegalArgumentException("no joint named '" + name + "' in the skeleton; joints: " + names());
        }
        return i;
    }

    /**
     * Returns the joint names.
     *
     * @return a new list in joint order
     */
    public List<String> names() {
        List<String> r = new ArrayList<>(joints.size());
        for (BvhJoint j : joints) {
            r.add(j.name());
        }
        return r;
    }

    /**
     * Returns the parent indices.
     *
     * @return a new array, -1 for the root
     */
    public int[] parents() {
        int[] r = new int[joints.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = joints.get(i).parent();
        }
        return r;
    }
}
