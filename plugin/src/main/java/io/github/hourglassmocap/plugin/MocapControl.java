package io.github.hourglassmocap.plugin;

import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.export.InputCapsule;
import com.jme3.export.JmeExporter;
import com.jme3.export.JmeImporter;
import com.jme3.export.OutputCapsule;
import com.jme3.export.Savable;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Spatial;
import com.jme3.scene.control.AbstractControl;
import com.jme3.util.clone.Cloner;
import com.jme3.util.clone.JmeCloneable;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.retarget.internal.skeleton.ScratchArmatures;
import java.io.IOException;
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
 * {@code SkinningControl}. Each pose is written to that armature once: with smoothing on, the retargeter poses
 * a private copy of the joints and the control eases the character towards it.
 *
 * <p>Cloning a character ({@code Spatial.clone()}) clones its control: the clone drives the clone's armature,
 * with its own retargeter if the retargeter is {@link JmeCloneable} (as {@link RigRetargeter} is; otherwise
 * the clone shares it). The control is {@link Savable}: its settings, and its retargeter if that is
 * {@code Savable} (as {@link RigRetargeter} is), are saved in a j3o with the character.
 */
public final class MocapControl extends AbstractControl {
    /** Version of what {@link #write} stores; {@link #read} rejects other versions. */
    static final int FORMAT_VERSION = 1;

    private CharacterRetargeter retargeter;
    private Armature armature;
    /** The retargeter's output while smoothing (a copy of the armature's joints), made when first needed. */
    private Armature targetArmature;
    private Pose3dSample pending;
    private float smoothingSeconds;
    private boolean inPlace;
    private Quaternion[] target;
    private Vector3f[] targetTranslation;
    private Vector3f[] restTranslation;
    private long posesApplied;

    /**
     * For loading from a j3o only; give it a retargeter with {@link #setRetargeter} unless the saved one was
     * restored.
     */
    public MocapControl() {
    }

    /**
     * Creates a control.
     *
     * @param retargeter poses this character's armature (not null; bound to this character)
     */
    public MocapControl(CharacterRetargeter retargeter) {
        this.retargeter = Objects.requireNonNull(retargeter, "retargeter");
    }

    /**
     * Sets the retargeter, for example after loading a control whose retargeter could not be saved.
     *
     * @param retargeter poses this character's armature (not null; bound to this character)
     */
    public void setRetargeter(CharacterRetargeter retargeter) {
        this.retargeter = Objects.requireNonNull(retargeter, "retargeter");
        target = null;
    }

    /**
     * Returns the retargeter.
     *
     * @return the retargeter (shared), or null on a loaded control that has none yet
     */
    public CharacterRetargeter getRetargeter() {
        return retargeter;
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
     * @throws IllegalStateException if the control is not attached to a rigged spatial or has no retargeter
     */
    public void applyNow(Pose3dSample pose) {
        Armature a = armature();
        if (!pose.valid()) {
            // In a long gap with no person the character holds its last pose.
            return;
        }
        retargeter().apply(pose, a);
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
        if (armature == null && spatial != null) {
            // A control read from a j3o or cloned gets its spatial without setSpatial being called.
            bindArmature(spatial);
        }
        if (armature == null) {
            throw new IllegalStateException("MocapControl is not attached to a rigged character");
        }
        return armature;
    }

    private CharacterRetargeter retargeter() {
        if (retargeter == null) {
            throw new IllegalStateException("MocapControl has no retargeter: give it one with setRetargeter"
                    + " (a loaded control has one only if its retargeter was Savable)");
        }
        return retargeter;
    }

    @Override
    public void setSpatial(Spatial s) {
        super.setSpatial(s);
        armature = null;
        targetArmature = null;
        target = null;
        if (s != null) {
            bindArmature(s);
        }
    }

    private void bindArmature(Spatial s) {
        armature = Armatures.getArmature(s);
        restTranslation = new Vector3f[armature.getJointCount()];
        for (int i = 0; i < restTranslation.length; i++) {
            restTranslation[i] = armature.getJoint(i).getInitialTransform().getTranslation().clone();
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
        Armature a = armature();
        if (!p.valid()) {
            return;
        }
        int n = a.getJointCount();
        if (targetArmature == null) {
            targetArmature = ScratchArmatures.copyOf(a);
        }
        // Start the copy from the character's pose, so joints the retargeter leaves alone keep it.
        for (int i = 0; i < n; i++) {
            Joint from = a.getJoint(i);
            Joint to = targetArmature.getJoint(i);
            to.setLocalRotation(from.getLocalRotation());
            to.setLocalTranslation(from.getLocalTranslation());
            to.setLocalScale(from.getLocalScale());
        }
        retargeter().apply(p, targetArmature);
        if (inPlace) {
            restoreRootTranslations(targetArmature);
        }
        posesApplied++;
        target = new Quaternion[n];
        targetTranslation = new Vector3f[n];
        for (int i = 0; i < n; i++) {
            Joint j = targetArmature.getJoint(i);
            target[i] = j.getLocalRotation().clone();
            targetTranslation[i] = j.getLocalTranslation().clone();
        }
    }

    private void ease(float tpf) {
        float k = (float) (1 - Math.exp(-tpf / smoothingSeconds));
        Armature a = armature();
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

    /**
     * Points the clone at the clone's armature (the one the cloned {@code SkinningControl} holds) and gives it
     * its own retargeter when the retargeter is {@link JmeCloneable}.
     *
     * @param cloner the cloner doing the deep clone (not null)
     * @param original the control this one was cloned from (unaffected)
     */
    @Override
    public void cloneFields(Cloner cloner, Object original) {
        super.cloneFields(cloner, original);
        armature = cloner.clone(armature);
        if (retargeter instanceof JmeCloneable) {
            retargeter = cloner.clone(retargeter);
        }
        targetArmature = null;
        target = null;
        targetTranslation = null;
        posesApplied = 0;
        restTranslation = restTranslation == null ? null : cloneAll(restTranslation);
    }

    private static Vector3f[] cloneAll(Vector3f[] v) {
        Vector3f[] c = new Vector3f[v.length];
        for (int i = 0; i < v.length; i++) {
            c[i] = v[i].clone();
        }
        return c;
    }

    @Override
    public void write(JmeExporter ex) throws IOException {
        super.write(ex);
        OutputCapsule out = ex.getCapsule(this);
        out.write(FORMAT_VERSION, "formatVersion", 0);
        out.write(smoothingSeconds, "smoothingSeconds", 0f);
        out.write(inPlace, "inPlace", false);
        if (retargeter instanceof Savable s) {
            out.write(s, "retargeter", null);
        }
    }

    @Override
    public void read(JmeImporter im) throws IOException {
        super.read(im);
        InputCapsule in = im.getCapsule(this);
        int version = in.readInt("formatVersion", 0);
        if (version != FORMAT_VERSION) {
            throw new IOException("MocapControl: unsupported formatVersion " + version + "; expected " + FORMAT_VERSION);
        }
        float s = in.readFloat("smoothingSeconds", 0f);
        if (!(s >= 0) || Float.isInfinite(s)) {
            throw new IOException("MocapControl: 'smoothingSeconds' must be finite and >= 0; got " + s);
        }
        smoothingSeconds = s;
        inPlace = in.readBoolean("inPlace", false);
        Savable r = in.readSavable("retargeter", null);
        if (r != null && !(r instanceof CharacterRetargeter)) {
            throw new IOException("MocapControl: 'retargeter' is a " + r.getClass().getName()
                    + ", not a CharacterRetargeter");
        }
        retargeter = (CharacterRetargeter) r;
        armature = null;
    }
}
