package io.github.hourglassmocap.plugin;

import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.lift.LifterOptions;
import io.github.hourglassmocap.inference.lift.LiveLifter;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.pipeline.StageFactory;
import io.github.hourglassmocap.inference.pipeline.TrackerStage;
import io.github.hourglassmocap.inference.video.FrameSource;
import io.github.hourglassmocap.inference.video.FrameSourceOptions;
import io.github.hourglassmocap.inference.video.FrameSources;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.CharacterMapping;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The standard stages for a {@link MocapAppState}, ready to use: a source from what a user types, the BlazePose
 * tracker, a shipped lifter in streaming mode (HoT by default, or any shipped model by name), and a control for a
 * built-in character.
 */
public final class MocapStages {
    private MocapStages() {
    }

    /**
     * Returns a factory for a live source: {@code webcam:N}, a device path, or a video file or image folder
     * replayed at its real rate.
     *
     * @param spec what to open (not null; see {@link FrameSources})
     * @return a new factory; each call opens the source anew
     */
    public static StageFactory<FrameSource> liveSource(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.matches("\\d+") ? FrameSources.WEBCAM_PREFIX + spec : spec;
        return () -> FrameSources.open(s, FrameSourceOptions.defaults().withLive(true));
    }

    /**
     * Returns a factory for the BlazePose 2D stage.
     *
     * @param model lite, full or heavy (not null)
     * @param threads interpreter threads (1..64)
     * @return a new factory
     */
    public static StageFactory<TrackerStage> pose2d(PoseModelFile model, int threads) {
        return TrackerStage.factory(model, threads);
    }

    /**
     * Returns a factory for the default shipped lifter in streaming mode (the live HoT, {@value
     * ShippedLifters#HOT_LIVE}, at every look-ahead); the same as {@link #lifter(String, int, int) lifter(null, lookaheadFrames, stride)}.
     *
     * @param lookaheadFrames frames of look-ahead (0 = causal, lowest latency; &lt; the model's window)
     * @param stride frames per window run (1 = a window every frame)
     * @return a new factory
     * @throws IllegalArgumentException if the look-ahead is negative or the stride below 1
     */
    public static StageFactory<LiveLifter> lifter(int lookaheadFrames, int stride) {
        return lifter(null, lookaheadFrames, stride);
    }

    /**
     * Returns a factory for a lifter in streaming mode, chosen by name: any shipped model by its manifest name
     * ({@code "htnet-f27"}, {@code "nanohtnet-live-f27"}) or architecture tag ({@code "hot"}, {@code "htnet"},
     * {@code "mixste"}), or a {@code .onnx} file with its manifest beside it (as {@code --lifter} of
     * {@code mocap bake}; {@link ShippedLifters#resolve(String)}). The name is resolved and the model loaded when
     * the stage is created, on the pipeline's worker; an unknown name fails there with a {@link ModelLoadException}
     * that names it and lists the shipped models ({@link #checkLifterPresent(String)} asks the same question
     * up front).
     *
     * @param lifterNameOrPath a shipped model's name or tag, or a model file (null for the default: the live HoT,
     *     {@value ShippedLifters#HOT_LIVE}, at every look-ahead; not blank)
     * @param lookaheadFrames frames of look-ahead (0 = causal, lowest latency; &lt; the model's window, checked
     *     when the stage is created)
     * @param stride frames per window run (1 = a window every frame)
     * @return a new factory; each call of {@code create()} opens the model anew
     * @throws IllegalArgumentException if the name is blank, the look-ahead negative or the stride below 1
     */
    public static StageFactory<LiveLifter> lifter(String lifterNameOrPath, int lookaheadFrames, int stride) {
        if (lifterNameOrPath != null && lifterNameOrPath.isBlank()) {
            throw new IllegalArgumentException("lifter name is blank; expected a shipped model's name or tag (such as '"
                    + ShippedLifters.HOT + "' or '" + ShippedLifters.HTNET + "'), a .onnx file, or null for the default");
        }
        if (lookaheadFrames < 0) {
            throw new IllegalArgumentException("lookaheadFrames " + lookaheadFrames + " invalid; expected >= 0");
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride " + stride + " invalid; expected >= 1");
        }
        return () -> LiveLifter.open(lifterModel(lifterNameOrPath, lookaheadFrames), LifterOptions.defaults(),
                lookaheadFrames, stride);
    }

    /** The model file for a live lifter's name (null: {@link ShippedLifters#streamingDefault(int)}). */
    private static Path lifterModel(String lifterNameOrPath, int lookaheadFrames) throws ModelLoadException {
        return ShippedLifters.resolve(lifterNameOrPath != null ? lifterNameOrPath
                : ShippedLifters.streamingDefault(lookaheadFrames));
    }

    /**
     * Creates a control that drives a built-in character (its hand-checked humanoid map, or the automatic one for
     * a catalogue character without one).
     *
     * @param model the character, loaded with {@link BuiltInCharacters#load} (not null)
     * @param name its built-in name, one of {@link BuiltInCharacters#NAMES} (not null)
     * @param inPlace true to keep the character in place
     * @return a new control, not yet attached
     * @throws IllegalArgumentException if the name is unknown or the rig cannot be mapped
     */
    public static MocapControl builtInControl(Spatial model, String name, boolean inPlace) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!BuiltInCharacters.NAMES.contains(key)) {
            throw new IllegalArgumentException("unknown built-in character '" + name + "'; expected one of "
                    + BuiltInCharacters.NAMES);
        }
        HumanoidMap map = BuiltInCharacters.map(key);
        if (map == null) {
            // A catalogue character without a hand-written map (Oto; the elephant is no humanoid and fails here).
            try {
                map = CharacterMapping.automatic(Armatures.getArmature(model));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("built-in character '" + key + "' cannot be mapped to a humanoid: "
                        + e.getMessage(), e);
            }
        }
        MocapControl c = new MocapControl(new RigRetargeter(model, map,
                RetargetOptions.defaults().withInPlace(inPlace)));
        c.setInPlace(inPlace);
        return c;
    }

    /**
     * Checks that the shipped HoT lifter can be found, for a clear message before a demo starts; the same as
     * {@link #checkLifterPresent(String) checkLifterPresent(null)}.
     *
     * @throws ModelLoadException if it is missing, saying where it was looked for
     */
    public static void checkLifterPresent() throws ModelLoadException {
        checkLifterPresent(null);
    }

    /**
     * Checks that a lifter given to {@link #lifter(String, int, int)} can be found, for a clear message before a
     * demo starts (the model is not loaded).
     *
     * @param lifterNameOrPath a shipped model's name or tag, or a model file (null for the defaults, both checked)
     * @throws ModelLoadException if it is missing or unknown: the message names it and lists the shipped models
     * @throws IllegalArgumentException if the name is blank
     */
    public static void checkLifterPresent(String lifterNameOrPath) throws ModelLoadException {
        lifterModel(lifterNameOrPath, 0);
        if (lifterNameOrPath == null) {
            lifterModel(null, 1);
        }
    }
}
