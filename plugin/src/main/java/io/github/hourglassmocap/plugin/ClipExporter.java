package io.github.hourglassmocap.plugin;

import com.jme3.anim.AnimClip;
import com.jme3.asset.AssetManager;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.retarget.export.BvhClipExporter;
import io.github.hourglassmocap.retarget.export.GlbExporter;
import java.nio.file.Path;

/**
 * Writes a recorded clip in a further format (BVH, glTF binary) beside the j3o a recording always writes. The
 * one exporter interface of the jME-facing API: {@link #bvh(double)} and {@link #glb(AssetManager)} give the
 * standard ones, which delegate to the retarget module's file writers ({@link BvhClipExporter},
 * {@link GlbExporter}); implement it for any other format.
 */
public interface ClipExporter {
    /**
     * Returns an exporter that writes BVH on the character's own skeleton, resampled at a fixed rate.
     *
     * @param frameRateHz the BVH frame rate (in hertz, &gt;0 and finite; for example 30)
     * @return a new exporter (extension "bvh")
     */
    static ClipExporter bvh(double frameRateHz) {
        if (!(frameRateHz > 0) || Double.isInfinite(frameRateHz)) {
            throw new IllegalArgumentException("BVH frame rate must be finite and > 0 Hz; got " + frameRateHz);
        }
        return new ClipExporter() {
            @Override
            public String extension() {
                return "bvh";
            }

            @Override
            public void export(AnimClip clip, Spatial character, Path file) throws MocapException {
                BvhClipExporter.export(clip, Armatures.getArmature(character), frameRateHz, file);
            }
        };
    }

    /**
     * Returns an exporter that writes binary glTF: the character's skin, meshes and the clip.
     *
     * @param assets the asset manager the character was loaded with (not null)
     * @return a new {@link GlbClipExporter}
     */
    static ClipExporter glb(AssetManager assets) {
        return new GlbClipExporter(assets);
    }

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
