package io.github.hourglassmocap.plugin.bake;

import io.github.hourglassmocap.inference.lift.LifterOptions;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link VideoBaker} does: which models, which character, which outputs.
 *
 * @param pose2dModel the BlazePose landmark model (lite, full or heavy; not null)
 * @param pose2dThreads TFLite interpreter threads (1..64)
 * @param lifterModel the lifter .onnx with its manifest beside it, or null for the shipped HoT model
 * @param lifterOptions the ONNX Runtime options (not null)
 * @param flip average the lifter with the mirrored input (twice the lifting cost)
 * @param character a built-in character name (jaime, sinbad, ...) or a model file (.j3o, .gltf, .glb,
 *     .mesh.xml) (not null)
 * @param inPlace keep the character in place (no root motion)
 * @param writeBvh also write clip.bvh
 * @param writeGlb also write clip.glb
 * @param writePreview also render preview.mp4
 */
public record BakeOptions(PoseModelFile pose2dModel, int pose2dThreads, Path lifterModel, LifterOptions lifterOptions,
        boolean flip, String character, boolean inPlace, boolean writeBvh, boolean writeGlb, boolean writePreview) {
    /** The default character. */
    public static final String DEFAULT_CHARACTER = "jaime";

    /**
     * Validates the fields.
     */
    public BakeOptions {
        Objects.requireNonNull(pose2dModel, "pose2dModel");
        Objects.requireNonNull(lifterOptions, "lifterOptions");
        Objects.requireNonNull(character, "character");
        if (pose2dModel == PoseModelFile.DETECTOR) {
            throw new IllegalArgumentException("pose2dModel must be a landmark model; expected one of [lite, full, heavy]");
        }
        if (pose2dThreads < 1 || pose2dThreads > 64) {
            throw new IllegalArgumentException("pose2dThreads " + pose2dThreads + " out of range; expected 1..64");
        }
        if (character.isBlank()) {
            throw new IllegalArgumentException("character must not be blank; give a built-in name or a model file");
        }
    }

    /**
     * Returns the defaults: lite 2D on two threads, the shipped HoT lifter, Jaime, every output.
     *
     * @return new options
     */
    public static BakeOptions defaults() {
        return new BakeOptions(PoseModelFile.LITE, 2, null, LifterOptions.defaults(), false, DEFAULT_CHARACTER, false,
                true, true, true);
    }

    /**
     * Returns a copy with another character.
     *
     * @param c a built-in name or a model file (not null)
     * @return new options
     */
    public BakeOptions withCharacter(String c) {
        return new BakeOptions(pose2dModel, pose2dThreads, lifterModel, lifterOptions, flip, c, inPlace, writeBvh,
                writeGlb, writePreview);
    }

    /**
     * Returns a copy with another 2D model.
     *
     * @param m the landmark model (not null)
     * @return new options
     */
    public BakeOptions withPose2dModel(PoseModelFile m) {
        return new BakeOptions(m, pose2dThreads, lifterModel, lifterOptions, flip, character, inPlace, writeBvh,
                writeGlb, writePreview);
    }

    /**
     * Returns a copy with another lifter model.
     *
     * @param model the .onnx, or null for the shipped HoT model
     * @return new options
     */
    public BakeOptions withLifterModel(Path model) {
        return new BakeOptions(pose2dModel, pose2dThreads, model, lifterOptions, flip, character, inPlace, writeBvh,
                writeGlb, writePreview);
    }

    /**
     * Returns a copy with the preview video switched on or off.
     *
     * @param on true to render preview.mp4
     * @return new options
     */
    public BakeOptions withPreview(boolean on) {
        return new BakeOptions(pose2dModel, pose2dThreads, lifterModel, lifterOptions, flip, character, inPlace,
                writeBvh, writeGlb, on);
    }

    /**
     * Returns a copy with root motion switched off or on.
     *
     * @param on true to keep the character in place
     * @return new options
     */
    public BakeOptions withInPlace(boolean on) {
        return new BakeOptions(pose2dModel, pose2dThreads, lifterModel, lifterOptions, flip, character, on, writeBvh,
                writeGlb, writePreview);
    }
}
