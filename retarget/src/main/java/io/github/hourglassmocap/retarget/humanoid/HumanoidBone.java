package io.github.hourglassmocap.retarget.humanoid;

/**
 * The canonical humanoid bones, after Unity's humanoid and VRM. Sides are the character's own left and right.
 */
public enum HumanoidBone {
    HIPS(true), SPINE(true), CHEST(false), UPPER_CHEST(false), NECK(false), HEAD(true),
    LEFT_SHOULDER(false), LEFT_UPPER_ARM(true), LEFT_LOWER_ARM(true), LEFT_HAND(true),
    RIGHT_SHOULDER(false), RIGHT_UPPER_ARM(true), RIGHT_LOWER_ARM(true), RIGHT_HAND(true),
    LEFT_UPPER_LEG(true), LEFT_LOWER_LEG(true), LEFT_FOOT(true), LEFT_TOES(false),
    RIGHT_UPPER_LEG(true), RIGHT_LOWER_LEG(true), RIGHT_FOOT(true), RIGHT_TOES(false);

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
}
