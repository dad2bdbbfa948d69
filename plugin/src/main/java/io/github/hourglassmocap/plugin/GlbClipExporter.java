package io.github.hourglassmocap.plugin;

import com.jme3.anim.AnimClip;
import com.jme3.asset.AssetManager;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.retarget.export.GlbExporter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a recording as binary glTF (the character's skin, meshes and the clip) through the retarget module's
 * exporter.
 */
public final class GlbClipExporter implements ClipExporter {
    private final AssetManager assets;

    /**
     * Creates the exporter.
     *
     * @param assets the asset manager the character was loaded with (not null)
     */
    public GlbClipExporter(AssetManager assets) {
        this.assets = Objects.requireNonNull(assets, "assets");
    }

    @Override
    public String extension() {
        return "glb";
    }

    @Override
    public void export(AnimClip clip, Spatial character, Path file) throws MocapException {
        // Called on the render thread: the exporter may pose the character; the next update poses it again.
        GlbExporter.export(character, clip, assets, file);
    }
}
