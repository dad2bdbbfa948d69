package io.github.hourglassmocap.retarget.export;

import com.jme3.anim.AnimClip;
import com.jme3.anim.Armature;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.retarget.bvh.BvhJme;
import io.github.hourglassmocap.retarget.bvh.BvhWriter;
import java.nio.file.Path;

/**
 * Writes a recorded clip as BVH on the character's own skeleton: the armature's joints with their rest
 * translations as offsets, Y up, {@code Zrotation Xrotation Yrotation} channels, the clip sampled at a fixed
 * rate (through {@link BvhJme#fromClip} and {@link BvhWriter}, which writes atomically). Units are the
 * character's model units.
 */
public final class BvhClipExporter {
    private BvhClipExporter() {
    }

    /**
     * Exports a clip.
     *
     * @param clip the clip, targeting joints of {@code armature} (not null, unaffected)
     * @param armature the character's armature (not null, unaffected)
     * @param frameRateHz the BVH frame rate (in hertz, &gt;0, finite)
     * @param file the .bvh to write (not null)
     * @throws MocapIOException if writing fails
     */
    public static void export(AnimClip clip, Armature armature, double frameRateHz, Path file) throws MocapIOException {
        BvhWriter.write(file, BvhJme.fromClip(clip, armature, frameRateHz, 1.0));
    }
}
