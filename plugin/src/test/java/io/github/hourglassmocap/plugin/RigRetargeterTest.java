package io.github.hourglassmocap.plugin;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RigRetargeterTest {
    private static Vector3f upperArm(Armature a, HumanoidMap map) {
        a.update();
        Vector3f shoulder = a.getJoint(map.getJoint(HumanoidBone.LEFT_UPPER_ARM)).getModelTransform().getTranslation();
        Vector3f elbow = a.getJoint(map.getJoint(HumanoidBone.LEFT_LOWER_ARM)).getModelTransform().getTranslation();
        return elbow.subtract(shoulder).normalizeLocal();
    }

    @Test
    void jaimeLowersItsArmsWhenTheActorDoes() {
        DesktopAssetManager assets = new DesktopAssetManager(true);
        Spatial jaime = BuiltInCharacters.load(assets, BuiltInCharacters.assetPath("jaime"));
        HumanoidMap map = BuiltInCharacters.map("jaime");
        RigRetargeter r = new RigRetargeter(jaime, map, RetargetOptions.defaults().withInPlace(true));
        Armature a = Armatures.getArmature(jaime);
        long f = 0;
        for (int i = 0; i < 30; i++) {
            r.apply(Poses.pose(f++, false), a);
        }
        Vector3f spread = upperArm(a, map);
        for (int i = 0; i < 60; i++) {
            r.apply(Poses.pose(f++, true), a);
        }
        Vector3f down = upperArm(a, map);
        float angle = spread.angleBetween(down) * 180 / (float) Math.PI;
        assertTrue(angle > 50, "the upper arm must swing down by roughly 80 degrees, swung " + angle);
        // a replay that restarts (time going back) starts a fresh warm-up instead of failing
        r.apply(Poses.pose(0, false), a);
    }

    @Test
    void theSolverWorksOnItsOwnJointsAndLeavesTheCharactersPoseAlone() {
        DesktopAssetManager assets = new DesktopAssetManager(true);
        Spatial jaime = BuiltInCharacters.load(assets, BuiltInCharacters.assetPath("jaime"));
        HumanoidMap map = BuiltInCharacters.map("jaime");
        Armature a = Armatures.getArmature(jaime);
        Joint arm = a.getJoint(map.getJoint(HumanoidBone.LEFT_UPPER_ARM));
        Quaternion posed = new Quaternion().fromAngleAxis(1.2f, Vector3f.UNIT_X).multLocal(arm.getLocalRotation());
        arm.setLocalRotation(posed);
        RigRetargeter r = new RigRetargeter(jaime, map, RetargetOptions.defaults());
        assertNotSame(a, r.getRig().getArmature(), "the solver must not use the character's armature as scratch space");
        assertTrue(posed.isSimilar(arm.getLocalRotation(), 1e-6f),
                "making a retargeter must not put the character into its rest pose");
    }

    @Test
    void unmappableCharacterIsRejectedWithItsName() {
        DesktopAssetManager assets = new DesktopAssetManager(true);
        Spatial jaime = BuiltInCharacters.load(assets, BuiltInCharacters.assetPath("jaime"));
        jaime.setName("Jaime-without-legs");
        HumanoidMap partial = new HumanoidMap(Map.of(HumanoidBone.HIPS, BuiltInCharacters.map("jaime")
                .getJoint(HumanoidBone.HIPS)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RigRetargeter(jaime, partial, RetargetOptions.defaults()));
        assertTrue(e.getMessage().contains("'Jaime-without-legs' cannot be retargeted"), e.getMessage());
    }
}
