package io.github.hourglassmocap.retarget.solve;

import java.util.List;

/**
 * The outcome of retargeting a clip: one pose per source frame with the frame's own time, the foot contacts
 * found and the quality figures. Immutable apart from the poses, which are shared: copy one before changing it.
 */
public final class RetargetResult {
    private final CharacterRig rig;
    private final double frameRateHz;
    /** Smallest step between two key times: a frame whose time does not advance is put this much later. */
    static final double MIN_KEY_STEP_SECONDS = 1e-4;

    private final List<RigPose> poses;
    private final long[] timestampNanos;
    private final boolean[][] contacts;
    private final RetargetMetrics metrics;

    RetargetResult(CharacterRig rig, SourceSequence sequence, List<RigPose> poses, boolean[][] contacts,
            RetargetMetrics metrics) {
        this.rig = rig;
        this.frameRateHz = sequence.getFrameRateHz();
        this.poses = List.copyOf(poses);
        if (sequence.size() != this.poses.size()) {
            throw new IllegalArgumentException("one pose per source frame: " + this.poses.size() + " poses for "
                    + sequence.size() + " frames");
        }
        this.timestampNanos = new long[sequence.size()];
        for (int i = 0; i < timestampNanos.length; i++) {
            timestampNanos[i] = sequence.get(i).getTimestampNanos();
        }
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
     * Returns a frame's own time, as its source frame gave it (a video frame's presentation time, so a
     * variable-frame-rate video keeps its real timing).
     *
     * @param frame the frame index (0..poses-1)
     * @return the time (in nanoseconds, &ge;0)
     */
    public long getTimestampNanos(int frame) {
        return timestampNanos[frame];
    }

    /**
     * Returns the time of each pose for an animation clip: each frame's own time counted from the first frame,
     * so the first key is at 0. Times that do not advance (a repeated or backwards timestamp) are placed
     * {@value #MIN_KEY_STEP_SECONDS} s after the previous key, as clip keys must increase.
     *
     * @return a new array, one strictly increasing time per pose (in seconds, first 0)
     */
    public double[] getKeyTimesSeconds() {
        double[] t = new double[timestampNanos.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (timestampNanos[i] - timestampNanos[0]) / 1e9;
            if (i > 0 && !(t[i] >= t[i - 1] + MIN_KEY_STEP_SECONDS)) {
                t[i] = t[i - 1] + MIN_KEY_STEP_SECONDS;
            }
        }
        return t;
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
