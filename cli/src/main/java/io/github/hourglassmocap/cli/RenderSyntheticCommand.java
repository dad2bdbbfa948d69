package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.plugin.internal.render.BackgroundStyle;
import io.github.hourglassmocap.plugin.internal.render.CameraSpec;
import io.github.hourglassmocap.plugin.internal.render.RenderCharacter;
import io.github.hourglassmocap.plugin.internal.render.SyntheticRender;
import io.github.hourglassmocap.plugin.internal.render.SyntheticRenderOptions;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mocap render-synthetic}: renders a rigged character playing an animation to an MP4 plus a ground-truth
 * JSON file (camera and every joint, per frame), offscreen.
 */
@Command(name = "render-synthetic", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Renders a rigged character playing a motion to an MP4 video plus a ground-truth JSON file",
            "(per frame: camera intrinsics and pose, every joint's world and pixel position). Offscreen;",
            "the mocap launcher runs it under xvfb-run when DISPLAY is unset."},
        footer = {"", "Examples:",
            "  mocap render-synthetic --character sinbad --motion Dance --out dance.mp4",
            "  mocap render-synthetic --character ninja --motion Walk --camera azimuth=35,elevation=10 "
                + "--background texture --seed 7 --out walk.mp4 --truth walk.json",
            "  mocap render-synthetic --character sinbad --motion 02_01.bvh --in-place --out walk.mp4",
            "  mocap render-synthetic --character jaime --list-clips"})
public final class RenderSyntheticCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--character", required = true, paramLabel = "<model>",
            description = "a built-in character (" + BuiltInCharacters.NAME_LIST + "), a model file"
                    + " (.j3o, .gltf, .glb, .mesh.xml) or a classpath asset path")
    private String character;

    @Option(names = "--motion", paramLabel = "<clip|file.bvh>",
            description = "a clip name of the character (see --list-clips), or a BVH file, retargeted onto the character")
    private String motion;

    @Option(names = "--in-place", description = "for a BVH motion: remove its horizontal root motion (a walk stays on the spot)")
    private boolean inPlace;

    @Option(names = "--out", paramLabel = "<video.mp4>",
            description = "the video to write: .mp4 (H.264), or .mkv/.mov/.avi/.webm (see docs/video.md)")
    private Path out;

    @Option(names = "--truth", paramLabel = "<truth.json>",
            description = "the ground-truth JSON to write (default: the video's name with .truth.json)")
    private Path truth;

    @Option(names = "--list-clips", description = "print the character's clips and joints, then exit")
    private boolean listClips;

    @Option(names = "--width", defaultValue = "640", description = "video width in pixels (default ${DEFAULT-VALUE})")
    private int width;

    @Option(names = "--height", defaultValue = "480", description = "video height in pixels (default ${DEFAULT-VALUE})")
    private int height;

    @Option(names = "--fps", defaultValue = "30", description = "frames per second (default ${DEFAULT-VALUE})")
    private double fps;

    @Option(names = "--duration", paramLabel = "<seconds>", description = "length in seconds (default 3)")
    private Double duration;

    @Option(names = "--frames", description = "number of frames (instead of --duration)")
    private Integer frames;

    @Option(names = "--camera", paramLabel = "<spec>", defaultValue = "",
            description = "camera as key=value list: distance (m or auto), azimuth (deg, 0 = front, 90 = the "
                    + "character's left), elevation (deg), height (look-at height in m or auto), fov (vertical deg); "
                    + "e.g. distance=4,azimuth=30,elevation=10")
    private String camera;

    @Option(names = "--distance", paramLabel = "<metres>", description = "camera distance (overrides --camera)")
    private Double distance;

    @Option(names = "--azimuth", paramLabel = "<degrees>", description = "camera azimuth (overrides --camera)")
    private Double azimuth;

    @Option(names = "--elevation", paramLabel = "<degrees>", description = "camera elevation (overrides --camera)")
    private Double elevation;

    @Option(names = "--camera-height", paramLabel = "<metres>", description = "look-at height (overrides --camera)")
    private Double cameraHeight;

    @Option(names = "--fov", paramLabel = "<degrees>", description = "vertical field of view (overrides --camera)")
    private Double fov;

    @Option(names = "--background", defaultValue = "studio",
            description = "studio (lit floor and backdrop), plain (a plain colour) or texture (random textures from "
                    + "the seed) (default ${DEFAULT-VALUE})")
    private String background;

    @Option(names = "--background-color", paramLabel = "<#RRGGBB>", defaultValue = "#808080",
            description = "the plain colour (default ${DEFAULT-VALUE})")
    private String backgroundColour;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the random textures (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--samples", defaultValue = "4", description = "anti-aliasing samples: 1, 2, 4 or 8 (default ${DEFAULT-VALUE})")
    private int samples;

    @Option(names = "--character-height", paramLabel = "<metres>", defaultValue = "1.75",
            description = "height the character is scaled to (default ${DEFAULT-VALUE})")
    private double characterHeight;

    @Option(names = "--yaw", paramLabel = "<degrees>", defaultValue = "0",
            description = "extra turn of the character about the vertical (default ${DEFAULT-VALUE})")
    private double yaw;

    @Option(names = "--bitrate", paramLabel = "<kbit/s>", defaultValue = "0",
            description = "H.264 bit rate in kbit/s (default: 0.2 bits per pixel per frame, 1843 at 640x480, 30 fps)")
    private int bitrate;

    @Option(names = "--verbose", description = "show the engine's and FFmpeg's log messages")
    private boolean verbose;

    /** Loggers quietened unless --verbose; held here so that their levels are not lost to garbage collection. */
    private static final java.util.List<java.util.logging.Logger> QUIET = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        if (!verbose) {
            quietenEngine();
        }
        try {
            if (listClips) {
                RenderCharacter c = RenderCharacter.load(SyntheticRender.newAssetManager(), character, characterHeight, yaw);
                outWriter.println(c.describe() + ": " + c.source());
                outWriter.println("clips: " + String.join(", ", c.clipNames()));
                outWriter.println("joints (" + c.armature().getJointCount() + "): "
                        + c.armature().getJointList().stream().map(com.jme3.anim.Joint::getName).toList());
                outWriter.flush();
                return 0;
            }
            if (motion == null) {
                throw new IllegalArgumentException("--motion is required: a clip name of the character (see --list-clips) or a BVH file");
            }
            if (out == null) {
                throw new IllegalArgumentException("--out is required: the MP4 video to write");
            }
            if (frames != null && duration != null) {
                throw new IllegalArgumentException("give --frames or --duration, not both");
            }
            if (duration != null && !(duration > 0 && duration < 1e6)) {
                throw new IllegalArgumentException("--duration " + duration + " must be a positive number of seconds");
            }
            int count = frames != null ? frames : (int) Math.max(1, Math.round((duration != null ? duration : 3.0) * fps));
            Path truthPath = truth != null ? truth : defaultTruth(out);
            for (Path p : new Path[] {out, truthPath}) {
                Path dir = p.toAbsolutePath().getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("folder " + dir + " of " + p + " does not exist");
                }
            }
            CameraSpec cameraSpec = CameraSpec.parse(camera, CameraSpec.DEFAULT)
                    .with(distance, azimuth, elevation, cameraHeight, fov);
            SyntheticRenderOptions options = SyntheticRenderOptions.defaults(character, motion)
                    .withSize(width, height).withTiming(fps, count).withCamera(cameraSpec)
                    .withBackground(BackgroundStyle.parse(background), parseColour(backgroundColour), seed)
                    .withLook(characterHeight, yaw, samples, bitrate).withInPlace(inPlace);
            int step = Math.max(1, count / 10);
            SyntheticRender.Result r = SyntheticRender.run(options, out, truthPath, (done, total) -> {
                if (done % step == 0 || done == total) {
                    err.printf(Locale.ROOT, "render-synthetic: %d/%d frames%n", done, total);
                    err.flush();
                }
            });
            outWriter.printf(Locale.ROOT, "wrote %s (%d frames, %dx%d at %s fps) and %s%n", out, count, width, height,
                    fmt(fps), truthPath);
            outWriter.printf(Locale.ROOT, "character %s, motion %s, camera %s, background %s, seed %d%n",
                    r.truth().header().character(), r.truth().header().motion(), r.truth().header().camera(),
                    r.truth().header().background(), seed);
            outWriter.printf(Locale.ROOT, "times: load %.2f s, start %.2f s, render %.1f ms/frame, encode %.1f ms/frame%n",
                    r.loadSeconds(), r.startSeconds(), 1000 * r.renderSeconds() / count, 1000 * r.encodeSeconds() / count);
            outWriter.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("render-synthetic: " + e.getMessage());
            err.flush();
            return 2;
        } catch (MocapException e) {
            err.println("render-synthetic: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /**
     * Hides the engine's chatter (Ogre's "more than 4 weights per vertex", hardware-skinning notes, FFmpeg's
     * stream dump): it says nothing about this command's result. Warnings from elsewhere still show.
     */
    private static void quietenEngine() {
        synchronized (QUIET) {
            if (QUIET.isEmpty()) {
                for (String name : new String[] {"com.jme3.scene.plugins.ogre", "com.jme3.anim", "com.jme3.asset",
                    "com.jme3.system", "com.jme3.renderer", "com.jme3.app"}) {
                    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
                    logger.setLevel(java.util.logging.Level.SEVERE);
                    QUIET.add(logger);
                }
            }
        }
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }

    private static Path defaultTruth(Path video) {
        String name = video.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return video.resolveSibling(stem + ".truth.json");
    }

    private static int parseColour(String text) {
        String t = text.trim();
        if (t.startsWith("#")) {
            t = t.substring(1);
        }
        if (!t.matches("[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("--background-color '" + text + "' must be #RRGGBB, e.g. #00ff00");
        }
        return Integer.parseInt(t, 16);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
