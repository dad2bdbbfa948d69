package io.github.hourglassmocap.retarget.bvh;

import java.util.Locale;

/**
 * One motion channel of a BVH joint: a translation or a rotation (in degrees) about one axis.
 */
public enum BvhChannel {
    /** Translation along X. */
    XPOSITION("Xposition", 0, false),
    /** Translation along Y. */
    YPOSITION("Yposition", 1, false),
    /** Translation along Z. */
    ZPOSITION("Zposition", 2, false),
    /** Rotation about X, in degrees. */
    XROTATION("Xrotation", 0, true),
    /** Rotation about Y, in degrees. */
    YROTATION("Yrotation", 1, true),
    /** Rotation about Z, in degrees. */
    ZROTATION("Zrotation", 2, true);

    private final String fileName;
    private final int axis;
    private final boolean rotation;

    BvhChannel(String fileName, int axis, boolean rotation) {
        this.fileName = fileName;
        this.axis = axis;
        this.rotation = rotation;
    }

    /**
     * Returns the name as written in a BVH file.
     *
     * @return for example "Zrotation" (not null)
     */
    public String fileName() {
        return fileName;
    }

    /**
     * Returns the axis.
     *
     * @return 0 for X, 1 for Y, 2 for Z
     */
    public int axis() {
        return axis;
    }

    /**
     * Returns whether this is a rotation channel.
     *
     * @return true for rotations, false for positions
     */
    public boolean isRotation() {
        return rotation;
    }

    /**
     * Finds a channel by its BVH name, ignoring case.
     *
     * @param name the name as written in a file (may be null)
     * @return the channel, or null if the name is not a BVH channel
     */
    public static BvhChannel find(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (BvhChannel c : values()) {
            if (c.fileName.toLowerCase(Locale.ROOT).equals(lower)) {
                return c;
            }
        }
        return null;
    }
}
