package io.github.hourglassmocap.plugin.render;

/**
 * A motion a {@link RenderCharacter} can play: poses the character's armature at any time, deterministically.
 *
 * <p>Today the only implementation is {@link ClipMotion} (one of the character's own animation clips). A BVH
 * file retargeted onto the character will be another (it needs the BVH importer and the retargeter of the
 * {@code retarget} module); {@link #resolve} is the one place that will choose it.
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
     * Resolves a {@code --motion} argument against a character.
     *
     * @param spec a clip name of the character, or a path to a BVH file (not null)
     * @param character the character that will play it (not null)
     * @return a new motion bound to the character
     * @throws IllegalArgumentException if the clip does not exist (the message lists the character's clips),
     *     or the spec names a BVH file (not supported yet)
     */
    static CharacterMotion resolve(String spec, RenderCharacter character) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("motion must be a clip name; clips of " + character.describe()
                    + ": " + character.clipNames());
        }
        if (spec.toLowerCase(java.util.Locale.ROOT).endsWith(".bvh")) {
            throw new IllegalArgumentException("motion '" + spec + "' is a BVH file: playing BVH files needs the BVH"
                    + " importer and retargeter, which are not available yet; use one of the clips of "
                    + character.describe() + ": " + character.clipNames());
        }
        return new ClipMotion(character, spec);
    }
}
