package io.github.hourglassmocap.plugin.bake;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.jme3.anim.AnimClip;
import com.jme3.asset.AssetManager;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.RunId;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.ClipLifter;
import io.github.hourglassmocap.inference.lift.KeypointTrack;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.inference.lift.PoseLifter;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import io.github.hourglassmocap.inference.pipeline.PipelineMode;
import io.github.hourglassmocap.inference.pipeline.PipelineResult;
import io.github.hourglassmocap.inference.pipeline.StreamingPipeline;
import io.github.hourglassmocap.inference.pipeline.TrackerStage;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import io.github.hourglassmocap.plugin.internal.ClipFiles;
import io.github.hourglassmocap.retarget.export.J3oExporter;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import io.github.hourglassmocap.retarget.solve.RetargetResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Bakes a video into animation, offline: 2D keypoints (decode and BlazePose pipelined on two threads, no frame
 * dropped), HoT lifting of the whole clip with full context, retargeting onto a character with the offline
 * clean-up (root motion, foot contacts, zero-phase smoothing), then the files: keypoints.json, pose3d.json,
 * clip.j3o (the character with its clip), clip.bvh, clip.glb, metrics.json and preview.mp4. Every file is
 * written atomically; a failure leaves the files of the stages that completed.
 */
public final class VideoBaker {
    private static final Logger LOG = Logger.getLogger(VideoBaker.class.getName());
    /** The clip name inside the exported files. */
    public static final String CLIP_NAME = "mocap";

    private final BakeOptions options;
    private final BakeProgress progress;
    private volatile PreviewWriter previewWriter;
    /** Opens the input video; a seam for tests that count the openings. */
    private VideoOpener opener = VideoFileSource::open;
    private boolean replaceExisting;
    private volatile boolean cancelled;

    /** The run in progress (or the last one); guarded by {@code this}. */
    private Run run;

    /** What one call of {@link #bake} has done so far; guarded by the baker. */
    private static final class Run {
        final String id;
        final Path video;
        final Path outDir;
        final Map<String, Path> files = new LinkedHashMap<>();
        String stage = "start";
        String character;
        /** "built-in" (a hand-written map) or "automatic". */
        String mapping;
        int keypointFrames;
        /** True once metrics.json says how the run ended. */
        boolean settled;
        /** The full metrics, once the retargeting has given them. */
        Metrics metrics;
        /** The preview's input half (the input, still open), from the 2D pass to the end of the run; or null. */
        PreviewInput previewInput;

        Run(String id, Path video, Path outDir) {
            this.id = id;
            this.video = video;
            this.outDir = outDir;
        }
    }

    /**
     * Creates a baker.
     *
     * @param options what to do (not null)
     * @param progress hears the progress (not null; {@link BakeProgress#NONE} for silence)
     */
    public VideoBaker(BakeOptions options, BakeProgress progress) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Opens a video file (the input is opened once per bake). */
    @FunctionalInterface
    interface VideoOpener {
        VideoFileSource open(Path video) throws DecodeException;
    }

    /** Replaces how the input video is opened (tests). */
    void setVideoOpener(VideoOpener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /**
     * Renders preview.mp4 from the bake's outputs; set by callers that can render (needs a display).
     */
    public interface PreviewWriter {
        /**
         * Says why this machine cannot render the preview, without trying; asked before the 2D pass, which then
         * closes the input as soon as it is done. The default finds no problem.
         *
         * @return a one-line reason that says how to get the preview, or null if rendering may work
         */
        default String findProblem() {
            return null;
        }

        /**
         * Renders the preview.
         *
         * @param input the input half: the video the 2D pass decoded, on the same opened file, drawn with its
         *     skeleton and scaled to the preview's height (not null; read it once; the baker closes it afterwards)
         * @param character the baked character with its clip in its AnimComposer, in memory (not null, unaffected:
         *     the preview renders a copy; clip.j3o is not read back from disk)
         * @param out the preview file to write (not null)
         * @param progress hears the progress (not null)
         * @throws PreviewUnavailableException if this machine cannot render (no display, no OpenGL); nothing was
         *     written
         * @throws BakeCancelledException if {@link #cancel()} stopped it; nothing was written
         * @throws MocapException if rendering or writing failed
         */
        void write(PreviewInput input, Spatial character, Path out, BakeProgress progress) throws MocapException;

        /**
         * Asks a {@link #write} in progress, on another thread, to stop soon and discard its file. Thread-safe.
         * The default does nothing (the preview then runs to its end).
         */
        default void cancel() {
        }
    }

    /**
     * Sets how preview.mp4 is rendered.
     *
     * @param writer the preview writer, or null to skip the preview even if the options ask for it
     */
    public void setPreviewWriter(PreviewWriter writer) {
        this.previewWriter = writer;
    }

    /**
     * Sets what a bake does with an output folder that holds an earlier bake's outputs (see {@link BakeFolder}).
     *
     * @param replace true to delete them first; false (the default) to refuse the folder
     */
    public void setReplaceExisting(boolean replace) {
        this.replaceExisting = replace;
    }

    /**
     * Asks the bake in progress to stop soon (thread-safe; e.g. from a shutdown hook). It stops at the next frame
     * of the keypoints pass or the preview, or after the stage in progress; {@link #bake} then keeps what it has
     * (see {@link BakeCancelledException}) and throws. The baker stays cancelled: a later bake stops at once.
     */
    public void cancel() {
        cancelled = true;
        PreviewWriter w = previewWriter;
        if (w != null) {
            w.cancel();
        }
    }

    /**
     * Returns the id of the bake in progress, or of the last one.
     *
     * @return the run id written into metrics.json and the JSON outputs, or null before the first bake
     */
    public synchronized String runId() {
        return run == null ? null : run.id;
    }

    /**
     * Records, from any thread, that the bake in progress was stopped: metrics.json says {@code "status":
     * "interrupted"}, the stage and the files written so far, unless the bake has already said how it ended. For a
     * shutdown hook whose bake did not stop in time (a stage that cannot be interrupted, such as lifting).
     *
     * @return true if metrics.json was written now
     */
    public synchronized boolean settleInterrupted() {
        Run r = run;
        if (r == null || r.settled) {
            return false;
        }
        try {
            settle(r);
            return true;
        } catch (MocapIOException e) {
            LOG.warning("could not record the interruption in metrics.json: " + e.getMessage());
            return false;
        }
    }

    /**
     * Bakes a video.
     *
     * @param video the input video (not null, an existing file FFmpeg can decode)
     * @param outDir the output folder (not null; created if missing; must be writable; must not hold an earlier
     *     bake's outputs unless {@link #setReplaceExisting replacing})
     * @return what was written
     * @throws BakeCancelledException if {@link #cancel()} stopped it; what was finished is kept
     * @throws MocapException if a stage failed: the message names the stage, the file and what to do
     */
    public BakeResult bake(Path video, Path outDir) throws MocapException {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(outDir, "outDir");
        Run r = new Run(RunId.next(), video, outDir);
        synchronized (this) {
            run = r;
        }
        BakeFolder.Prepared prepared = BakeFolder.prepare(outDir, replaceExisting);
        if (!prepared.removedTemporaries().isEmpty()) {
            LOG.warning("removed " + prepared.removedTemporaries().size() + " temporary file(s) left in " + outDir
                    + " by an interrupted bake");
        }
        try {
            return bake(r);
        } catch (BakeCancelledException e) {
            synchronized (this) {
                if (!r.settled) {
                    settle(r);
                }
                throw new BakeCancelledException("interrupted during " + r.stage + "; kept " + r.files.keySet()
                        + " in " + outDir + " (metrics.json says \"status\": \"interrupted\")");
            }
        } finally {
            if (r.previewInput != null) {
                r.previewInput.close();
            }
        }
    }

    private void stage(Run r, String stage) throws BakeCancelledException {
        if (cancelled) {
            throw new BakeCancelledException("cancelled before " + stage);
        }
        synchronized (this) {
            r.stage = stage;
        }
    }

    private void wrote(Run r, String name, Path file) {
        synchronized (this) {
            r.files.put(name, file);
        }
    }

    private BakeResult bake(Run r) throws MocapException {
        Path video = r.video;
        Path outDir = r.outDir;
        Map<String, Double> seconds = new LinkedHashMap<>();

        // Load and map the character first: a model that cannot be used fails before the long stages.
        stage(r, "character");
        AssetManager assets = new DesktopAssetManager(true);
        BuiltInCharacters.LoadedCharacter character = BuiltInCharacters.loadCharacter(assets, options.character());
        synchronized (this) {
            r.character = character.name();
            r.mapping = character.hasHandWrittenMap() ? "built-in" : "automatic";
        }
        // The solver poses its own copy of the joints; the character (exported, previewed) stays as loaded.
        com.jme3.anim.Armature armature = io.github.hourglassmocap.plugin.Armatures.getArmature(character.model());
        CharacterRig rig = CharacterRig.detached(armature, character.map());

        // Whether the input stays open after the 2D pass, for the preview: decided before it, as it is opened once.
        PreviewWriter pw = previewWriter;
        String previewNote;
        if (!options.writePreview()) {
            previewNote = "off";
        } else if (pw == null) {
            previewNote = "skipped: no preview renderer was set";
            LOG.warning("preview.mp4 " + previewNote);
        } else {
            String problem = pw.findProblem();
            previewNote = problem == null ? "pending" : "skipped: " + problem;
        }

        stage(r, "keypoints");
        long t0 = System.nanoTime();
        Path kpFile = outDir.resolve("keypoints.json");
        Keypoints keypoints = keypoints(video, kpFile, r, "pending".equals(previewNote));
        r.previewInput = keypoints.preview;
        wrote(r, "keypoints.json", kpFile);
        seconds.put("keypoints", (System.nanoTime() - t0) / 1e9);
        int withPerson = (int) keypoints.frames.stream().filter(Keypoints2D::hasPerson).count();
        if (withPerson == 0) {
            throw new DecodeException("no person found in any of the " + keypoints.frames.size() + " frames of "
                    + video + "; the video needs one person, whole body in view (wrote " + kpFile + ")");
        }

        stage(r, "lift");
        long t1 = System.nanoTime();
        Pose3dSequence poses = lift(keypoints, kpFile);
        Path poseFile = outDir.resolve("pose3d.json");
        poses.write(poseFile, r.id);
        wrote(r, "pose3d.json", poseFile);
        seconds.put("lift", (System.nanoTime() - t1) / 1e9);

        stage(r, "retarget");
        long t2 = System.nanoTime();
        progress.update("retarget", 0, poses.frames().size());
        RetargetOptions ro = RetargetOptions.defaults().withInPlace(options.inPlace());
        ClipBaking.Baked baked = ClipBaking.retarget(rig, armature, poses, ro, CLIP_NAME);
        RetargetResult result = baked.result();
        AnimClip clip = baked.clip();
        progress.update("retarget", poses.frames().size(), poses.frames().size());
        seconds.put("retarget", (System.nanoTime() - t2) / 1e9);

        stage(r, "export");
        long t3 = System.nanoTime();
        Path j3o = outDir.resolve("clip.j3o");
        J3oExporter.export(character.model(), clip, j3o);
        wrote(r, "clip.j3o", j3o);
        if (options.writeBvh()) {
            stage(r, "export");
            Path bvh = outDir.resolve("clip.bvh");
            ClipExports.writeBvh(character.model(), clip, result.getFrameRateHz(), bvh);
            wrote(r, "clip.bvh", bvh);
        }
        if (options.writeGlb()) {
            stage(r, "export");
            Path glb = outDir.resolve("clip.glb");
            ClipExports.writeGlb(character.model(), clip, assets, glb);
            wrote(r, "clip.glb", glb);
        }
        seconds.put("export", (System.nanoTime() - t3) / 1e9);

        double videoSeconds = keypoints.seconds();
        Path metricsFile = outDir.resolve("metrics.json");
        Metrics m = new Metrics(r, metricsFile, result, keypoints, withPerson, seconds, videoSeconds);
        synchronized (this) {
            r.metrics = m;
        }
        boolean previewPending = "pending".equals(previewNote);
        m.write(previewNote, previewPending ? "rendering preview" : "complete", !previewPending);
        wrote(r, "metrics.json", metricsFile);

        if (previewPending) {
            stage(r, "preview");
            long t4 = System.nanoTime();
            Path preview = outDir.resolve("preview.mp4");
            try {
                pw.write(keypoints.preview, character.model(), preview, progress);
                wrote(r, "preview.mp4", preview);
                seconds.put("preview", (System.nanoTime() - t4) / 1e9);
                previewNote = "written";
            } catch (PreviewUnavailableException e) {
                previewNote = "skipped: " + e.getMessage();
                LOG.log(java.util.logging.Level.FINE, "preview unavailable", e);
            } catch (BakeCancelledException e) {
                m.write("interrupted: not written", "interrupted", true);
                throw e;
            }
            m.write(previewNote, "complete", true);
        }
        return new BakeResult(Collections.unmodifiableMap(new LinkedHashMap<>(r.files)), keypoints.frames.size(),
                withPerson, videoSeconds, Collections.unmodifiableMap(seconds),
                result.getMetrics().getMeanErrorDegrees(), result.getMetrics().getP95ErrorDegrees(), r.id,
                previewNote.startsWith("skipped: ") ? previewNote.substring("skipped: ".length()) : null);
    }

    /** The 2D pass over the whole video. */
    static final class Keypoints {
        final KeypointsFile.Header header;
        final List<Keypoints2D> frames;
        /** What was wrong with the video (VideoFileSource's warning), or null when it decoded cleanly. */
        final String videoDamage;
        /** The input kept open for the preview's input half; null unless asked for. */
        final PreviewInput preview;

        Keypoints(KeypointsFile.Header header, List<Keypoints2D> frames, String videoDamage, PreviewInput preview) {
            this.header = header;
            this.frames = frames;
            this.videoDamage = videoDamage;
            this.preview = preview;
        }

        /** Seconds of video the frames cover, by their own timestamps (a variable frame rate included). */
        double seconds() {
            long first = frames.get(0).timestampNanos();
            long last = frames.get(frames.size() - 1).timestampNanos();
            return (last - first) / 1e9 + 1.0 / header.frameRateHz();
        }
    }

    /** The 2D pass alone, as a run of its own writing {@code kpFile} (tests). */
    Keypoints keypoints(Path video, Path kpFile) throws MocapException {
        return keypoints(video, kpFile, new Run(RunId.next(), video, kpFile.toAbsolutePath().getParent()), false);
    }

    /**
     * The 2D pass: opens the video (the bake's one opening) and decodes it on the pipeline's capture thread, writing
     * keypoints.json as the frames come. When the preview is wanted, the source stays open for it (it rewinds and
     * decodes it again: {@link PreviewInput}); else it is closed.
     */
    Keypoints keypoints(Path video, Path kpFile, Run run, boolean keepForPreview) throws MocapException {
        VideoFileSource source = opener.open(video);
        boolean kept = false;
        try {
            Keypoints kp = keypoints(source, kpFile, run);
            if (keepForPreview) {
                kp = new Keypoints(kp.header, kp.frames, kp.videoDamage, new PreviewInput(source, kp.frames));
                kept = true;
            }
            return kp;
        } finally {
            if (!kept) {
                source.close();
            }
        }
    }

    private Keypoints keypoints(VideoFileSource source, Path kpFile, Run run) throws MocapException {
        Path video = run.video;
        int width = source.width();
        int height = source.height();
        double fps = source.frameRateHz();
        long expected = source.expectedFrameCount();
        KeypointsFile.Header header = new KeypointsFile.Header(video.toString(), width, height, fps,
                options.pose2dModel().shortName());
        List<Keypoints2D> frames = new ArrayList<>();
        // Written as the frames come, so that a bake stopped in this, its longest, stage keeps what it found.
        KeypointsFile.Writer writer = new KeypointsFile.Writer(kpFile, header, run.id);
        try {
            try (StreamingPipeline p = StreamingPipeline.builder(() -> PreviewInput.unclosed(source),
                    TrackerStage.factory(options.pose2dModel(), options.pose2dThreads()))
                    .mode(PipelineMode.RECORD).keepFrames(false).queueCapacity(4).resultCapacity(16).build()) {
                p.start();
                while (!p.isExhausted() && !cancelled) {
                    PipelineResult r;
                    try {
                        r = p.take(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new MocapException("interrupted while finding keypoints in " + video, e);
                    }
                    if (r != null) {
                        Keypoints2D k = r.pose2d().landmarks();
                        frames.add(k);
                        writer.write(k);
                        synchronized (this) {
                            run.keypointFrames = frames.size();
                        }
                        progress.update("keypoints", frames.size(), expected > 0 ? expected : -1);
                    }
                }
                if (!cancelled && p.failure() != null) {
                    Exception f = p.failure();
                    if (f instanceof MocapException me) {
                        throw me;
                    }
                    throw new MocapException("keypoints failed on " + video + " at frame " + frames.size() + ": " + f, f);
                }
            }
            if (cancelled) {
                if (!frames.isEmpty()) {
                    writer.closeIncomplete("interrupted after " + frames.size() + " frames");
                    wrote(run, "keypoints.json", kpFile);
                }
                throw new BakeCancelledException("cancelled during keypoints");
            }
            if (frames.isEmpty()) {
                throw new DecodeException(video + " holds no frames");
            }
            writer.close();
            VideoFileSource.Damage damage = source.findDamage();
            return new Keypoints(header, frames, damage == null ? null : damage.message(), null);
        } finally {
            writer.abort();
        }
    }

    private Pose3dSequence lift(Keypoints kp, Path kpFile) throws MocapException {
        int t = kp.frames.size();
        long[] ts = new long[t];
        boolean[] person = new boolean[t];
        float[][][] joints = new float[t][H36mJoints.COUNT][3];
        for (int i = 0; i < t; i++) {
            Keypoints2D k = kp.frames.get(i);
            ts[i] = k.timestampNanos();
            person[i] = k.hasPerson();
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                if (person[i]) {
                    joints[i][j][0] = k.jointX(j);
                    joints[i][j][1] = k.jointY(j);
                    joints[i][j][2] = k.jointConfidence(j);
                } else {
                    Arrays.fill(joints[i][j], Float.NaN);
                }
            }
        }
        KeypointTrack track = new KeypointTrack(kpFile.toString(), kp.header.width(), kp.header.height(),
                kp.header.frameRateHz(), (int) kp.frames.get(0).frameIndex(), ts, person, joints);
        Path model = options.lifterModel() != null ? options.lifterModel()
                : ShippedLifters.get(ShippedLifters.modelsFolder(), ShippedLifters.HOT);
        progress.update("lift", 0, t);
        try (PoseLifter lifter = PoseLifter.open(model, options.lifterOptions())) {
            Pose3dSequence seq = new ClipLifter(ClipLifter.Mode.OFFLINE, 0, 0, options.flip(), 0)
                    .lift(track, lifter, lifter.manifest().name());
            progress.update("lift", t, t);
            return seq;
        }
    }

    /** metrics.json of a finished run, written once before the preview and again after it. */
    private final class Metrics {
        private final Run run;
        private final Path file;
        private final RetargetResult result;
        private final Keypoints kp;
        private final int withPerson;
        private final Map<String, Double> seconds;
        private final double videoSeconds;

        Metrics(Run run, Path file, RetargetResult result, Keypoints kp, int withPerson, Map<String, Double> seconds,
                double videoSeconds) {
            this.run = run;
            this.file = file;
            this.result = result;
            this.kp = kp;
            this.withPerson = withPerson;
            this.seconds = seconds;
            this.videoSeconds = videoSeconds;
        }

        void write(String preview, String status, boolean last) throws MocapIOException {
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("source", run.video.toString());
            extra.put("character", run.character);
            extra.put("mapping", run.mapping);
            JsonObject o = result.getMetrics().toJson(extra);
            o.addProperty("runId", run.id);
            JsonObject bake = new JsonObject();
            bake.addProperty("status", status);
            bake.addProperty("pose2dModel", options.pose2dModel().shortName());
            bake.addProperty("frames", kp.frames.size());
            bake.addProperty("framesWithPerson", withPerson);
            bake.addProperty("videoSeconds", videoSeconds);
            if (kp.videoDamage != null) {
                bake.addProperty("videoDamage", kp.videoDamage);
            }
            JsonObject st = new JsonObject();
            double total = 0;
            for (Map.Entry<String, Double> e : seconds.entrySet()) {
                st.addProperty(e.getKey(), e.getValue());
                if (!e.getKey().equals("preview")) {
                    total += e.getValue();
                }
            }
            bake.add("stageSeconds", st);
            bake.addProperty("realTimeFactor", total > 0 ? videoSeconds / total : 0);
            bake.addProperty("preview", preview);
            synchronized (VideoBaker.this) {
                if (run.settled) {
                    return;
                }
                bake.add("files", fileNames(run, "metrics.json", "written".equals(preview) ? "preview.mp4" : null));
                o.add("bake", bake);
                writeJson(file, o);
                if (last) {
                    run.settled = true;
                }
            }
            LOG.fine(() -> String.format(Locale.ROOT, "metrics written to %s", file));
        }
    }

    /** The names of the run's files, with up to two more that are being written. */
    private static com.google.gson.JsonArray fileNames(Run r, String also, String also2) {
        com.google.gson.JsonArray a = new com.google.gson.JsonArray();
        for (String n : BakeFolder.OUTPUTS) {
            if (r.files.containsKey(n) || n.equals(also) || n.equals(also2)) {
                a.add(n);
            }
        }
        return a;
    }

    /**
     * Says in metrics.json that a run was stopped: the full metrics marked interrupted if the retargeting gave them
     * (a stop during the preview), else {@link #writeInterrupted}. Holds the baker's lock.
     */
    private void settle(Run r) throws MocapIOException {
        if (r.metrics != null) {
            r.files.remove("preview.mp4");
            r.metrics.write("interrupted: not written", "interrupted", true);
        } else {
            writeInterrupted(r);
        }
    }

    /** metrics.json of a run that was stopped: how far it got and what it kept. Holds the baker's lock. */
    private void writeInterrupted(Run r) throws MocapIOException {
        JsonObject o = new JsonObject();
        o.addProperty("version", 1);
        o.addProperty("runId", r.id);
        o.addProperty("source", r.video.toString());
        if (r.character != null) {
            o.addProperty("character", r.character);
        }
        JsonObject bake = new JsonObject();
        bake.addProperty("status", "interrupted");
        bake.addProperty("stage", r.stage);
        bake.addProperty("keypointFrames", r.keypointFrames);
        Path metrics = r.outDir.resolve("metrics.json");
        r.files.remove("metrics.json");
        r.files.remove("preview.mp4");
        bake.add("files", fileNames(r, "metrics.json", null));
        o.add("bake", bake);
        writeJson(metrics, o);
        r.files.put("metrics.json", metrics);
        r.settled = true;
    }

    private static void writeJson(Path file, JsonObject o) throws MocapIOException {
        String json = new GsonBuilder().setPrettyPrinting().create().toJson(o);
        ClipFiles.writeAtomically(file, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
    }
}
