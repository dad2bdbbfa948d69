package io.github.hourglassmocap.plugin.bake;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimComposer;
import com.jme3.anim.Armature;
import com.jme3.anim.tween.action.Action;
import com.jme3.anim.tween.action.BlendableAction;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.plugin.Armatures;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.record.ClipRecorder;
import io.github.hourglassmocap.retarget.record.KeyReduction;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.OfflineRetargeter;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import io.github.hourglassmocap.retarget.solve.RetargetResult;
import io.github.hourglassmocap.retarget.solve.SourceSequence;

/**
 * Offline retargeting of a lifted clip onto one character, as an {@link AnimClip}: what the bake does for its
 * character, and what a scene does to play a baked take on further characters.
 */
public final class ClipBaking {
    private ClipBaking() {
    }

    /**
     * The retargeted clip with the solver's result.
     *
     * @param clip the clip (tracks target the character's armature joints)
     * @param result the per-frame poses and quality figures
     */
    public record Baked(AnimClip clip, RetargetResult result) {
    }

    /**
     * Retargets a lifted clip onto a character.
     *
     * @param model the character (not null, unaffected: the solver works on its own copy of the joints)
     * @param map its humanoid map (not null)
     * @param poses the lifted clip (not null, at least one frame)
     * @param inPlace true to keep the character in place
     * @param clipName the clip name (not null, not empty)
     * @return the clip, animating the character's own joints, and the result
     * @throws IllegalArgumentException if the rig cannot be mapped
     */
    public static Baked retarget(Spatial model, HumanoidMap map, Pose3dSequence poses, boolean inPlace,
            String clipName) {
        Armature armature = Armatures.getArmature(model);
        return retarget(CharacterRig.detached(armature, map), armature, poses,
                RetargetOptions.defaults().withInPlace(inPlace), clipName);
    }

    /**
     * Retargets a lifted clip onto an analysed rig (the retargeter turns the poses, which face the camera, to face
     * the way the character was modelled: {@link CharacterRig#toRigFacing(SourceSequence)}).
     *
     * @param rig the analysed character (not null)
     * @param poses the lifted clip (not null, at least one frame)
     * @param options the retargeting settings (not null)
     * @param clipName the clip name (not null, not empty)
     * @return the clip and the result
     */
    public static Baked retarget(CharacterRig rig, Pose3dSequence poses, RetargetOptions options, String clipName) {
        return retarget(rig, rig.getArmature(), poses, options, clipName);
    }

    /**
     * Retargets a lifted clip on a rig solved on a copy of a character's joints ({@link CharacterRig#detached}),
     * into a clip that animates the character's own armature, which the solver never touches.
     *
     * @param rig the analysed character, usually detached (not null)
     * @param target the armature the clip animates (not null, unaffected; the rig armature's joints, by id and name)
     * @param poses the lifted clip (not null, at least one frame)
     * @param options the retargeting settings (not null)
     * @param clipName the clip name (not null, not empty)
     * @return the clip and the result
     * @throws IllegalArgumentException if the target's joints differ from the rig's
     */
    public static Baked retarget(CharacterRig rig, Armature target, Pose3dSequence poses, RetargetOptions options,
            String clipName) {
        RetargetResult result = new OfflineRetargeter(rig, options)
                .run(SourceSequence.fromPose3d(poses));
        return new Baked(ClipRecorder.clipOf(result, clipName, KeyReduction.NONE, target), result);
    }

    /**
     * Makes a clip the composer's current action with no blend-in: jME blends a newly started clip action in from
     * the bind pose over its transition length (0.4 s by default), so a baked take played from its start would
     * show the character's bind pose (often a T-pose) easing into the first captured pose for about 12 frames.
     * A captured take has its own first pose, so it should start on it.
     *
     * @param composer the character's composer (not null)
     * @param clipName a clip the composer holds (not null)
     * @return the action now playing
     * @throws IllegalArgumentException if the composer holds no such clip
     */
    public static Action play(AnimComposer composer, String clipName) {
        if (composer.getAnimClip(clipName) == null) {
            throw new IllegalArgumentException("no clip '" + clipName + "' in the composer; it holds "
                    + composer.getAnimClipsNames());
        }
        Action action = composer.setCurrentAction(clipName);
        if (action instanceof BlendableAction blendable) {
            blendable.setTransitionLength(0);
        }
        return action;
    }
}
