package io.github.hourglassmocap.plugin.internal.render;

import com.jme3.anim.AnimClip;
import com.jme3.anim.tween.action.ClipAction;

/**
 * One of a character's own animation clips, looped. The clip is interpolated directly at the requested time
 * (no blending from the previous pose, no wall-clock), so a pose depends on the time alone.
 */
public final class ClipMotion implements CharacterMotion {
    private final AnimClip clip;
    private final ClipAction action;

    /**
     * Binds a clip of a character.
     *
     * @param character the character (not null)
     * @param clipName the clip name (exact, case-sensitive)
     * @throws IllegalArgumentException if the character has no such clip; the message lists its clips
     */
    public ClipMotion(RenderCharacter character, String clipName) {
        if (character == null) {
            throw new IllegalArgumentException("character must not be null");
        }
        this.clip = character.getClip(clipName);
        if (!(clip.getLength() > 0)) {
            throw new IllegalArgumentException("clip '" + clipName + "' of " + character.describe()
                    + " has length " + clip.getLength() + "; pick a clip with motion: " + character.clipNames());
        }
        this.action = new ClipAction(clip);
    }

    @Override
    public String describe() {
        return "clip:" + clip.getName();
    }

    /**
     * Returns the clip name.
     *
     * @return the name (not null)
     */
    public String clipName() {
        return clip.getName();
    }

    @Override
    public double lengthSeconds() {
        return clip.getLength();
    }

    @Override
    public void apply(double timeSeconds) {
        double length = clip.getLength();
        double t = timeSeconds % length;
        if (t < 0) {
            t += length;
        }
        action.doInterpolate(t);
    }
}
