package io.github.hourglassmocap.plugin.bake;

import com.jme3.anim.AnimClip;
import com.jme3.asset.AssetManager;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.retarget.export.BvhClipExporter;
import io.github.hourglassmocap.retarget.export.GlbExporter;
import java.nio.file.Path;

/**
 * The BVH and glTF exports of a baked clip, through the retarget module's exporters.
 */
final class ClipExports {
    private ClipExports() {
    }

    static void writeBvh(Spatial model, AnimClip clip, double frameRateHz, Path file) throws MocapException {
        BvhClipExporter.export(clip, io.github.hourglassmocap.plugin.Armatures.getArmature(model), frameRateHz, file);
    }

    static void writeGlb(Spatial model, AnimClip clip, AssetManager assets, Path file) throws MocapException {
        GlbExporter.export(model, clip, assets, file);
    }
}
