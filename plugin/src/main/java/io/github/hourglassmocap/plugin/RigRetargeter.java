package io.github.hourglassmocap.plugin;

import com.jme3.anim.Armature;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.RigPose;
import io.github.hourglassmocap.retarget.solve.Retargeter;
import io.github.hourglassmocap.retarget.solve.SourceSequence;
import java.util.Objects;

/**
 * The live {@link CharacterRetargeter}: the retarget module's per-frame swing/twist {@link Retargeter} on one
 * character's rig, plus optional root motion (the lifted pelvis path, scaled by the character's leg length over
 * the actor's). Render thread only.
 */
public final class RigRetargeter implements CharacterRetargeter {
    private final CharacterRig rig;
    private final Retargeter solver;
    private final RigPose pose;
    private final Vector3f restHips;
    private boolean rootMotion;
    private Vector3f firstRoot;
    private double actorLegSum;
    private int actorLegCount;

    /**
     * Analyses a character.
     *
     * @param model the character (not null; must hold a skeleton; put in its rest pose)
     * @param map names the rig's humanoid bones (not null; every required bone mapped)
     * @throws IllegalArgumentException if the rig cannot be mapped: the message lists what is missing
     */
    public RigRetargeter(Spatial model, HumanoidMap map) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(map, "map");
        Armature armature = Armatures.getArmature(model);
        try {
            this.rig = new CharacterRig(armature, map);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("character '" + model.getName() + "' cannot be retargeted: "
                    + e.getMessage(), e);
        }
        this.solver = new Retargeter(rig);
        this.pose = new RigPose(rig);
        this.restHips = rig.getRestModelPosition(rig.joint(HumanoidBone.HIPS)).clone();
    }

    /**
     * Sets whether the hips follow the actor's path (default false: in place).
     *
     * @param on true for root motion
     */
    public void setRootMotion(boolean on) {
        this.rootMotion = on;
        this.firstRoot = null;
    }

    /**
     * Returns the analysed rig.
     *
     * @return the rig (shared)
     */
    public CharacterRig getRig() {
        return rig;
    }

    @Override
    public void apply(Pose3dSample p, Armature armature) {
        float[] j = p.joints();
        Vector3f[] world = new Vector3f[H36mJoints.COUNT];
        Vector3f pelvis = SourceSequence.cameraToWorld(new Vector3f(j[0], j[1], j[2]));
        for (int i = 0; i < H36mJoints.COUNT; i++) {
            world[i] = SourceSequence.cameraToWorld(new Vector3f(j[3 * i], j[3 * i + 1], j[3 * i + 2]))
                    .subtractLocal(pelvis);
        }
        solver.solve(world, pose);
        Vector3f hips = pose.getHipsPosition();
        hips.set(restHips);
        if (rootMotion && p.root() != null) {
            Vector3f root = SourceSequence.cameraToWorld(new Vector3f(p.root()[0], p.root()[1], p.root()[2]));
            float leg = world[H36mJoints.L_HIP].distance(world[H36mJoints.L_KNEE])
                    + world[H36mJoints.L_KNEE].distance(world[H36mJoints.L_ANKLE]);
            if (leg > 0.2f && leg < 2f) {
                actorLegSum += leg;
                actorLegCount++;
            }
            if (firstRoot == null) {
                firstRoot = root.clone();
            }
            float scale = actorLegCount == 0 ? 1f : (float) (rig.getLegLength() / (actorLegSum / actorLegCount));
            Vector3f d = root.subtract(firstRoot).multLocal(scale);
            hips.addLocal(d.x, 0, d.z);
        }
        pose.applyTo(armature);
    }
}
