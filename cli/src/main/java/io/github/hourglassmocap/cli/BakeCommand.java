package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.lift.LifterOptions;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.plugin.bake.BakeCancelledException;
import io.github.hourglassmocap.plugin.bake.BakeOptions;
import io.github.hourglassmocap.plugin.bake.BakeProgress;
import io.github.hourglassmocap.plugin.bake.BakeResult;
import io.github.hourglassmocap.plugin.bake.PreviewRenderer;

import io.github.hourglassmocap.plugin.bake.VideoBaker;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mocap bake}: a video in, animation out. Runs the whole pipeline offline (docs/plugin.md).
 */
@Command(name = "bake", mixinStandardHelpOptions = true,
        description = {"Bake a video into animation: keypoints.json, pose3d.json, clip.j3o, clip.bvh, clip.glb,",
            "metrics.json and preview.mp4 (the character beside the input with the 2D skeleton)."})
public final class BakeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "VIDEO", description = "The video (mp4, mkv, mov, avi, ...) with one person in it.")
    Path video;

    @Option(names = "--out", required = true, description = "The output folder (created if missing).")
    Path out;

    @Option(names = "--character", defaultValue = BakeOptions.DEFAULT_CHARACTER,
            description = "A built-in character (" + BuiltInCharacters.NAME_LIST + ") or a model file"
                    + " (.j3o, .gltf, .glb, .mesh.xml); default: ${DEFAULT-VALUE}.")
    String character;

    @Option(names = "--model", defaultValue = "lite", description = "BlazePose model: lite (default), full or heavy.")
    String pose2dModel;

    @Option(names = "--lifter", description = "Lifter: a .onnx file (manifest beside it) or a shipped model by name"
            + " (hot, htnet, mixste, mlp, or a manifest name such as htnet-f27); default: the shipped HoT model.")
    Path lifter;

    @Option(names = "--flip", description = "Average the lifter with the mirrored input (slower, slightly better).")
    boolean flip;

    @Option(names = "--in-place", description = "Keep the character in place (no root motion).")
    boolean inPlace;

    @Option(names = "--no-preview", description = "Skip preview.mp4 (the only step that renders).")
    boolean noPreview;

    @Option(names = "--no-bvh", description = "Skip clip.bvh.")
    boolean noBvh;

    @Option(names = "--no-glb", description = "Skip clip.glb.")
    boolean noGlb;

    @Option(names = "--force", description = "Replace the outputs of an earlier bake in --out (refused otherwise, so a"
            + " folder never mixes two runs).")
    boolean force;

    @Option(names = "--verbose", description = "Show the engine's log (quiet by default).")
    boolean verbose;

    /** Held so the level set on it stays (loggers are weakly referenced). */
    private static final java.util.logging.Logger JME_LOG = java.util.logging.Logger.getLogger("com.jme3");
    private static final java.util.logging.Logger PROJECT_LOG = java.util.logging.Logger.getLogger("io.github.hourglassmocap");

    @Option(names = "--pose2d-threads", defaultValue = "2", description = "2D model threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        if (!verbose) {
            JME_LOG.setLevel(java.util.logging.Level.SEVERE);
            PROJECT_LOG.setLevel(java.util.logging.Level.WARNING);
        }
        try {
            if (!Files.isRegularFile(video)) {
                err.println("mocap bake: video " + video + " not found");
                return 2;
            }
            Path lifterPath = lifter == null ? null : LifterRuntimeOptions.resolveModel(lifter, ShippedLifters.HOT);
            BakeOptions o = new BakeOptions(PoseModelFile.landmarkModel(pose2dModel), threads, lifterPath,
                    LifterOptions.defaults(), flip, character, inPlace, !noBvh, !noGlb, !noPreview);
            VideoBaker baker = new VideoBaker(o, new Bar(err));
            baker.setReplaceExisting(force);
            if (!noPreview) {
                baker.setPreviewWriter(new PreviewRenderer());
            }
            BakeResult r;
            StopSignal stop = StopSignal.install("bake", STOP_GRACE_MILLIS, baker::cancel, () -> {
                if (baker.settleInterrupted()) {
                    System.err.println("mocap bake: interrupted; metrics.json in " + out + " says what was kept");
                }
            });
            try {
                r = baker.bake(video, out);
            } catch (BakeCancelledException e) {
                err.println();
                err.println("mocap bake: " + e.getMessage());
                return 1;
            } catch (MocapException | RuntimeException e) {
                if (!stop.isStopping()) {
                    throw e;
                }
                // A failure while stopping comes of the stop (e.g. the virtual display went first): say so.
                baker.settleInterrupted();
                err.println();
                err.println("mocap bake: interrupted (" + e.getMessage() + "); metrics.json in " + out
                        + " says what was kept");
                return 1;
            } finally {
                stop.close();
            }
            err.println();
            System.out.printf(Locale.ROOT, "baked %d frames (%.1f s of video, person in %d) onto %s, run %s%n",
                    r.frames(), r.videoSeconds(), r.framesWithPerson(), character, r.runId());
            for (Map.Entry<String, Double> e : r.stageSeconds().entrySet()) {
                System.out.printf(Locale.ROOT, "  %-10s %7.2f s%n", e.getKey(), e.getValue());
            }
            System.out.printf(Locale.ROOT, "  speed: %.2fx real time (without the preview render)%n", r.realTimeFactor());
            System.out.printf(Locale.ROOT, "  bone-direction error: mean %.1f deg, 95th percentile %.1f deg%n",
                    r.boneErrorMeanDegrees(), r.boneErrorP95Degrees());
            for (Path f : r.files().values()) {
                System.out.println("  wrote " + f);
            }
            if (r.previewSkippedReason() != null) {
                err.println("mocap bake: preview.mp4 not written: " + r.previewSkippedReason());
            }
            return 0;
        } catch (MocapException | IllegalArgumentException e) {
            err.println();
            err.println("mocap bake: " + e.getMessage());
            return 1;
        }
    }

    /** How long a stop signal waits for the bake to stop (the lifting stage cannot be interrupted). */
    private static final long STOP_GRACE_MILLIS = 20_000;

    /** A one-line progress bar on the terminal. */
    private static final class Bar implements BakeProgress {
        private final PrintStream out;
        private String lastStage = "";
        private long lastPrint;

        Bar(PrintStream out) {
            this.out = out;
        }

        @Override
        public void update(String stage, long done, long total) {
            long now = System.nanoTime();
            boolean end = total > 0 && done >= total;
            if (stage.equals(lastStage) && !end && now - lastPrint < 100_000_000L) {
                return;
            }
            if (!stage.equals(lastStage) && !lastStage.isEmpty()) {
                out.println();
            }
            lastStage = stage;
            lastPrint = now;
            if (total > 0) {
                int width = 30;
                int filled = (int) Math.min(width, done * width / total);
                out.printf(Locale.ROOT, "\r%-10s [%s%s] %d/%d", stage, "#".repeat(filled), " ".repeat(width - filled),
                        done, total);
            } else {
                out.printf(Locale.ROOT, "\r%-10s %d", stage, done);
            }
            out.flush();
        }
    }
}
