package io.github.hourglassmocap.plugin;

import com.jme3.anim.Armature;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.LiveRetargeter;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import io.github.hourglassmocap.retarget.solve.RigPose;
import io.github.hourglassmocap.retarget.solve.SourceFrame;
import io.github.hourglassmocap.retarget.solve.SourceSequence;
import java.util.Objects;

/**
 * The live {@link CharacterRetargeter}: the retarget module's causal {@link LiveRetargeter} (warm-up skeleton
 * fit, foot contacts, One Euro smoothing of rotations, root motion unless in place) on one character's rig.
 * Render thread only.
 */
public final class RigRetargeter implements CharacterRetargeter {
    private final CharacterRig rig;
    private final RetargetOptions options;
    private LiveRetargeter live;
    private final Vector3f lastRoot = new Vector3f();
    private long lastNanos = -1;

    /**
     * Analyses a character.
     *
     * @param model the character (not null; must hold a skeleton; put in its rest pose)
     * @param map names the rig's humanoid bones (not null; every required bone mapped)
     * @param options the retargeting options, for example in place (not null)
     * @throws IllegalArgumentException if the rig cannot be mapped: the message names the character and what is
     *     missing
     */
    public RigRetargeter(Spatial model, HumanoidMap map, RetargetOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(options, "options");
        Armature armature = Armatures.getArmature(model);
        try {
            this.rig = new CharacterRig(armature, map);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("character '" + model.getName() + "' cannot be retargeted: "
                    + e.getMessage(), e);
        }
        this.options = options;
        this.live = new LiveRetargeter(rig, options);
    }

    /**
     * Returns the analysed rig.
     *
     * @return the rig (shared)
     */
    public CharacterRig getRig() {
        return rig;
    }

    /**
     * Converts a pipeline pose to the retargeter's source frame (Y-up world, pelvis-relative joints, root).
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
        return new SourceFrame(p.timestampNanos(), world, root, null, p.valid());
    }

    @Override
    public void apply(Pose3dSample p, Armature armature) {
        if (p.timestampNanos() <= lastNanos) {
            // Time went back: a new source (or a replay restarted). Start a fresh warm-up.
            live = new LiveRetargeter(rig, options);
        }
        lastNanos = p.timestampNanos();
        SourceFrame f = toSourceFrame(p, lastRoot);
        lastRoot.set(f.getRoot());
        // Lifted motion faces the camera (+Z); turn it to face the way this character was modelled to face.
        RigPose pose = live.update(f.turned(rig.getCameraFacingTurn()));
        pose.applyTo(armature);
    }
}
