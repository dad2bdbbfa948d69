package io.github.hourglassmocap.retarget.solve;

import static io.github.hourglassmocap.inference.joints.H36mJoints.*;
import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CharacterRigTest {
    @ParameterizedTest
    @CsvSource({"jaime,T_POSE,-1,2", "sinbad,A_POSE,1,3", "ninja,OTHER,-1,4"})
    void analysesTheRestPose(String name, RestPoseKind kind, float forwardZ, int spineBones) {
        CharacterRig rig = SolveFixtures.rig(name);
        assertEquals(kind, rig.getRestPoseKind(), "arms " + rig.getArmDropDegrees() + " deg below horizontal");
        assertEquals(forwardZ, rig.getForward().z, 0.05f, "facing " + rig.getForward());
        assertEquals(1f, rig.getUp().y, 0.05f);
        assertEquals(spineBones, rig.getSpineChain().length);
        assertTrue(rig.getNeckChain().length >= 1);
        Vector3f[] v = rig.getRest17();
        // The character's own left is on its left when it faces forward.
        assertTrue(v[L_SHOULDER].subtract(v[R_SHOULDER]).dot(rig.getLeft()) > 0);
        assertTrue(v[HEAD].y > v[THORAX].y && v[THORAX].y > v[PELVIS].y && v[PELVIS].y > v[L_KNEE].y);
        assertEquals(v[L_HIP].distance(v[L_KNEE]) + v[L_KNEE].distance(v[L_ANKLE]), rig.getLegLength(),
                0.05f * rig.getLegLength());
    }

    @ParameterizedTest
    @CsvSource({"jaime,-1", "sinbad,1", "ninja,-1"})
    void cameraFacingTurnTakesPlusZToTheRigsForward(String name, float forwardZ) {
        CharacterRig rig = SolveFixtures.rig(name);
        Vector3f turned = rig.getCameraFacingTurn().mult(Vector3f.UNIT_Z);
        assertEquals(0f, turned.x, 1e-6f, "snapped to an axis");
        assertEquals(0f, turned.y, 1e-6f, "a turn about the vertical only");
        assertEquals(forwardZ, turned.z, 1e-6f);
        assertTrue(turned.dot(rig.getForward()) > 0.9f, "faces the rig's forward " + rig.getForward());
    }

    @Test
    void toRigFacingTurnsLiftedFramesOnceAndLeavesWorldMotionAlone() {
        CharacterRig rig = SolveFixtures.rig("jaime");
        Vector3f[] joints = new Vector3f[COUNT];
        for (int j = 0; j < COUNT; j++) {
            joints[j] = new Vector3f(0.01f * j, 0.02f * j, 0.1f);
        }
        SourceFrame lifted = new SourceFrame(0, joints, new Vector3f(1, 0, 2), null, true, true);
        SourceFrame turned = rig.toRigFacing(lifted);
        assertFalse(turned.isFacingCamera());
        assertEquals(-0.1f, turned.getJoint(0).z, 1e-6f, "Jaime faces -Z: a half turn");
        assertEquals(-2f, turned.getRoot().z, 1e-6f);
        assertSame(turned, rig.toRigFacing(turned), "turned only once");
        SourceFrame world = new SourceFrame(0, joints, new Vector3f(1, 0, 2), null, true);
        assertSame(world, rig.toRigFacing(world), "BVH motion keeps its own axes");
        SourceSequence seq = new SourceSequence(30, java.util.List.of(lifted, lifted.turned(new com.jme3.math.Quaternion())));
        SourceSequence t = rig.toRigFacing(seq);
        assertEquals(-0.1f, t.get(1).getJoint(0).z, 1e-6f);
        assertFalse(t.get(0).isFacingCamera() || t.get(1).isFacingCamera());
    }

    @Test
    void view17FollowsThePose() {
        CharacterRig rig = SolveFixtures.rig("jaime");
        Vector3f[] rest = rig.view17(true);
        Vector3f[] again = rig.getRest17();
        for (int j = 0; j < COUNT; j++) {
            assertEquals(0f, rest[j].distance(again[j]), 1e-5f);
        }
        Vector3f[] moved = SolveFixtures.randomPose(rig, new java.util.Random(1), 30f);
        assertTrue(moved[L_WRIST].distance(rest[L_WRIST]) > 1e-3f);
    }

    @Test
    void missingRequiredBonesAreNamed() {
        Spatial m = SolveFixtures.model("jaime");
        Map<HumanoidBone, String> partial = new EnumMap<>(BuiltInCharacters.map("jaime").asMap());
        partial.remove(HumanoidBone.LEFT_FOOT);
        var armature = BuiltInCharacters.findSkinning(m).getArmature();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CharacterRig(armature, new HumanoidMap(partial)));
        assertTrue(e.getMessage().contains("LEFT_FOOT"), e.getMessage());
        partial.put(HumanoidBone.LEFT_FOOT, "no-such-joint");
        e = assertThrows(IllegalArgumentException.class, () -> new CharacterRig(armature, new HumanoidMap(partial)));
        assertTrue(e.getMessage().contains("no-such-joint"), e.getMessage());
    }
}
