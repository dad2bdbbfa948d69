package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimComposer;
import com.jme3.anim.AnimTrack;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.TransformTrack;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Node;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.plugin.Armatures;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.ClipSampler;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import io.github.hourglassmocap.retarget.solve.SourceFrame;
import io.github.hourglassmocap.retarget.solve.SourceSequence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipBakingTest {
    private static final Quaternion POSE = new Quaternion().fromAngleAxis(FastMath.HALF_PI, Vector3f.UNIT_Y);

    /** A one-joint character at rest (identity) with a clip that holds the joint turned 90 degrees. */
    private static Joint character(Node node) {
        Joint joint = new Joint("arm");
        Armature armature = new Armature(new Joint[] {joint});
        armature.saveBindPose();
        armature.saveInitialPose();
        TransformTrack track = new TransformTrack(joint, new float[] {0f, 1f},
                new Vector3f[] {new Vector3f(), new Vector3f()}, new Quaternion[] {POSE, POSE},
                new Vector3f[] {new Vector3f(1, 1, 1), new Vector3f(1, 1, 1)});
        AnimClip clip = new AnimClip("take");
        clip.setTracks(new AnimTrack[] {track});
        AnimComposer composer = new AnimComposer();
        composer.addAnimClip(clip);
        node.addControl(composer);
        return joint;
    }

    private static float angleToPose(Joint joint) {
        Quaternion q = joint.getLocalRotation();
        return 2 * FastMath.acos(Math.min(1f, Math.abs(q.dot(POSE))));
    }

    private static Joint firstFrame(boolean withPlay) {
        Node node = new Node("character");
        Joint joint = character(node);
        AnimComposer composer = node.getControl(AnimComposer.class);
        if (withPlay) {
            ClipBaking.play(composer, "take");
        } else {
            composer.setCurrentAction("take");
        }
        composer.setGlobalSpeed(0);
        composer.setTime(AnimComposer.DEFAULT_LAYER, 0.05);
        node.updateLogicalState(0);
        return joint;
    }

    @Test
    void playStartsOnTheClipsFirstPoseNotBlendedFromTheBindPose() {
        float played = angleToPose(firstFrame(true));
        assertTrue(played < 1e-3f, "the first frame must show the clip's pose; off by " + played + " rad");
        // jME's own default blends in from the bind pose (0.4 s): what play() avoids.
        float plain = angleToPose(firstFrame(false));
        assertTrue(plain > 0.5f, "setCurrentAction alone was expected to blend from the bind pose; off by " + plain);
    }

    @Test
    void playNamesTheClipsItHasWhenOneIsMissing() {
        Node node = new Node("character");
        character(node);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClipBaking.play(node.getControl(AnimComposer.class), "walk"));
        assertTrue(e.getMessage().contains("'walk'") && e.getMessage().contains("take"), e.getMessage());
    }

    @Test
    void aVariableFrameRateTakeIsKeyedAtEachFramesOwnTime() throws Exception {
        // 10 frames 0.1 s apart, then 1/30 s apart (as vfr.mp4 in the video tests): the average rate is not
        // the timing.
        DesktopAssetManager assets = new DesktopAssetManager(true);
        BuiltInCharacters.LoadedCharacter jaime = BuiltInCharacters.loadCharacter(assets, "jaime");
        CharacterRig rig = new CharacterRig(Armatures.getArmature(jaime.model()), jaime.map());
        AnimComposer[] composer = new AnimComposer[1];
        jaime.model().depthFirstTraversal(sp -> {
            if (composer[0] == null) {
                composer[0] = sp.getControl(AnimComposer.class);
            }
        });
        AnimClip walk = composer[0].getAnimClip("Walk");
        SourceSequence even = ClipSampler.sample(rig, walk, 30, 0.85f);
        int n = Math.min(40, even.size());
        long[] times = new long[n];
        List<SourceFrame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            times[i] = i < 10 ? i * 100_000_000L : 1_000_000_000L + Math.round((i - 10) * 1e9 / 30);
            SourceFrame f = even.get(i);
            frames.add(new SourceFrame(times[i], f.getJoints(), f.getRoot(), f.getConfidence(), true));
        }
        double averageRateHz = (n - 1) / (times[n - 1] / 1e9);
        Pose3dSequence lifted = new SourceSequence(averageRateHz, frames).toPose3d("vfr.mp4", "test");
        ClipBaking.Baked baked = ClipBaking.retarget(rig, lifted, RetargetOptions.defaults(), "take");
        for (AnimTrack<?> track : baked.clip().getTracks()) {
            float[] keys = ((TransformTrack) track).getTimes();
            assertEquals(n, keys.length);
            for (int i = 0; i < n; i++) {
                assertEquals(times[i] / 1e9, keys[i], 1e-5, "key " + i);
            }
        }
        assertEquals(times[n - 1] / 1e9, baked.clip().getLength(), 1e-5);
        assertEquals(times[n - 1], baked.result().getTimestampNanos(n - 1));
    }

    @Test
    void retargetingLeavesTheCharactersArmatureAsItWasAndKeysItsOwnJoints() throws Exception {
        DesktopAssetManager assets = new DesktopAssetManager(true);
        BuiltInCharacters.LoadedCharacter jaime = BuiltInCharacters.loadCharacter(assets, "jaime");
        Armature armature = Armatures.getArmature(jaime.model());
        AnimComposer[] composer = new AnimComposer[1];
        jaime.model().depthFirstTraversal(sp -> {
            if (composer[0] == null) {
                composer[0] = sp.getControl(AnimComposer.class);
            }
        });
        SourceSequence walk = ClipSampler.sample(new CharacterRig(armature, jaime.map()),
                composer[0].getAnimClip("Walk"), 30, 0.85f);
        Pose3dSequence lifted = walk.toPose3d("walk", "test");
        // The character mid-pose (not at rest): a solver that poses it, or resets it to rest, shows.
        Quaternion bent = new Quaternion().fromAngleAxis(0.7f, Vector3f.UNIT_X);
        for (int i = 0; i < armature.getJointCount(); i++) {
            armature.getJoint(i).setLocalRotation(bent.mult(armature.getJoint(i).getLocalRotation()));
        }
        armature.update();
        com.jme3.math.Transform[] before = new com.jme3.math.Transform[armature.getJointCount()];
        for (int i = 0; i < before.length; i++) {
            before[i] = armature.getJoint(i).getLocalTransform().clone();
        }
        ClipBaking.Baked baked = ClipBaking.retarget(jaime.model(), jaime.map(), lifted, false, "take");
        for (int i = 0; i < before.length; i++) {
            com.jme3.math.Transform now = armature.getJoint(i).getLocalTransform();
            String name = armature.getJoint(i).getName();
            assertTrue(now.getTranslation().distance(before[i].getTranslation()) < 1e-6f, name + " moved");
            assertTrue(Math.abs(Math.abs(now.getRotation().dot(before[i].getRotation())) - 1) < 1e-6f,
                    name + " turned");
        }
        for (AnimTrack<?> track : baked.clip().getTracks()) {
            Joint target = (Joint) ((TransformTrack) track).getTarget();
            assertSame(armature.getJoint(target.getId()), target,
                    "the clip keys the character's own joints, not the solver's copy: " + target.getName());
        }
    }
}
