package io.github.hourglassmocap.retarget.solve;

import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.inference.joints.H36mJoints;

/**
 * One frame of source motion in the solver's world: 17 H36M joints relative to the pelvis, plus the pelvis
 * position, in metres, Y up, right-handed (an actor facing the camera faces +Z). A frame lifted from a camera
 * ({@link #isFacingCamera()}) is turned by the retargeters to face the way the character was modelled to face
 * ({@link CharacterRig#toRigFacing(SourceFrame)}); a frame of world motion (a BVH take) is used as it is.
 * Immutable: the accessors return copies.
 */
public final class SourceFrame {
    private final long timestampNanos;
    private final Vector3f[] joints;
    private final Vector3f root;
    private final float[] confidence;
    private final boolean valid;
    private final boolean facingCamera;

    /**
     * Creates a frame.
     *
     * @param timestampNanos time of the frame (in nanoseconds, &ge;0)
     * @param joints 17 joint positions relative to the pelvis (metres, world axes; not null, no nulls, finite;
     *     copied)
     * @param root the pelvis position in the world (metres; not null, finite; copied)
     * @param confidence 17 confidences in 0..1 (copied), or null for all 1
     * @param valid false for a frame that only repeats the last valid pose across a gap
     */
    public SourceFrame(long timestampNanos, Vector3f[] joints, Vector3f root, float[] confidence, boolean valid) {
        this(timestampNanos, joints, root, confidence, valid, false);
    }

    /**
     * Creates a frame, saying whether it was lifted from a camera.
     *
     * @param timestampNanos time of the frame (in nanoseconds, &ge;0)
     * @param joints 17 joint positions relative to the pelvis (metres, world axes; not null, no nulls, finite;
     *     copied)
     * @param root the pelvis position in the world (metres; not null, finite; copied)
     * @param confidence 17 confidences in 0..1 (copied), or null for all 1
     * @param valid false for a frame that only repeats the last valid pose across a gap
     * @param facingCamera true for lifted poses (converted from the camera frame, an actor facing the camera
     *     facing +Z): the retargeters turn them by the rig's {@link CharacterRig#getCameraFacingTurn()}
     */
    public SourceFrame(long timestampNanos, Vector3f[] joints, Vector3f root, float[] confidence, boolean valid,
            boolean facingCamera) {
        if (timestampNanos < 0) {
            throw new IllegalArgumentException("timestampNanos must be >= 0, got " + timestampNanos);
        }
        if (joints == null || joints.length != H36mJoints.COUNT) {
            throw new IllegalArgumentException("joints must hold " + H36mJoints.COUNT + " positions");
        }
        this.joints = new Vector3f[H36mJoints.COUNT];
        for (int i = 0; i < joints.length; i++) {
            if (joints[i] == null || !Vector3f.isValidVector(joints[i])) {
                throw new IllegalArgumentException("joint " + i + " (" + H36mJoints.name(i) + ") is null or not finite: " + joints[i]);
            }
            this.joints[i] = joints[i].clone();
        }
        if (root == null || !Vector3f.isValidVector(root)) {
            throw new IllegalArgumentException("root must be a finite vector, got " + root);
        }
        this.root = root.clone();
        if (confidence != null && confidence.length != H36mJoints.COUNT) {
            throw new IllegalArgumentException("confidence must hold " + H36mJoints.COUNT + " values, got " + confidence.length);
        }
        this.confidence = new float[H36mJoints.COUNT];
        for (int i = 0; i < H36mJoints.COUNT; i++) {
            float c = confidence == null ? 1f : confidence[i];
            if (!(c >= 0f && c <= 1f)) {
                throw new IllegalArgumentException("confidence " + i + " must be in 0..1, got " + c);
            }
            this.confidence[i] = c;
        }
        this.timestampNanos = timestampNanos;
        this.valid = valid;
        this.facingCamera = facingCamera;
    }

    /**
     * Builds a frame from absolute world positions; the pelvis becomes the root.
     *
     * @param timestampNanos time of the frame (in nanoseconds, &ge;0)
     * @param world 17 absolute positions (metres, Y up; not null; unaffected)
     * @return a new valid frame with full confidence
     */
    public static SourceFrame fromWorld(long timestampNanos, Vector3f[] world) {
        if (world == null || world.length != H36mJoints.COUNT) {
            throw new IllegalArgumentException("world must hold " + H36mJoints.COUNT + " positions");
        }
        Vector3f root = world[H36mJoints.PELVIS].clone();
        Vector3f[] rel = new Vector3f[H36mJoints.COUNT];
        for (int i = 0; i < rel.length; i++) {
            rel[i] = world[i].subtract(root);
        }
        return new SourceFrame(timestampNanos, rel, root, null, true);
    }

    /**
     * Returns this frame turned about the world's vertical through the origin (joints and root).
     *
     * @param turn the rotation (not null, unaffected)
     * @return a new frame, still {@link #isFacingCamera()} if this one is
     */
    public SourceFrame turned(Quaternion turn) {
        return turned(turn, facingCamera);
    }

    /**
     * Returns this frame turned, with the given camera-facing flag.
     *
     * @param turn the rotation (not null, unaffected)
     * @param facing the new frame's {@link #isFacingCamera()}
     * @return a new frame
     */
    SourceFrame turned(Quaternion turn, boolean facing) {
        Vector3f[] out = new Vector3f[joints.length];
        for (int k = 0; k < joints.length; k++) {
            out[k] = turn.mult(joints[k]);
        }
        return new SourceFrame(timestampNanos, out, turn.mult(root), confidence, valid, facing);
    }

    /**
     * Returns whether this frame was lifted from a camera (an actor facing the camera faces +Z) and still has
     * to be turned to the rig's facing.
     *
     * @return true for lifted poses not yet turned
     */
    public boolean isFacingCamera() {
        return facingCamera;
    }

    /** @return the time (nanoseconds) */
    public long getTimestampNanos() {
        return timestampNanos;
    }

    /**
     * Returns one joint relative to the pelvis.
     *
     * @param joint the joint index (0..16)
     * @return a new vector (metres)
     */
    public Vector3f getJoint(int joint) {
        return joints[joint].clone();
    }

    /** @return 17 new vectors relative to the pelvis (metres) */
    public Vector3f[] getJoints() {
        Vector3f[] c = new Vector3f[joints.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = joints[i].clone();
        }
        return c;
    }

    /** @return 17 new vectors: absolute world positions (metres) */
    public Vector3f[] getWorldJoints() {
        Vector3f[] c = new Vector3f[joints.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = joints[i].add(root);
        }
        return c;
    }

    /** @return the pelvis position in the world (new vector, metres) */
    public Vector3f getRoot() {
        return root.clone();
    }

    /** @return a new array of 17 confidences (0..1) */
    public float[] getConfidence() {
        return confidence.clone();
    }

    /** @return the mean of the 17 confidences */
    public float getMeanConfidence() {
        float s = 0;
        for (float c : confidence) {
            s += c;
        }
        return s / confidence.length;
    }

    /** @return false if the frame repeats the last valid pose across a gap */
    public boolean isValid() {
        return valid;
    }
}
