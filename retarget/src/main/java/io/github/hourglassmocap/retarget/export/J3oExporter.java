package io.github.hourglassmocap.retarget.export;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimComposer;
import com.jme3.anim.SkinningControl;
import com.jme3.export.binary.BinaryExporter;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.MocapIOException;
import java.nio.file.Path;

/**
 * Saves a character with a recorded clip as a {@code .j3o}: the model, its armature and an
 * {@link AnimComposer} that holds the clip, so loading the file and calling
 * {@code composer.setCurrentAction(clipName)} plays it. Written atomically.
 */
public final class J3oExporter {
    private J3oExporter() {
    }

    /**
     * Adds a clip to the model's AnimComposer (creating one, ahead of the SkinningControl, if the model has none).
     *
     * @param model the character (not null, modified)
     * @param clip the clip, whose tracks target the model's own armature joints (not null)
     * @return the composer holding the clip
     * @throws IllegalArgumentException if the model has no SkinningControl
     */
    public static AnimComposer attach(Spatial model, AnimClip clip) {
        AnimComposer[] found = {null};
        Spatial[] skinned = {null};
        model.depthFirstTraversal(s -> {
            if (found[0] == null && s.getControl(AnimComposer.class) != null) {
                found[0] = s.getControl(AnimComposer.class);
            }
            if (skinned[0] == null && s.getControl(SkinningControl.class) != null) {
                skinned[0] = s;
            }
        });
        if (skinned[0] == null) {
            throw new IllegalArgumentException("model '" + model.getName() + "' has no SkinningControl to animate");
        }
        AnimComposer composer = found[0];
        if (composer == null) {
            composer = new AnimComposer();
            skinned[0].addControlAt(0, composer);
        }
        AnimClip old = composer.getAnimClip(clip.getName());
        if (old != null) {
            composer.removeAnimClip(old);
        }
        composer.addAnimClip(clip);
        return composer;
    }

    /**
     * Saves a model with a clip.
     *
     * @param model the character (not null; the clip is added to its composer, the armature is left at rest)
     * @param clip the clip (not null)
     * @param file the .j3o to write (not null)
     * @throws MocapIOException if writing fails
     */
    public static void export(Spatial model, AnimClip clip, Path file) throws MocapIOException {
        attach(model, clip);
        SkinningControl sc = findSkinning(model);
        sc.getArmature().applyInitialPose();
        sc.getArmature().update();
        ExportFiles.write(file, out -> BinaryExporter.getInstance().save(model, out));
    }

    private static SkinningControl findSkinning(Spatial model) {
        SkinningControl[] found = {null};
        model.depthFirstTraversal(s -> {
            if (found[0] == null) {
                found[0] = s.getControl(SkinningControl.class);
            }
        });
        return found[0];
    }
}
