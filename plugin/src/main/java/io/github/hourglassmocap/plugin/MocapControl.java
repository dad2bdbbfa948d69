package io.github.hourglassmocap.plugin;

import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Spatial;
import com.jme3.scene.control.AbstractControl;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import java.util.Objects;

/**
 * Drives one character from the poses a {@link MocapAppState} delivers: each new pose goes through this
 * character's own {@link CharacterRetargeter} (its mapping and options), then, if smoothing is on, every joint
 * eases towards its new local transform with the given time constant. Any number of characters can follow one
 * source, each with its own control. Render thread only.
 *
 * <p>Poses marked invalid (a long stretch with nobody in view) are ignored: the character holds its last pose.
 *
 * <p>The control must be added to the spatial that holds (or is an ancestor of) the character's
 * {@code SkinningControl}.
 */
public final class MocapControl extends AbstractControl {
    private final CharacterRetargeter retargeter;
    private Armature armature;
    private Pose3dSample pending;
    private float smoothingSeconds;
    private boolean inPlace;
    private Quaternion[] target;
    private Vector3f[] targetTranslation;
    private Vector3f[] restTranslation;
    private long posesApplied;

    /**
     * Creates a control.
     *
     * @param retargeter poses this character's armature (not null; bound to this character)
     */
    public MocapControl(CharacterRetargeter retargeter) {
        this.retargeter = Objects.requireNonNull(retargeter, "retargeter");
    }

    /**
     * Sets the smoothing time constant.
     *
     * @param seconds 0 to apply each pose as it comes, or the time constant of the easing (in seconds, &ge;0)
     */
    public void setSmoothingSeconds(float seconds) {
        if (!(seconds >= 0) || Float.isInfinite(seconds)) {
            throw new IllegalArgumentException("smoothingSeconds must be finite and >= 0; got " + seconds);
        }
        this.smoothingSeconds = seconds;
    }

    /**
     * Returns the smoothing time constant.
     *
     * @return seconds (&ge;0)
     */
    public float getSmoothingSeconds() {
        return smoothingSeconds;
    }

    /**
     * Sets whether the character stays in place: root joints keep their rest translation.
     *
     * @param inPlace true to ignore root motion
     */
    public void setInPlace(boolean inPlace) {
        this.inPlace = inPlace;
    }

    /**
     * Returns whether the character stays in place.
     *
     * @return true if root motion is ignored
     */
    public boolean isInPlace() {
        return inPlace;
    }

    /**
     * Hands the control a new pose, applied in its next update. Render thread only.
     *
     * @param pose the pose (not null; kept by reference, not modified)
     */
    public void setPose(Pose3dSample pose) {
        this.pending = Objects.requireNonNull(pose, "pose");
    }

    /**
     * Applies a pose to the armature now (retargeting and the in-place option, no smoothing). Used by the
     * recorder so the armature holds the pose of each recorded frame. Render thread only.
     *
     * @param pose the pose (not null, unaffected)
     * @throws IllegalStateException if the control is not attached to a rigged spatial
     */
    public void applyNow(Pose3dSample pose) {
        Armature a = armature();
        if (!pose.valid()) {
            // In a long gap with no person the character holds its last pose.
            return;
        }
        retargeter.apply(pose, a);
        if (inPlace) {
            restoreRootTranslations(a);
        }
        posesApplied++;
        target = null;
    }

    /**
     * Returns how many poses have been applied.
     *
     * @return the count (&ge;0)
     */
    public long getPosesApplied() {
        return posesApplied;
    }

    /**
     * Returns the armature being driven.
     *
     * @return the live armature (shared)
     * @throws IllegalStateException if the control is not attached to a rigged spatial
     */
    public Armature armature() {
        if (armature == null) {
            throw new IllegalStateException("MocapControl is not attached to a rigged character");
        }
        return armature;
    }

    @Override
    public void setSpatial(Spatial s) {
        super.setSpatial(s);
        if (s == null) {
            armature = null;
            return;
        }
        armature = Armatures.getArmature(s);
        restTranslation = new Vector3f[armature.getJointCount()];
        for (int i = 0; i < restTranslation.length; i++) {
            restTranslation[i] = armature.getJoint(i).getLocalTranslation().clone();
        }
    }

    @Override
    protected void controlUpdate(float tpf) {
        Pose3dSample p = pending;
        if (p != null) {
            pending = null;
            if (smoothingSeconds <= 0) {
                applyNow(p);
            } else {
                captureTarget(p);
            }
        }
        if (target != null && smoothingSeconds > 0) {
            ease(tpf);
        }
    }

    private void captureTarget(Pose3dSample p) {
        Armature a = armature;
        if (!p.valid()) {
            return;
        }
        int n = a.getJointCount();
        Quaternion[] before = new Quaternion[n];
        Vector3f[] beforeT = new Vector3f[n];
        for (int i = 0; i < n; i++) {
            before[i] = a.getJoint(i).getLocalRotation().clone();
            beforeT[i] = a.getJoint(i).getLocalTranslation().clone();
        }
        retargeter.apply(p, a);
        if (inPlace) {
            restoreRootTranslations(a);
        }
        posesApplied++;
        target = new Quaternion[n];
        targetTranslation = new Vector3f[n];
        for (int i = 0; i < n; i++) {
            Joint j = a.getJoint(i);
            target[i] = j.getLocalRotation().clone();
            targetTranslation[i] = j.getLocalTranslation().clone();
            j.setLocalRotation(before[i]);
            j.setLocalTranslation(beforeT[i]);
        }
    }

    private void ease(float tpf) {
        float k = (float) (1 - Math.exp(-tpf / smoothingSeconds));
        Armature a = armature;
        Quaternion q = new Quaternion();
        for (int i = 0; i < target.length; i++) {
            Joint j = a.getJoint(i);
            q.set(j.getLocalRotation());
            q.slerp(target[i], k);
            q.normalizeLocal();
            j.setLocalRotation(q);
            Vector3f t = j.getLocalTranslation().clone();
            t.interpolateLocal(targetTranslation[i], k);
            j.setLocalTranslation(t);
        }
    }

    private void restoreRootTranslations(Armature a) {
        for (Joint root : a.getRoots()) {
            int i = a.getJointIndex(root);
            root.setLocalTranslation(restTranslation[i]);
        }
    }

    @Override
    protected void controlRender(RenderManager rm, ViewPort vp) {
        // nothing to render
    }
}
