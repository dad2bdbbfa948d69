package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimComposer;
import com.jme3.anim.AnimTrack;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.TransformTrack;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Node;
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
}
