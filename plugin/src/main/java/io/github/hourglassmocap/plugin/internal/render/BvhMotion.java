package io.github.hourglassmocap.plugin.internal.render;

import com.jme3.anim.AnimClip;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.retarget.internal.dataset.BvhTake17;
import io.github.hourglassmocap.retarget.internal.dataset.Take17;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapException;
import io.github.hourglassmocap.retarget.record.ClipRecorder;
import io.github.hourglassmocap.retarget.record.KeyReduction;
import io.github.hourglassmocap.retarget.solve.CharacterMapping;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.OfflineRetargeter;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import io.github.hourglassmocap.retarget.solve.RetargetResult;
import io.github.hourglassmocap.retarget.solve.SourceSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A BVH motion capture file played by a character: the file's 17 Human3.6M joints (through the automatic
 * humanoid map of the {@code retarget} module) are retargeted onto the character's armature with the offline
 * retargeter, recorded as a clip, and played like one of its own clips (looped).
 *
 * <p>The truth of a render is still the character's own joints, as drawn; the BVH skeleton is only the source.
 */
public final class BvhMotion implements CharacterMotion {
    /** Rate the BVH is resampled at before retargeting (the clip interpolates between these keys). */
    public static final double SAMPLE_RATE_HZ = 60;

    private final Path file;
    private final ClipMotion clip;
    private final int frames;

    private BvhMotion(Path file, ClipMotion clip, int frames) {
        this.file = file;
        this.clip = clip;
        this.frames = frames;
    }

    /**
     * Retargets a BVH file onto a character and adds the result to the character's clips.
     *
     * @param character the character (not null, in its rest pose: call before any motion poses it; its clip
     *     list gains "bvh:&lt;file name&gt;")
     * @param file the BVH file (not null)
     * @param inPlace true to remove the horizontal root motion (a walk stays on the spot)
     * @return a new motion bound to the character
     * @throws IllegalArgumentException if the file does not exist
     * @throws MocapException if the file cannot be read or parsed, or either skeleton cannot be mapped to the
     *     humanoid bones (the message names them)
     */
    public static BvhMotion retarget(RenderCharacter character, Path file, boolean inPlace) throws MocapException {
        if (character == null || file == null) {
            throw new IllegalArgumentException("character and file must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("BVH file " + file + " does not exist");
        }
        Take17 take = BvhTake17.load(file, SAMPLE_RATE_HZ);
        SourceSequence source = SourceSequence.of(take);
        HumanoidMap map;
        try {
            map = CharacterMapping.map(character.describe(), character.armature(), Map.of());
        } catch (HumanoidMapException e) {
            throw new MocapException("cannot map character " + character.describe() + " to humanoid bones for BVH "
                    + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MocapException("cannot map character " + character.describe() + " to humanoid bones for BVH "
                    + file + ": " + e.getMessage(), e);
        }
        // The solver poses its own copy of the joints; the clip animates the character's.
        CharacterRig rig = CharacterRig.detached(character.armature(), map);
        RetargetResult result = new OfflineRetargeter(rig, RetargetOptions.defaults().withInPlace(inPlace)).run(source);
        String name = "bvh:" + file.getFileName();
        AnimClip clip = ClipRecorder.clipOf(result, name, KeyReduction.NONE, character.armature());
        character.addClip(clip);
        return new BvhMotion(file, new ClipMotion(character, name), source.size());
    }

    @Override
    public String describe() {
        return "bvh:" + file.toAbsolutePath().normalize();
    }

    /**
     * Returns how many source frames were retargeted (at {@link #SAMPLE_RATE_HZ}).
     *
     * @return the frame count (&ge;1)
     */
    public int sourceFrames() {
        return frames;
    }

    @Override
    public double lengthSeconds() {
        return clip.lengthSeconds();
    }

    @Override
    public void apply(double timeSeconds) {
        clip.apply(timeSeconds);
    }
}
