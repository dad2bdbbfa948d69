package io.github.hourglassmocap.retarget.humanoid;

/**
 * The canonical humanoid bones, after Unity's humanoid and VRM. Sides are the character's own left and right.
 *
 * <p>The first 22 constants (hips to right toes) are the body; eyes and the 30 finger bones (three per
 * finger: proximal, intermediate, distal) follow and are all optional. Each bone knows its canonical
 * parent, its side and its mirror image.
 */
public enum HumanoidBone {
    HIPS(true), SPINE(true), CHEST(false), UPPER_CHEST(false), NECK(false), HEAD(true),
    LEFT_SHOULDER(false), LEFT_UPPER_ARM(true), LEFT_LOWER_ARM(true), LEFT_HAND(true),
    RIGHT_SHOULDER(false), RIGHT_UPPER_ARM(true), RIGHT_LOWER_ARM(true), RIGHT_HAND(true),
    LEFT_UPPER_LEG(true), LEFT_LOWER_LEG(true), LEFT_FOOT(true), LEFT_TOES(false),
    RIGHT_UPPER_LEG(true), RIGHT_LOWER_LEG(true), RIGHT_FOOT(true), RIGHT_TOES(false),
    LEFT_EYE(false), RIGHT_EYE(false),
    LEFT_THUMB_PROXIMAL(false), LEFT_THUMB_INTERMEDIATE(false), LEFT_THUMB_DISTAL(false),
    LEFT_INDEX_PROXIMAL(false), LEFT_INDEX_INTERMEDIATE(false), LEFT_INDEX_DISTAL(false),
    LEFT_MIDDLE_PROXIMAL(false), LEFT_MIDDLE_INTERMEDIATE(false), LEFT_MIDDLE_DISTAL(false),
    LEFT_RING_PROXIMAL(false), LEFT_RING_INTERMEDIATE(false), LEFT_RING_DISTAL(false),
    LEFT_LITTLE_PROXIMAL(false), LEFT_LITTLE_INTERMEDIATE(false), LEFT_LITTLE_DISTAL(false),
    RIGHT_THUMB_PROXIMAL(false), RIGHT_THUMB_INTERMEDIATE(false), RIGHT_THUMB_DISTAL(false),
    RIGHT_INDEX_PROXIMAL(false), RIGHT_INDEX_INTERMEDIATE(false), RIGHT_INDEX_DISTAL(false),
    RIGHT_MIDDLE_PROXIMAL(false), RIGHT_MIDDLE_INTERMEDIATE(false), RIGHT_MIDDLE_DISTAL(false),
    RIGHT_RING_PROXIMAL(false), RIGHT_RING_INTERMEDIATE(false), RIGHT_RING_DISTAL(false),
    RIGHT_LITTLE_PROXIMAL(false), RIGHT_LITTLE_INTERMEDIATE(false), RIGHT_LITTLE_DISTAL(false);

    /** Which side of the body a bone is on. */
    public enum Side {
        /** The character's own left. */
        LEFT,
        /** The character's own right. */
        RIGHT,
        /** On the midline. */
        CENTER
    }

    /** The five fingers, in Unity's naming. */
    public enum Finger {
        THUMB, INDEX, MIDDLE, RING, LITTLE
    }

    private final boolean required;

    HumanoidBone(boolean required) {
        this.required = required;
    }

    /**
     * Returns whether every mappable rig must have this bone.
     *
     * @return true for the bones the retargeter cannot do without
     */
    public boolean isRequired() {
        return required;
    }

    /**
     * Returns the side of the body.
     *
     * @return LEFT, RIGHT or CENTER (not null)
     */
    public Side side() {
        String n = name();
        return n.startsWith("LEFT_") ? Side.LEFT : n.startsWith("RIGHT_") ? Side.RIGHT : Side.CENTER;
    }

    /**
     * Returns whether this is one of the 30 finger bones.
     *
     * @return true for fingers
     */
    public boolean isFinger() {
        return ordinal() >= LEFT_THUMB_PROXIMAL.ordinal();
    }

    /**
     * Returns the finger of a finger bone.
     *
     * @return the finger, or null if this is not a finger bone
     */
    public Finger finger() {
        if (!isFinger()) {
            return null;
        }
        return Finger.values()[((ordinal() - LEFT_THUMB_PROXIMAL.ordinal()) % 15) / 3];
    }

    /**
     * Returns the phalanx of a finger bone.
     *
     * @return 0 proximal, 1 intermediate, 2 distal; -1 if this is not a finger bone
     */
    public int phalanx() {
        return isFinger() ? (ordinal() - LEFT_THUMB_PROXIMAL.ordinal()) % 3 : -1;
    }

    /**
     * Returns a finger bone by side, finger and phalanx.
     *
     * @param side LEFT or RIGHT (not null)
     * @param finger the finger (not null)
     * @param phalanx 0 proximal, 1 intermediate, 2 distal
     * @return the bone (not null)
     */
    public static HumanoidBone finger(Side side, Finger finger, int phalanx) {
        if (side == Side.CENTER || side == null || finger == null || phalanx < 0 || phalanx > 2) {
            throw new IllegalArgumentException("finger bones need side LEFT or RIGHT, a finger and phalanx 0..2; got "
                    + side + ", " + finger + ", " + phalanx);
        }
        int base = side == Side.LEFT ? LEFT_THUMB_PROXIMAL.ordinal() : RIGHT_THUMB_PROXIMAL.ordinal();
        return values()[base + finger.ordinal() * 3 + phalanx];
    }

    /**
     * Returns the bone on the other side of the body.
     *
     * @return the mirrored bone (this bone for the midline)
     */
    public HumanoidBone mirror() {
        String n = name();
        if (n.startsWith("LEFT_")) {
            return valueOf("RIGHT_" + n.substring(5));
        }
        if (n.startsWith("RIGHT_")) {
            return valueOf("LEFT_" + n.substring(6));
        }
        return this;
    }

    /**
     * Returns the canonical parent: the nearest bone above this one in a full humanoid (optional bones
     * included; a rig without them attaches to the next one up).
     *
     * @return the parent bone, or null for HIPS
     */
    public HumanoidBone parent() {
        if (isFinger()) {
            int p = phalanx();
            if (p > 0) {
                return values()[ordinal() - 1];
            }
            return side() == Side.LEFT ? LEFT_HAND : RIGHT_HAND;
        }
        return switch (this) {
            case HIPS -> null;
            case SPINE, LEFT_UPPER_LEG, RIGHT_UPPER_LEG -> HIPS;
            case CHEST -> SPINE;
            case UPPER_CHEST -> CHEST;
            case NECK, LEFT_SHOULDER, RIGHT_SHOULDER -> UPPER_CHEST;
            case HEAD -> NECK;
            case LEFT_EYE, RIGHT_EYE -> HEAD;
            case LEFT_UPPER_ARM -> LEFT_SHOULDER;
            case RIGHT_UPPER_ARM -> RIGHT_SHOULDER;
            case LEFT_LOWER_ARM -> LEFT_UPPER_ARM;
            case RIGHT_LOWER_ARM -> RIGHT_UPPER_ARM;
            case LEFT_HAND -> LEFT_LOWER_ARM;
            case RIGHT_HAND -> RIGHT_LOWER_ARM;
            case LEFT_LOWER_LEG -> LEFT_UPPER_LEG;
            case RIGHT_LOWER_LEG -> RIGHT_UPPER_LEG;
            case LEFT_FOOT -> LEFT_LOWER_LEG;
            case RIGHT_FOOT -> RIGHT_LOWER_LEG;
            case LEFT_TOES -> LEFT_FOOT;
            case RIGHT_TOES -> RIGHT_FOOT;
            default -> throw new AssertionError(this);
        };
    }

    /**
     * Returns the Unity/VRM humanoid name (lower camel case), used in mapping files.
     *
     * @return for example "leftUpperArm" or "rightIndexProximal"
     */
    public String vrmName() {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : name().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return sb.toString();
    }

    /**
     * Finds a bone by its enum name or its Unity/VRM name, ignoring case and separators.
     *
     * @param name for example "LEFT_UPPER_ARM", "leftUpperArm" or "left-upper-arm" (may be null)
     * @return the bone, or null if the name matches none
     */
    public static HumanoidBone find(String name) {
        if (name == null) {
            return null;
        }
        String key = name.replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT);
        for (HumanoidBone b : values()) {
            if (b.name().replace("_", "").toLowerCase(java.util.Locale.ROOT).equals(key)) {
                return b;
            }
        }
        return null;
    }
}
