package io.github.hourglassmocap.plugin.internal.render;

import io.github.hourglassmocap.inference.MocapException;

/**
 * A motion a {@link RenderCharacter} can play: poses the character's armature at any time, deterministically.
 *
 * <p>Implementations: {@link ClipMotion} (one of the character's own animation clips) and {@link BvhMotion} (a
 * BVH file retargeted onto the character); {@link #resolve} chooses.
 */
public interface CharacterMotion {
    /**
     * Describes the motion for file headers and messages, for example "clip:Dance".
     *
     * @return a short description (not null)
     */
    String describe();

    /**
     * Returns the length of one cycle of the motion; times past it wrap around.
     *
     * @return the length (in seconds, &gt;0)
     */
    double lengthSeconds();

    /**
     * Poses the armature at a time (render thread). Only the joints' local transforms change; the caller's
     * scene update computes their model transforms.
     *
     * @param timeSeconds the time (in seconds, &ge;0; wrapped modulo the length)
     */
    void apply(double timeSeconds);

    /**
     * Resolves a {@code --motion} argument against a character, keeping a BVH file's root motion.
     *
     * @param spec a clip name of the character, or a path to a BVH file ending in ".bvh" (not null)
     * @param character the character that will play it (not null, in its rest pose)
     * @return a new motion bound to the character
     * @throws IllegalArgumentException if the clip or file does not exist (the message lists the clips)
     * @throws MocapException if a BVH file cannot be read or retargeted
     */
    static CharacterMotion resolve(String spec, RenderCharacter character) throws MocapException {
        return resolve(spec, character, false);
    }

    /**
     * Resolves a {@code --motion} argument against a character.
     *
     * @param spec a clip name of the character, or a path to a BVH file ending in ".bvh" (not null)
     * @param character the character that will play it (not null, in its rest pose)
     * @param inPlace for a BVH file: remove the horizontal root motion (ignored for clips)
     * @return a new motion bound to the character
     * @throws IllegalArgumentException if the clip or file does not exist (the message lists the clips)
     * @throws MocapException if a BVH file cannot be read or retargeted
     */
    static CharacterMotion resolve(String spec, RenderCharacter character, boolean inPlace) throws MocapException {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("motion must be a clip name; clips of " + character.describe()
                    + ": " + character.clipNames());
        }
        if (spec.toLowerCase(java.util.Locale.ROOT).endsWith(".bvh")) {
            java.nio.file.Path file = java.nio.file.Paths.get(spec);
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new IllegalArgumentException("motion '" + spec + "' names a BVH file that does not exist; give an"
                        + " existing .bvh file or one of the clips of " + character.describe() + ": " + character.clipNames());
            }
            return BvhMotion.retarget(character, file, inPlace);
        }
        return new ClipMotion(character, spec);
    }
}
