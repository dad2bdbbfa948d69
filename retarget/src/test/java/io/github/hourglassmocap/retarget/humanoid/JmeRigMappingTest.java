package io.github.hourglassmocap.retarget.humanoid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.jme3.anim.Armature;
import com.jme3.anim.SkinningControl;
import com.jme3.anim.util.AnimMigrationUtils;
import com.jme3.asset.AssetManager;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.scene.Spatial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jME sample characters (jme3-testdata) map with no manual help. */
class JmeRigMappingTest {
    private static AssetManager assets;

    @BeforeAll
    static void assets() {
        assets = new DesktopAssetManager(true);
    }

    static Armature armature(String model) {
        Spatial s = assets.loadModel(model);
        AnimMigrationUtils.migrate(s);
        List<SkinningControl> found = new ArrayList<>();
        s.depthFirstTraversal(sp -> {
            SkinningControl sc = sp.getControl(SkinningControl.class);
            if (sc != null) {
                found.add(sc);
            }
        });
        assertEquals(false, found.isEmpty(), model + " has a SkinningControl");
        return found.get(0).getArmature();
    }

    @Test
    void jaime() throws Exception {
        HumanoidMap m = HumanoidMapper.map(RigDescription.of("Jaime", armature("Models/Jaime/Jaime.j3o")));
        assertEquals("hips", m.getJoint(HumanoidBone.HIPS));
        assertEquals("spine", m.getJoint(HumanoidBone.SPINE));
        assertEquals("ribs", m.getJoint(HumanoidBone.CHEST));
        assertEquals("neck", m.getJoint(HumanoidBone.NECK));
        assertEquals("head", m.getJoint(HumanoidBone.HEAD));
        assertEquals("shoulder.L", m.getJoint(HumanoidBone.LEFT_SHOULDER));
        assertEquals("upper_arm.L", m.getJoint(HumanoidBone.LEFT_UPPER_ARM));
        assertEquals("forearm.R", m.getJoint(HumanoidBone.RIGHT_LOWER_ARM));
        assertEquals("hand.R", m.getJoint(HumanoidBone.RIGHT_HAND));
        // shin, not the IK pole "knee.L" parented to the root
        assertEquals("shin.L", m.getJoint(HumanoidBone.LEFT_LOWER_LEG));
        assertEquals("thigh.R", m.getJoint(HumanoidBone.RIGHT_UPPER_LEG));
        assertEquals("foot.R", m.getJoint(HumanoidBone.RIGHT_FOOT));
        assertEquals("toe.L", m.getJoint(HumanoidBone.LEFT_TOES));
        assertEquals("eye.R", m.getJoint(HumanoidBone.RIGHT_EYE));
        // palm (metacarpal) bones skipped
        assertEquals("finger_index.01.L", m.getJoint(HumanoidBone.LEFT_INDEX_PROXIMAL));
        assertEquals("thumb.03.R", m.getJoint(HumanoidBone.RIGHT_THUMB_DISTAL));
    }

    @Test
    void sinbad() throws Exception {
        HumanoidMap m = HumanoidMapper.map(RigDescription.of("Sinbad", armature("Models/Sinbad/Sinbad.mesh.xml")));
        assertEquals("Root", m.getJoint(HumanoidBone.HIPS));
        assertEquals("Waist", m.getJoint(HumanoidBone.SPINE));
        assertEquals("Stomach", m.getJoint(HumanoidBone.CHEST));
        assertEquals("Chest", m.getJoint(HumanoidBone.UPPER_CHEST));
        assertEquals("Neck", m.getJoint(HumanoidBone.NECK));
        assertEquals("Head", m.getJoint(HumanoidBone.HEAD));
        assertEquals("Clavicle.L", m.getJoint(HumanoidBone.LEFT_SHOULDER));
        assertEquals("Humerus.L", m.getJoint(HumanoidBone.LEFT_UPPER_ARM));
        assertEquals("Ulna.R", m.getJoint(HumanoidBone.RIGHT_LOWER_ARM));
        // Hand, not the sword "Handle" below it
        assertEquals("Hand.R", m.getJoint(HumanoidBone.RIGHT_HAND));
        assertEquals("Calf.L", m.getJoint(HumanoidBone.LEFT_LOWER_LEG));
        assertEquals("Toe.R", m.getJoint(HumanoidBone.RIGHT_TOES));
        assertEquals("MiddleFingerMed.L", m.getJoint(HumanoidBone.LEFT_MIDDLE_INTERMEDIATE));
        assertEquals("PinkyDist.R", m.getJoint(HumanoidBone.RIGHT_LITTLE_DISTAL));
    }

    @Test
    void ninjaFromHierarchyAndRestPoseAlone() throws Exception {
        // Joint1..Joint29: names say nothing. The Ninja faces -Z (its toes point there), so its left is -X.
        RigDescription rig = RigDescription.of("Ninja", armature("Models/Ninja/Ninja.mesh.xml"));
        HumanoidMap m = HumanoidMapper.map(rig);
        assertEquals("Joint2", m.getJoint(HumanoidBone.HIPS));
        assertEquals("Joint3", m.getJoint(HumanoidBone.SPINE));
        assertEquals("Joint6", m.getJoint(HumanoidBone.UPPER_CHEST));
        assertEquals("Joint7", m.getJoint(HumanoidBone.HEAD));
        assertEquals("Joint23", m.getJoint(HumanoidBone.LEFT_UPPER_LEG));
        assertEquals("Joint24", m.getJoint(HumanoidBone.LEFT_LOWER_LEG));
        assertEquals("Joint25", m.getJoint(HumanoidBone.LEFT_FOOT));
        assertEquals("Joint18", m.getJoint(HumanoidBone.RIGHT_UPPER_LEG));
        assertEquals("Joint14", m.getJoint(HumanoidBone.LEFT_SHOULDER));
        assertEquals("Joint15", m.getJoint(HumanoidBone.LEFT_UPPER_ARM));
        assertEquals("Joint16", m.getJoint(HumanoidBone.LEFT_LOWER_ARM));
        assertEquals("Joint17", m.getJoint(HumanoidBone.LEFT_HAND));
        assertEquals("Joint10", m.getJoint(HumanoidBone.RIGHT_UPPER_ARM));
        assertEquals("Joint12", m.getJoint(HumanoidBone.RIGHT_HAND));
        assertNotNull(rig.toString());
    }
}
