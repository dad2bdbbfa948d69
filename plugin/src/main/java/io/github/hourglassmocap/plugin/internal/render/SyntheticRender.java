package io.github.hourglassmocap.plugin.internal.render;

import com.jme3.anim.Joint;
import com.jme3.asset.AssetManager;
import com.jme3.math.ColorRGBA;
import com.jme3.system.JmeSystem;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.video.VideoWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders a synthetic ground-truth clip: a character playing a motion, written as an MP4 video plus a JSON
 * file with, per frame, the camera and every joint in world and image ({@link GroundTruthFile}).
 *
 * <p>The character is loaded and the motion resolved before the renderer starts, so a bad model path or clip
 * name fails fast with a message listing the choices. Needs an OpenGL 3.2 context: on a headless machine,
 * run under {@code xvfb-run}.
 */
public final class SyntheticRender {
    private static final Logger LOGGER = Logger.getLogger(SyntheticRender.class.getName());
    /** Seconds to wait for the renderer to start and for each frame. */
    private static final double TIMEOUT_SECONDS = 120;

    /**
     * What a render produced and how long it took.
     *
     * @param truth the ground truth (also written to the truth file when one was given)
     * @param loadSeconds time to load the character (in seconds)
     * @param startSeconds time to start the renderer and build the scene (in seconds)
     * @param renderSeconds time spent rendering and reading back frames (in seconds)
     * @param encodeSeconds time spent encoding video (in seconds)
     */
    public record Result(GroundTruthFile truth, double loadSeconds, double startSeconds, double renderSeconds,
            double encodeSeconds) {
    }

    /**
     * Receives progress, on the caller's thread.
     */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called after each frame.
         *
         * @param done frames finished so far (&ge;1)
         * @param total frames in all
         */
        void frameDone(int done, int total);
    }

    private SyntheticRender() {
    }

    /**
     * Creates an asset manager with the desktop loaders (j3o, Ogre, glTF, images) and the classpath locator.
     *
     * @return a new asset manager
     */
    public static AssetManager newAssetManager() {
        return JmeSystem.newAssetManager(SyntheticRender.class.getClassLoader().getResource("com/jme3/asset/Desktop.cfg"));
    }

    /**
     * Loads the character, resolves the motion named in the options and the automatic camera values (framing
     * the character over the whole render, see {@link RenderCharacter#extent}); no rendering.
     *
     * @param options the options (not null)
     * @param assets where to load from (not null)
     * @return a new scene, ready for an {@link OffscreenRenderer}
     * @throws MocapException if the model cannot be loaded
     * @throws IllegalArgumentException if the character or clip does not exist (the message lists the choices)
     */
    public static SyntheticScene prepareScene(SyntheticRenderOptions options, AssetManager assets) throws MocapException {
        RenderCharacter character = RenderCharacter.load(assets, options.character(), options.characterHeightMetres(),
                options.yawDegrees());
        CharacterMotion motion = CharacterMotion.resolve(options.motion(), character, options.inPlace());
        double duration = (options.frames() - 1) / options.frameRateHz();
        CameraSpec camera = options.camera().resolve(character.extent(motion, duration, Math.min(options.frames(), 60)),
                (double) options.width() / options.height());
        int rgb = options.backgroundRgb();
        ColorRGBA colour = new ColorRGBA(((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f, 1f);
        return new SyntheticScene(character, motion, camera, options.background(), colour, options.seed());
    }

    /**
     * Renders the clip.
     *
     * @param options what to render (not null)
     * @param video the video to write (null for none; its folder must exist; replaced atomically; the extension
     *     picks the container, see {@link VideoWriter}: mp4 gives H.264)
     * @param truthFile the ground-truth JSON to write (null for none; its folder must exist; replaced atomically)
     * @param progress told after each frame (may be null)
     * @return the ground truth and timings
     * @throws MocapException if loading, rendering, encoding or writing fails (the message says which)
     * @throws IllegalArgumentException if the character or clip does not exist (the message lists the choices)
     */
    public static Result run(SyntheticRenderOptions options, Path video, Path truthFile, Progress progress)
            throws MocapException {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        long t0 = System.nanoTime();
        SyntheticScene scene = prepareScene(options, newAssetManager());
        RenderCharacter character = scene.character();
        long t1 = System.nanoTime();
        List<String> names = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        for (Joint j : character.armature().getJointList()) {
            names.add(j.getName());
            parents.add(j.getParent() == null ? -1 : character.armature().getJointIndex(j.getParent()));
        }
        CameraSpec resolved = scene.camera();
        GroundTruthHeader header = new GroundTruthHeader(video == null ? "" : video.getFileName().toString(),
                options.width(), options.height(), options.frameRateHz(), character.source(), character.heightMetres(),
                scene.motion().describe(), scene.motion().lengthSeconds(), resolved.format(), options.background().id(),
                options.seed(), names, parents);
        List<TruthFrame> frames = new ArrayList<>(options.frames());
        double startSeconds;
        long renderNanos = 0;
        long encodeNanos = 0;
        VideoWriter writer = null;
        try (OffscreenRenderer<TruthFrame> renderer = OffscreenRenderer.start(options.width(), options.height(),
                options.samples(), scene, TIMEOUT_SECONDS)) {
            startSeconds = (System.nanoTime() - t1) / 1e9;
            if (video != null) {
                writer = VideoWriter.open(video, options.width(), options.height(), options.frameRateHz(),
                        new VideoWriter.Options(null, 1000 * options.effectiveBitrateKbps()));
            }
            for (int i = 0; i < options.frames(); i++) {
                long a = System.nanoTime();
                RenderedFrame<TruthFrame> rendered = renderer.render(i, i / options.frameRateHz());
                long b = System.nanoTime();
                renderNanos += b - a;
                if (writer != null) {
                    writer.write(rendered.frame());
                    encodeNanos += System.nanoTime() - b;
                }
                frames.add(rendered.annotation());
                if (progress != null) {
                    progress.frameDone(i + 1, options.frames());
                }
            }
            if (writer != null) {
                long a = System.nanoTime();
                writer.close();
                encodeNanos += System.nanoTime() - a;
            }
        } finally {
            if (writer != null) {
                writer.abort(); // after a successful close this does nothing; after a failure it deletes the temp file
            }
        }
        GroundTruthFile truth = new GroundTruthFile(header, frames);
        if (truthFile != null) {
            truth.write(truthFile);
        }
        Result result = new Result(truth, (t1 - t0) / 1e9, startSeconds, renderNanos / 1e9, encodeNanos / 1e9);
        LOGGER.log(Level.FINE, "rendered {0} frames: {1}", new Object[] {frames.size(), result});
        return result;
    }
}
