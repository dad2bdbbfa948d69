package io.github.hourglassmocap.plugin;

import com.jme3.anim.AnimClip;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.MocapException;
import java.nio.file.Path;

/**
 * Writes a recorded clip in a further format (BVH, glTF binary) beside the j3o a recording always writes.
 */
public interface ClipExporter {
    /**
     * Returns the file extension this exporter writes.
     *
     * @return for example "bvh" or "glb" (no dot)
     */
    String extension();

    /**
     * Writes the clip, atomically.
     *
     * @param clip the clip (not null, unaffected)
     * @param character the character the clip animates (not null, unaffected)
     * @param file the target file (not null)
     * @throws MocapException if writing failed
     */
    void export(AnimClip clip, Spatial character, Path file) throws MocapException;
}
