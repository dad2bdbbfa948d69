package io.github.hourglassmocap.retarget.bvh;

import java.util.List;
import java.util.Objects;

/**
 * One joint of a BVH hierarchy: name, parent, rest offset from the parent (in the parent's frame, in
 * file units), its motion channels and, when the joint is a leaf, the offset of its {@code End Site}.
 * Immutable.
 */
public final class BvhJoint {
    private final String name;
    private final int index;
    private final int parent;
    private final double[] offset;
    private final List<BvhChannel> channels;
    private final int firstChannel;
    private final double[] endSite;

    /**
     * Creates a joint.
     *
     * @param name the joint name (not null, not empty)
     * @param index the joint's index in its skeleton (&ge;0)
     * @param parent the parent's index (&lt;index), or -1 for the root
     * @param offset the rest offset from the parent (length 3, finite; copied)
     * @param channels the motion channels in file order (not null, 0..6 entries, no duplicates; copied)
     * @param firstChannel the index of this joint's first value in a motion frame (&ge;0)
     * @param endSite the End Site offset (length 3; copied), or null if the joint has none
     */
    public BvhJoint(String name, int index, int parent, double[] offset, List<BvhChannel> channels,
            int firstChannel, double[] endSite) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("joint name must not be empty");
        }
        if (index < 0 || parent < -1 || parent >= index) {
            throw new IllegalArgumentException("joint '" + name + "': index " + index + " and parent " + parent
                    + " must satisfy -1 <= parent < index");
        }
        if (offset == null || offset.length != 3) {
            throw new IllegalArgumentException("joint '" + name + "': offset must have 3 values");
        }
        if (channels == null || channels.size() > 6 || channels.stream().distinct().count() != channels.size()) {
            throw new IllegalArgumentException("joint '" + name + "': channels must be 0..6 distinct channels, got "
                    + channels);
        }
        if (firstChannel < 0) {
            throw new IllegalArgumentException("joint '" + name + "': firstChannel must be >= 0");
        }
        if (endSite != null && endSite.length != 3) {
            throw new IllegalArgumentException("joint '" + name + "': endSite must have 3 values");
        }
        this.name = name;
        this.index = index;
        this.parent = parent;
        this.offset = offset.clone();
        this.channels = List.copyOf(channels);
        this.firstChannel = firstChannel;
        this.endSite = endSite == null ? null : endSite.clone();
    }

    /**
     * Returns the name.
     *
     * @return the joint name (not null)
     */
    public String name() {
        return name;
    }

    /**
     * Returns the index of this joint in its skeleton.
     *
     * @return the index (&ge;0)
     */
    public int index() {
        return index;
    }

    /**
     * Returns the parent index.
     *
     * @return the parent's index, or -1 for the root
     */
    public int parent() {
        return parent;
    }

    /**
     * Returns one component of the rest offset.
     *
     * @param axis 0 for X, 1 for Y, 2 for Z
     * @return the offset from the parent along that axis (file units)
     */
    public double offset(int axis) {
        return offset[axis];
    }

    /**
     * Returns the rest offset.
     *
     * @return a new array of 3 values (file units, parent frame)
     */
    public double[] offset() {
        return offset.clone();
    }

    /**
     * Returns the channels.
     *
     * @return an unmodifiable shared list, in file order
     */
    public List<BvhChannel> channels() {
        return channels;
    }

    /**
     * Returns the index of this joint's first value in a motion frame.
     *
     * @return the channel index (&ge;0)
     */
    public int firstChannel() {
        return firstChannel;
    }

    /**
     * Returns whether the joint ends in an {@code End Site}.
     *
     * @return true if it has one
     */
    public boolean hasEndSite() {
        return endSite != null;
    }

    /**
     * Returns the End Site offset.
     *
     * @return a new array of 3 values, or null if the joint has no End Site
     */
    public double[] endSite() {
        return endSite == null ? null : endSite.clone();
    }

    @Override
    public String toString() {
        return "BvhJoint[" + name + ", parent " + parent + ", channels " + channels + "]";
    }
}
