package io.github.hourglassmocap.retarget.solve;

/** The shape of a rig's rest pose, recognised from the angle of its upper arms. */
public enum RestPoseKind {
    /** Upper arms within 20 degrees of horizontal. */
    T_POSE,
    /** Upper arms between 20 and 65 degrees below horizontal. */
    A_POSE,
    /** Anything else (arms down, arms up, asymmetric). */
    OTHER;

    /**
     * Classifies a rest pose by how far its upper arms hang below horizontal.
     *
     * @param armDropDegrees mean angle of the upper arms below the horizontal plane (in degrees, -90..90)
     * @return the kind
     */
    public static RestPoseKind classify(float armDropDegrees) {
        if (Math.abs(armDropDegrees) <= 20f) {
            return T_POSE;
        }
        if (armDropDegrees > 20f && armDropDegrees <= 65f) {
            return A_POSE;
        }
        return OTHER;
    }
}
