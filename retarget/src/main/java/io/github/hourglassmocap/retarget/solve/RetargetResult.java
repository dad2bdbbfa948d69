package io.github.hourglassmocap.retarget.solve;

import java.util.List;

/**
 * The outcome of retargeting a clip: one pose per source frame, the foot contacts found and the quality
 * figures. Immutable apart from the poses, which are shared: copy one before changing it.
 */
public final class RetargetResult {
    private final CharacterRig rig;
    private final double frameRateHz;
    private final List<RigPose> poses;
    private final boolean[][] contacts;
    private final RetargetMetrics metrics;

    RetargetResult(CharacterRig rig, double frameRateHz, List<RigPose> poses, boolean[][] contacts, RetargetMetrics metrics) {
        this.rig = rig;
        this.frameRateHz = frameRateHz;
        this.poses = List.copyOf(poses);
        this.contacts = new boolean[][] {contacts[0].clone(), contacts[1].clone()};
        this.metrics = metrics;
    }

    /** @return the character (shared) */
    public CharacterRig getRig() {
        return rig;
    }

    /** @return the frame rate of the poses (hertz) */
    public double getFrameRateHz() {
        return frameRateHz;
    }

    /** @return the poses in frame order (unmodifiable list of shared poses) */
    public List<RigPose> getPoses() {
        return poses;
    }

    /**
     * Returns whether a foot was planted in a frame.
     *
     * @param foot {@link FootContacts#LEFT} or {@link FootContacts#RIGHT}
     * @param frame the frame index
     * @return true if planted
     */
    public boolean isContact(int foot, int frame) {
        return contacts[foot][frame];
    }

    /** @return the quality figures */
    public RetargetMetrics getMetrics() {
        return metrics;
    }
}
