package io.github.hourglassmocap.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.Armature;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.export.binary.BinaryExporter;
import com.jme3.export.binary.BinaryImporter;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class MocapControlTest {
    /** Turns joint 3 about Z by the pose's left-wrist x (radians). */
    static final class TurnJoint implements CharacterRetargeter {
        int calls;

        @Override
        public void apply(Pose3dSample pose, Armature armature) {
            calls++;
            armature.getJoint(3).setLocalRotation(new Quaternion().fromAngleAxis(pose.joints()[3 * 13], Vector3f.UNIT_Z));
        }
    }

    private static Pose3dSample pose(long frame, float angle, boolean valid) {
        float[] j = new float[51];
        j[3 * 13] = angle;
        return new Pose3dSample(frame, frame * 1000, valid, j, null);
    }

    private static float angleOf(Armature a) {
        return a.getJoint(3).getLocalRotation().toAngleAxis(new Vector3f());
    }

    private static Spatial jaime() {
        return new DesktopAssetManager(true).loadModel("Models/Jaime/Jaime.j3o");
    }

    @Test
    void appliesPosesInUpdateAndEasesWithSmoothing() {
        Spatial m = jaime();
        TurnJoint r = new TurnJoint();
        MocapControl c = new MocapControl(r);
        m.addControl(c);
        Armature a = c.armature();
        c.setPose(pose(0, 1.0f, true));
        assertEquals(0, r.calls, "nothing happens before the update");
        c.update(0.016f);
        assertEquals(1.0f, angleOf(a), 1e-4f);
        assertEquals(1, c.getPosesApplied());

        c.setSmoothingSeconds(0.1f);
        c.setPose(pose(1, 0.0f, true));
        c.update(0.1f);
        // one time constant: 1 - 1/e of the way from 1.0 to 0.0
        assertEquals((float) Math.exp(-1), angleOf(a), 0.02f);
        for (int i = 0; i < 50; i++) {
            c.update(0.1f);
        }
        assertEquals(0f, angleOf(a), 1e-3f);
    }

    @Test
    void invalidPosesHoldTheLastPose() {
        Spatial m = jaime();
        TurnJoint r = new TurnJoint();
        MocapControl c = new MocapControl(r);
        m.addControl(c);
        c.applyNow(pose(0, 0.5f, true));
        c.applyNow(pose(1, 2.0f, false));
        c.setPose(pose(2, 2.0f, false));
        c.update(0.016f);
        assertEquals(0.5f, angleOf(c.armature()), 1e-4f);
        assertEquals(1, c.getPosesApplied());
        assertEquals(1, r.calls);
    }

    @Test
    void badArgumentsAndDetachedUseFailClearly() {
        MocapControl c = new MocapControl(new TurnJoint());
        assertThrows(IllegalStateException.class, c::armature);
        assertThrows(IllegalArgumentException.class, () -> c.setSmoothingSeconds(-1));
        assertThrows(IllegalArgumentException.class, () -> c.setSmoothingSeconds(Float.NaN));
        assertThrows(NullPointerException.class, () -> new MocapControl(null));
        assertThrows(NullPointerException.class, () -> c.setRetargeter(null));
        MocapControl empty = new MocapControl();
        jaime().addControl(empty);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> empty.applyNow(pose(0, 1f, true)));
        assertTrue(e.getMessage().contains("no retargeter"), e.getMessage());
    }

    private static Spatial builtInJaime(DesktopAssetManager assets) {
        return BuiltInCharacters.load(assets, BuiltInCharacters.assetPath("jaime"));
    }

    private static Vector3f upperArm(Armature a) {
        HumanoidMap map = BuiltInCharacters.map("jaime");
        a.update();
        Vector3f shoulder = a.getJoint(map.getJoint(HumanoidBone.LEFT_UPPER_ARM)).getModelTransform().getTranslation();
        Vector3f elbow = a.getJoint(map.getJoint(HumanoidBone.LEFT_LOWER_ARM)).getModelTransform().getTranslation();
        return elbow.subtract(shoulder).normalizeLocal();
    }

    private static float degrees(Vector3f a, Vector3f b) {
        return a.angleBetween(b) * FastMath.RAD_TO_DEG;
    }

    /** Feeds poses from a frame on, arms spread or down, through update() as the app state would. */
    private static long drive(MocapControl c, long from, int frames, boolean armsDown) {
        long f = from;
        for (int i = 0; i < frames; i++) {
            c.setPose(Poses.pose(f++, armsDown));
            c.update(1 / 30f);
        }
        return f;
    }

    @Test
    void aClonedCharacterIsDrivenByItsOwnControlNotTheOriginals() {
        Spatial original = builtInJaime(new DesktopAssetManager(true));
        MocapControl c = new MocapControl(new RigRetargeter(original, BuiltInCharacters.map("jaime"),
                RetargetOptions.defaults().withInPlace(true)));
        original.addControl(c);
        long f = drive(c, 0, 30, false);
        Armature originalArmature = Armatures.getArmature(original);
        Vector3f originalSpread = upperArm(originalArmature);

        Spatial clone = original.clone();
        MocapControl cc = clone.getControl(MocapControl.class);
        assertNotSame(c, cc);
        Armature cloneArmature = Armatures.getArmature(clone);
        assertNotSame(originalArmature, cloneArmature);
        assertSame(cloneArmature, cc.armature(), "the clone's control must drive the clone's armature");
        assertNotSame(c.getRetargeter(), cc.getRetargeter(), "the clone needs its own solver state");

        Vector3f cloneBefore = upperArm(cloneArmature);
        drive(cc, f, 60, true);
        Vector3f originalAfter = upperArm(originalArmature);
        assertEquals(0, originalSpread.distance(originalAfter), 1e-4f,
                "driving the clone must leave the original's arm where it was: " + originalSpread + " -> " + originalAfter);
        float swung = degrees(cloneBefore, upperArm(cloneArmature));
        assertTrue(swung > 50, "the clone's upper arm must swing down by roughly 80 degrees, swung " + swung);
    }

    @Test
    void theControlSurvivesSavingAndLoadingWithItsCharacter() throws Exception {
        DesktopAssetManager assets = new DesktopAssetManager(true);
        Spatial jaime = builtInJaime(assets);
        RetargetOptions options = RetargetOptions.defaults().withInPlace(true).withWarmUpFrames(12);
        MocapControl c = new MocapControl(new RigRetargeter(jaime, BuiltInCharacters.map("jaime"), options));
        c.setSmoothingSeconds(0.25f);
        c.setInPlace(true);
        jaime.addControl(c);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryExporter.getInstance().save(jaime, bytes);
        BinaryImporter importer = BinaryImporter.getInstance();
        importer.setAssetManager(assets);
        Spatial loaded = (Spatial) importer.load(new ByteArrayInputStream(bytes.toByteArray()));

        MocapControl lc = Armatures.findControl(loaded, MocapControl.class);
        assertNotNull(lc, "the loaded character must carry its MocapControl");
        assertEquals(0.25f, lc.getSmoothingSeconds(), 1e-6f);
        assertTrue(lc.isInPlace());
        RigRetargeter lr = assertInstanceOf(RigRetargeter.class, lc.getRetargeter());
        assertEquals(BuiltInCharacters.map("jaime").asMap(), lr.getMap().asMap());
        assertEquals(12, lr.getOptions().getWarmUpFrames());
        assertTrue(lr.getOptions().isInPlace());
        assertEquals(options.getOneEuroBeta(), lr.getOptions().getOneEuroBeta(), 1e-9);

        Armature la = Armatures.getArmature(loaded);
        assertSame(la, lc.armature(), "the loaded control must drive the loaded armature");
        lc.setSmoothingSeconds(0);
        long f = drive(lc, 0, 30, false);
        Vector3f spread = upperArm(la);
        drive(lc, f, 60, true);
        float swung = degrees(spread, upperArm(la));
        assertTrue(swung > 50, "the loaded character's upper arm must swing down, swung " + swung);
    }

    @Test
    void smoothingWritesTheCharactersArmatureOnlyThroughTheEasing() {
        Spatial m = jaime();
        RecordingArmatures r = new RecordingArmatures();
        MocapControl c = new MocapControl(r);
        m.addControl(c);
        c.applyNow(pose(0, 0f, true));
        c.setSmoothingSeconds(0.1f);
        c.setPose(pose(1, 1.0f, true));
        c.update(0.1f);
        assertNotSame(c.armature(), r.seen, "with smoothing the retargeter poses a private copy");
        assertEquals(1 - (float) Math.exp(-1), angleOf(c.armature()), 0.02f);
    }

    /** Remembers the armature it was given. */
    static final class RecordingArmatures implements CharacterRetargeter {
        Armature seen;

        @Override
        public void apply(Pose3dSample pose, Armature armature) {
            seen = armature;
            armature.getJoint(3).setLocalRotation(new Quaternion().fromAngleAxis(pose.joints()[3 * 13], Vector3f.UNIT_Z));
        }
    }
}
