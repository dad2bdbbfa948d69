package io.github.hourglassmocap.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.jme3.anim.Armature;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.plugin.bake.ClipBaking;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.LiveRetargeter;
import io.github.hourglassmocap.retarget.solve.OfflineRetargeter;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import io.github.hourglassmocap.retarget.solve.RigPose;
import io.github.hourglassmocap.retarget.solve.SourceSequence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rig owns the facing turn: an actor facing the camera drives the character facing the way its model faces,
 * identically on every path (bake, offline and live retarget of a file, the plugin's live control).
 */
class FacingTest {
    private static final int FRAMES = 20;

    /** The yaw of the character's hips (left minus right) against its rest pose, in degrees (-180..180). */
    private static float hipYawDegrees(Armature a, HumanoidMap map, CharacterRig rest) {
        a.update();
        Vector3f l = a.getJoint(map.getJoint(HumanoidBone.LEFT_UPPER_LEG)).getModelTransform().getTranslation();
        Vector3f r = a.getJoint(map.getJoint(HumanoidBone.RIGHT_UPPER_LEG)).getModelTransform().getTranslation();
        Vector3f posed = l.subtract(r);
        Vector3f[] v = rest.getRest17();
        Vector3f restHips = v[H36mJoints.L_HIP].subtract(v[H36mJoints.R_HIP]);
        Vector3f up = rest.getUp();
        posed.subtractLocal(up.mult(posed.dot(up))).normalizeLocal();
        restHips.subtractLocal(up.mult(restHips.dot(up))).normalizeLocal();
        float sin = restHips.cross(posed).dot(up);
        return FastMath.atan2(sin, restHips.dot(posed)) * FastMath.RAD_TO_DEG;
    }

    private static Pose3dSequence lifted() {
        List<Pose3dSequence.Frame> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            Pose3dSample p = Poses.pose(i, true);
            float[][] j = new float[H36mJoints.COUNT][3];
            for (int k = 0; k < H36mJoints.COUNT; k++) {
                System.arraycopy(p.joints(), 3 * k, j[k], 0, 3);
            }
            float[] conf = new float[H36mJoints.COUNT];
            java.util.Arrays.fill(conf, 1f);
            frames.add(new Pose3dSequence.Frame(i, p.timestampNanos(), true, false, j, p.root().clone(), conf));
        }
        return new Pose3dSequence("poses", 30, "hand-made", "offline", 0, frames);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jaime", "sinbad"})
    void everyPathTurnsLiftedMotionToTheRigsFacing(String name) throws Exception {
        DesktopAssetManager assets = new DesktopAssetManager(true);
        Spatial model = BuiltInCharacters.load(assets, BuiltInCharacters.assetPath(name));
        HumanoidMap map = BuiltInCharacters.map(name);
        Armature a = Armatures.getArmature(model);
        CharacterRig rest = CharacterRig.detached(a, map);
        RetargetOptions options = RetargetOptions.defaults().withInPlace(true);
        Pose3dSequence poses = lifted();

        // The plugin's live control.
        RigRetargeter live = new RigRetargeter(model, map, options);
        for (int i = 0; i < FRAMES; i++) {
            live.apply(Poses.pose(i, true), a);
        }
        float control = hipYawDegrees(a, map, rest);

        // mocap bake.
        RigPose baked = ClipBaking.retarget(CharacterRig.detached(a, map), poses, options, "c").result().getPoses()
                .get(FRAMES - 1);
        baked.applyTo(a);
        float bake = hipYawDegrees(a, map, rest);

        // mocap retarget, offline and --live, as RetargetCommand runs them.
        OfflineRetargeter offline = new OfflineRetargeter(CharacterRig.detached(a, map), options);
        offline.run(SourceSequence.fromPose3d(poses)).getPoses().get(FRAMES - 1).applyTo(a);
        float retargetOffline = hipYawDegrees(a, map, rest);
        new LiveRetargeter(CharacterRig.detached(a, map), options).runClip(SourceSequence.fromPose3d(poses)).getPoses()
                .get(FRAMES - 1).applyTo(a);
        float retargetLive = hipYawDegrees(a, map, rest);

        float[] all = {control, bake, retargetOffline, retargetLive};
        for (float yaw : all) {
            assertEquals(0f, yaw, 10f, name + ": an actor facing the camera must drive " + name
                    + " facing the way its model faces; yaw per path (control, bake, retarget, retarget --live): "
                    + java.util.Arrays.toString(all));
        }
        for (float yaw : all) {
            assertEquals(control, yaw, 1f, "every path the same facing: " + java.util.Arrays.toString(all));
        }
    }
}
