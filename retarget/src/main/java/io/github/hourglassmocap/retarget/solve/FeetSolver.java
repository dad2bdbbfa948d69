package io.github.hourglassmocap.retarget.solve;

import com.jme3.anim.Armature;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;

/**
 * Grounding and foot locking on a solved pose: measures where the character's ankles are, moves the hips so
 * the lowest foot stands on the floor, and bends a leg with {@link TwoBoneIk} so its ankle reaches a locked
 * point. Works on the rig's armature (posed in place), so one instance per rig and thread.
 */
final class FeetSolver {
    private final CharacterRig rig;
    private final int[][] leg;
    private final float[] restAnkleY;

    FeetSolver(CharacterRig rig) {
        this.rig = rig;
        leg = new int[][] {
            {rig.joint(HumanoidBone.LEFT_UPPER_LEG), rig.joint(HumanoidBone.LEFT_LOWER_LEG), rig.joint(HumanoidBone.LEFT_FOOT)},
            {rig.joint(HumanoidBone.RIGHT_UPPER_LEG), rig.joint(HumanoidBone.RIGHT_LOWER_LEG), rig.joint(HumanoidBone.RIGHT_FOOT)},
        };
        restAnkleY = new float[] {rig.getRestModelPosition(leg[0][2]).y, rig.getRestModelPosition(leg[1][2]).y};
    }

    /** Rest height of each ankle: the height a planted foot's ankle should have (model units). */
    float restAnkleY(int foot) {
        return restAnkleY[foot];
    }

    /** Poses the armature and returns the two ankle positions (model space, new vectors). */
    Vector3f[] ankles(RigPose pose) {
        Armature a = rig.getArmature();
        pose.applyTo(a);
        a.update();
        return new Vector3f[] {
            a.getJoint(leg[0][2]).getModelTransform().getTranslation().clone(),
            a.getJoint(leg[1][2]).getModelTransform().getTranslation().clone(),
        };
    }

    /**
     * How far the hips must move down so the feet stand on the floor: the lowest planted foot on its rest
     * height; with no foot planted, only lift the character out of the floor.
     */
    float groundOffset(Vector3f[] ankles, boolean[] planted) {
        float off = Float.POSITIVE_INFINITY;
        for (int f = 0; f < 2; f++) {
            if (planted[f]) {
                off = Math.min(off, ankles[f].y - restAnkleY[f]);
            }
        }
        if (off == Float.POSITIVE_INFINITY) {
            off = Math.min(0f, Math.min(ankles[0].y - restAnkleY[0], ankles[1].y - restAnkleY[1]));
        }
        return off;
    }

    /**
     * Bends the legs so each ankle with a target reaches it, first lowering the hips if a target is out of
     * the leg's reach (as far as a vertical move allows).
     *
     * @param pose the pose (modified)
     * @param targets per foot, the model-space ankle target, or null to leave that leg
     */
    void lock(RigPose pose, Vector3f[] targets) {
        lock(pose, targets, true);
    }

    /**
     * As {@link #lock(RigPose, Vector3f[])}, optionally without lowering the hips.
     *
     * @param lowerHips whether the hips may be lowered to bring a target within reach
     */
    void lock(RigPose pose, Vector3f[] targets, boolean lowerHips) {
        if (targets[0] == null && targets[1] == null) {
            return;
        }
        Armature a = rig.getArmature();
        pose.applyTo(a);
        a.update();
        // If a locked point is out of the leg's reach, lower the hips until it is not (never raise them).
        float drop = 0;
        for (int f = 0; f < 2 && lowerHips; f++) {
            if (targets[f] == null) {
                continue;
            }
            Vector3f hip = a.getJoint(leg[f][0]).getModelTransform().getTranslation();
            Vector3f knee = a.getJoint(leg[f][1]).getModelTransform().getTranslation();
            Vector3f ankle = a.getJoint(leg[f][2]).getModelTransform().getTranslation();
            float reach = 0.995f * (hip.distance(knee) + knee.distance(ankle));
            float dx = targets[f].x - hip.x;
            float dz = targets[f].z - hip.z;
            float horizontal = dx * dx + dz * dz;
            if (horizontal < reach * reach) {
                float dyMax = (float) Math.sqrt(reach * reach - horizontal);
                drop = Math.max(drop, (hip.y - targets[f].y) - dyMax);
            }
        }
        if (drop > 0) {
            pose.getHipsPosition().y -= drop;
            pose.applyTo(a);
            a.update();
        }
        Vector3f pole = rig.getForward();
        for (int f = 0; f < 2; f++) {
            if (targets[f] == null) {
                continue;
            }
            Vector3f hip = a.getJoint(leg[f][0]).getModelTransform().getTranslation().clone();
            Vector3f knee = a.getJoint(leg[f][1]).getModelTransform().getTranslation().clone();
            Vector3f ankle = a.getJoint(leg[f][2]).getModelTransform().getTranslation().clone();
            Vector3f[] solved = TwoBoneIk.solve(hip, knee, ankle, targets[f], pole);
            Quaternion s = Rotations.swing(knee.subtract(hip), solved[0].subtract(hip));
            pose.setDelta(leg[f][0], s.mult(pose.getDelta(leg[f][0])).normalizeLocal());
            // Deltas are model-space, so the shin keeps its direction while the thigh turns; swing it onto the new line.
            Quaternion t = Rotations.swing(ankle.subtract(knee), solved[1].subtract(solved[0]));
            Quaternion lower = t.mult(pose.getDelta(leg[f][1])).normalizeLocal();
            pose.setDelta(leg[f][1], lower);
            pose.setDelta(leg[f][2], Rotations.twist(lower, Vector3f.UNIT_Y));
        }
        pose.propagate();
    }
}
