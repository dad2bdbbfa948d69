package io.github.hourglassmocap.retarget.solve;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimTrack;
import com.jme3.anim.TransformTrack;
import com.jme3.anim.util.HasLocalTransform;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a character's own animation clip into source motion: plays the clip on the rig at a fixed rate and
 * reads the 17-joint view of every frame, converted to metres by an assumed leg length. Useful to drive the
 * retargeter with clean, known motion (a take retargeted back onto its own rig must reproduce it).
 */
public final class ClipSampler {
    private ClipSampler() {
    }

    /**
     * Samples a clip.
     *
     * @param rig the rig the clip animates (not null; its armature is posed, then returned to rest)
     * @param clip a clip whose transform tracks target the rig's joints (not null)
     * @param frameRateHz the sampling rate (in hertz, &gt;0)
     * @param actorLegMetres the leg length the character is taken to have (in metres, &gt;0)
     * @return a new sequence in the solver's world (model axes, metres)
     */
    public static SourceSequence sample(CharacterRig rig, AnimClip clip, double frameRateHz, float actorLegMetres) {
        if (!(frameRateHz > 0) || !(actorLegMetres > 0)) {
            throw new IllegalArgumentException("frameRateHz and actorLegMetres must be > 0, got " + frameRateHz + ", " + actorLegMetres);
        }
        float toMetres = actorLegMetres / rig.getLegLength();
        int frames = Math.max(1, (int) Math.floor(clip.getLength() * frameRateHz) + 1);
        List<SourceFrame> out = new ArrayList<>(frames);
        Transform store = new Transform();
        for (int i = 0; i < frames; i++) {
            double t = Math.min(clip.getLength(), i / frameRateHz);
            rig.getArmature().applyInitialPose();
            for (AnimTrack<?> track : clip.getTracks()) {
                if (track instanceof TransformTrack) {
                    TransformTrack tt = (TransformTrack) track;
                    HasLocalTransform target = tt.getTarget();
                    store.set(target.getLocalTransform());
                    tt.getDataAtTime(t, store);
                    target.setLocalTransform(store);
                }
            }
            Vector3f[] v = rig.view17(true);
            for (Vector3f p : v) {
                p.multLocal(toMetres);
            }
            out.add(SourceFrame.fromWorld(Math.round(i * 1e9 / frameRateHz), v));
        }
        rig.getArmature().applyInitialPose();
        rig.getArmature().update();
        if (out.get(0).getJoint(H36mJoints.HEAD).length() == 0) {
            throw new IllegalStateException("sampled clip is degenerate");
        }
        return new SourceSequence(frameRateHz, out);
    }
}
