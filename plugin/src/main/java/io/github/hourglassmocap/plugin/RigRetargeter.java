package io.github.hourglassmocap.plugin;

import com.jme3.anim.Armature;
import com.jme3.export.InputCapsule;
import com.jme3.export.JmeExporter;
import com.jme3.export.JmeImporter;
import com.jme3.export.OutputCapsule;
import com.jme3.export.Savable;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import com.jme3.util.clone.Cloner;
import com.jme3.util.clone.JmeCloneable;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.LiveRetargeter;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import io.github.hourglassmocap.retarget.solve.RigPose;
import io.github.hourglassmocap.retarget.solve.SourceFrame;
import io.github.hourglassmocap.retarget.solve.SourceSequence;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The live {@link CharacterRetargeter}: the retarget module's causal {@link LiveRetargeter} (warm-up skeleton
 * fit, foot contacts, One Euro smoothing of rotations, root motion unless in place) on one character's rig.
 * Render thread only.
 *
 * <p>The solver works on its own copy of the character's joints ({@link CharacterRig#detached}): the armature
 * the character is drawn with is written once per pose, by {@link #apply}, and is not reset to its rest pose
 * when the retargeter is made.
 *
 * <p>Savable (the humanoid map and the options; the solver's state starts afresh after loading, and the rig is
 * analysed on the first pose) and {@link JmeCloneable} (a clone gets its own solver, so a cloned character with
 * its {@link MocapControl} follows the source on its own).
 */
public final class RigRetargeter implements CharacterRetargeter, Savable, JmeCloneable {
    /** Version of what {@link #write} stores; {@link #read} rejects other versions. */
    static final int FORMAT_VERSION = 1;

    private HumanoidMap map;
    private RetargetOptions options;
    /** Null until bound to a character (after loading, until the first pose). */
    private CharacterRig rig;
    private LiveRetargeter live;
    private Vector3f lastRoot = new Vector3f();
    private long lastNanos = -1;

    /**
     * For loading from a j3o only: the map and options come from {@link #read}.
     */
    public RigRetargeter() {
    }

    /**
     * Analyses a character.
     *
     * @param model the character (not null; must hold a skeleton; unaffected: its pose is not changed)
     * @param map names the rig's humanoid bones (not null; every required bone mapped)
     * @param options the retargeting options, for example in place (not null)
     * @throws IllegalArgumentException if the rig cannot be mapped: the message names the character and what is
     *     missing
     */
    public RigRetargeter(Spatial model, HumanoidMap map, RetargetOptions options) {
        Objects.requireNonNull(model, "model");
        this.map = Objects.requireNonNull(map, "map");
        this.options = Objects.requireNonNull(options, "options");
        bind(Armatures.getArmature(model), model.getName());
    }

    private void bind(Armature armature, String characterName) {
        try {
            rig = CharacterRig.detached(armature, map);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("character '" + characterName + "' cannot be retargeted: "
                    + e.getMessage(), e);
        }
        live = new LiveRetargeter(rig, options);
    }

    /**
     * Returns the analysed rig; its armature is the solver's private copy, not the character's.
     *
     * @return the rig (shared), or null if this retargeter was loaded and has not seen a pose yet
     */
    public CharacterRig getRig() {
        return rig;
    }

    /**
     * Returns the humanoid map.
     *
     * @return the map (shared, immutable), or null before {@link #read} on a retargeter made for loading
     */
    public HumanoidMap getMap() {
        return map;
    }

    /**
     * Returns the retargeting options.
     *
     * @return the options (shared, immutable), or null before {@link #read} on a retargeter made for loading
     */
    public RetargetOptions getOptions() {
        return options;
    }

    /**
     * Converts a pipeline pose to the retargeter's source frame (Y-up world, pelvis-relative joints, root),
     * marked as facing the camera.
     *
     * @param p the pose (not null)
     * @param fallbackRoot the root to use when the pose has none (not null, unaffected)
     * @return a new frame
     */
    public static SourceFrame toSourceFrame(Pose3dSample p, Vector3f fallbackRoot) {
        float[] j = p.joints();
        Vector3f pelvis = SourceSequence.cameraToWorld(new Vector3f(j[0], j[1], j[2]));
        Vector3f[] world = new Vector3f[H36mJoints.COUNT];
        for (int i = 0; i < H36mJoints.COUNT; i++) {
            world[i] = SourceSequence.cameraToWorld(new Vector3f(j[3 * i], j[3 * i + 1], j[3 * i + 2]))
                    .subtractLocal(pelvis);
        }
        Vector3f root = p.root() == null ? fallbackRoot.clone()
                : SourceSequence.cameraToWorld(new Vector3f(p.root()[0], p.root()[1], p.root()[2])).addLocal(pelvis);
        return new SourceFrame(p.timestampNanos(), world, root, null, p.valid(), true);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if this retargeter was made for loading and never read
     * @throws IllegalArgumentException if the armature's joints differ from the rig's, or (first pose after
     *     loading) the rig cannot be mapped
     */
    @Override
    public void apply(Pose3dSample p, Armature armature) {
        if (map == null) {
            throw new IllegalStateException("RigRetargeter has no humanoid map: it was made for loading and not read");
        }
        if (rig == null) {
            bind(armature, "(loaded from a j3o)");
        } else if (rig.getArmature().getJointCount() != armature.getJointCount()) {
            throw new IllegalArgumentException("armature has " + armature.getJointCount() + " joints but this"
                    + " retargeter's rig has " + rig.getArmature().getJointCount() + ": it is bound to another character");
        }
        if (p.timestampNanos() <= lastNanos) {
            // Time went back: a new source (or a replay restarted). Start a fresh warm-up.
            live = new LiveRetargeter(rig, options);
        }
        lastNanos = p.timestampNanos();
        SourceFrame f = toSourceFrame(p, lastRoot);
        lastRoot.set(f.getRoot());
        // Lifted motion faces the camera; the retargeter turns it to the rig's facing.
        RigPose pose = live.update(f);
        pose.applyTo(armature);
    }

    @Override
    public Object jmeClone() {
        try {
            return super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Gives the clone its own solver: a fresh copy of the rig's joints and a new warm-up.
     *
     * @param cloner the cloner (unused)
     * @param original the retargeter this one was cloned from (unaffected)
     */
    @Override
    public void cloneFields(Cloner cloner, Object original) {
        lastRoot = lastRoot.clone();
        lastNanos = -1;
        if (rig != null) {
            rig = CharacterRig.detached(rig.getArmature(), map);
            live = new LiveRetargeter(rig, options);
        }
    }

    @Override
    public void write(JmeExporter ex) throws IOException {
        if (map == null) {
            throw new IOException("RigRetargeter has nothing to save: it was made for loading and not read");
        }
        OutputCapsule out = ex.getCapsule(this);
        out.write(FORMAT_VERSION, "formatVersion", 0);
        String[] bones = new String[map.asMap().size()];
        String[] joints = new String[bones.length];
        int i = 0;
        for (Map.Entry<HumanoidBone, String> e : map.asMap().entrySet()) {
            bones[i] = e.getKey().name();
            joints[i++] = e.getValue();
        }
        out.write(bones, "bones", null);
        out.write(joints, "joints", null);
        out.write(options.isInPlace(), "inPlace", false);
        out.write(options.isFootLocking(), "footLocking", true);
        out.write(options.getOfflineCutoffHz(), "offlineCutoffHz", -1);
        out.write(options.getOneEuroMinCutoffHz(), "oneEuroMinCutoffHz", -1);
        out.write(options.getOneEuroBeta(), "oneEuroBeta", -1);
        out.write(options.getContactHeightRatio(), "contactHeightRatio", -1);
        out.write(options.getContactSpeedRatio(), "contactSpeedRatio", -1);
        out.write(options.getWarmUpFrames(), "warmUpFrames", -1);
    }

    @Override
    public void read(JmeImporter im) throws IOException {
        InputCapsule in = im.getCapsule(this);
        int version = in.readInt("formatVersion", 0);
        if (version != FORMAT_VERSION) {
            throw new IOException("RigRetargeter: unsupported formatVersion " + version + "; expected " + FORMAT_VERSION);
        }
        String[] bones = in.readStringArray("bones", null);
        String[] joints = in.readStringArray("joints", null);
        if (bones == null || joints == null || bones.length != joints.length) {
            throw new IOException("RigRetargeter: 'bones' and 'joints' must be two string arrays of equal length");
        }
        Map<HumanoidBone, String> m = new EnumMap<>(HumanoidBone.class);
        for (int i = 0; i < bones.length; i++) {
            try {
                m.put(HumanoidBone.valueOf(bones[i]), joints[i]);
            } catch (IllegalArgumentException e) {
                throw new IOException("RigRetargeter: unknown humanoid bone '" + bones[i] + "' in 'bones'", e);
            }
        }
        RetargetOptions d = RetargetOptions.defaults();
        try {
            map = new HumanoidMap(m);
            options = d.withInPlace(in.readBoolean("inPlace", d.isInPlace()))
                    .withFootLocking(in.readBoolean("footLocking", d.isFootLocking()))
                    .withOfflineCutoffHz(in.readDouble("offlineCutoffHz", d.getOfflineCutoffHz()))
                    .withOneEuro(in.readDouble("oneEuroMinCutoffHz", d.getOneEuroMinCutoffHz()),
                            in.readDouble("oneEuroBeta", d.getOneEuroBeta()))
                    .withContactThresholds(in.readFloat("contactHeightRatio", d.getContactHeightRatio()),
                            in.readFloat("contactSpeedRatio", d.getContactSpeedRatio()))
                    .withWarmUpFrames(in.readInt("warmUpFrames", d.getWarmUpFrames()));
        } catch (IllegalArgumentException e) {
            throw new IOException("RigRetargeter: bad saved settings: " + e.getMessage(), e);
        }
        rig = null;
        live = null;
        lastRoot = new Vector3f();
        lastNanos = -1;
    }
}
