package io.github.hourglassmocap.plugin.bake;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.jme3.anim.AnimClip;
import com.jme3.asset.AssetManager;
import com.jme3.asset.DesktopAssetManager;
import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.MocapIOException;
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
import io.github.hourglassmocap.plugin.ClipFiles;
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
import java.util.concurrent.atomic.AtomicReference;
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
    private PreviewWriter previewWriter;

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

    /**
     * Renders preview.mp4 from the bake's outputs; set by callers that can render (needs a display).
     */
    public interface PreviewWriter {
        /**
         * Renders the preview.
         *
         * @param video the input video (not null)
         * @param keypoints the 2D results, one per frame (not null)
         * @param clipJ3o the baked character with its clip (not null)
         * @param out the preview file to write (not null)
         * @param progress hears the progress (not null)
         * @throws MocapException if rendering or writing failed
         */
        void write(Path video, List<Keypoints2D> keypoints, Path clipJ3o, Path out, BakeProgress progress)
                throws MocapException;
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
     * Bakes a video.
     *
     * @param video the input video (not null, an existing file FFmpeg can decode)
     * @param outDir the output folder (not null; created if missing; must be writable)
     * @return what was written
     * @throws MocapException if a stage failed: the message names the stage, the file and what to do
     */
    public BakeResult bake(Path video, Path outDir) throws MocapException {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(outDir, "outDir");
        checkWritable(outDir);
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();

        // Load and map the character first: a model that cannot be used fails before the long stages.
        AssetManager assets = new DesktopAssetManager(true);
        BuiltInCharacters.LoadedCharacter character = BuiltInCharacters.loadCharacter(assets, options.character());
        CharacterRig rig = new CharacterRig(io.github.hourglassmocap.plugin.Armatures.getArmature(character.model()),
                character.map());

        long t0 = System.nanoTime();
        Keypoints keypoints = keypoints(video);
        Path kpFile = outDir.resolve("keypoints.json");
        KeypointsFile.write(kpFile, keypoints.header, keypoints.frames);
        files.put("keypoints.json", kpFile);
        seconds.put("keypoints", (System.nanoTime() - t0) / 1e9);
        int withPerson = (int) keypoints.frames.stream().filter(Keypoints2D::hasPerson).count();
        if (withPerson == 0) {
            throw new DecodeException("no person found in any of the " + keypoints.frames.size() + " frames of "
                    + video + "; the video needs one person, whole body in view (wrote " + kpFile + ")");
        }

        long t1 = System.nanoTime();
        Pose3dSequence poses = lift(keypoints, kpFile);
        Path poseFile = outDir.resolve("pose3d.json");
        poses.write(poseFile);
        files.put("pose3d.json", poseFile);
        seconds.put("lift", (System.nanoTime() - t1) / 1e9);

        long t2 = System.nanoTime();
        progress.update("retarget", 0, poses.frames().size());
        RetargetOptions ro = RetargetOptions.defaults().withInPlace(options.inPlace());
        ClipBaking.Baked baked = ClipBaking.retarget(rig, poses, ro, CLIP_NAME);
        RetargetResult result = baked.result();
        AnimClip clip = baked.clip();
        progress.update("retarget", poses.frames().size(), poses.frames().size());
        seconds.put("retarget", (System.nanoTime() - t2) / 1e9);

        long t3 = System.nanoTime();
        Path j3o = outDir.resolve("clip.j3o");
        J3oExporter.export(character.model(), clip, j3o);
        files.put("clip.j3o", j3o);
        if (options.writeBvh()) {
            Path bvh = outDir.resolve("clip.bvh");
            ClipExports.writeBvh(character.model(), clip, result.getFrameRateHz(), bvh);
            files.put("clip.bvh", bvh);
        }
        if (options.writeGlb()) {
            Path glb = outDir.resolve("clip.glb");
            ClipExports.writeGlb(character.model(), clip, assets, glb);
            files.put("clip.glb", glb);
        }
        seconds.put("export", (System.nanoTime() - t3) / 1e9);

        double videoSeconds = keypoints.seconds();
        Path metricsFile = outDir.resolve("metrics.json");
        writeMetrics(metricsFile, video, character.name(), result, keypoints, withPerson, seconds, videoSeconds);
        files.put("metrics.json", metricsFile);

        if (options.writePreview()) {
            if (previewWriter == null) {
                LOG.warning("preview.mp4 skipped: no preview renderer was set");
            } else {
                long t4 = System.nanoTime();
                Path preview = outDir.resolve("preview.mp4");
                previewWriter.write(video, keypoints.frames, j3o, preview, progress);
                files.put("preview.mp4", preview);
                seconds.put("preview", (System.nanoTime() - t4) / 1e9);
                writeMetrics(metricsFile, video, character.name(), result, keypoints, withPerson, seconds,
                        videoSeconds);
            }
        }
        return new BakeResult(Collections.unmodifiableMap(files), keypoints.frames.size(), withPerson, videoSeconds,
                Collections.unmodifiableMap(seconds), result.getMetrics().getMeanErrorDegrees(),
                result.getMetrics().getP95ErrorDegrees());
    }

    private static void checkWritable(Path outDir) throws MocapIOException {
        try {
            Files.createDirectories(outDir);
            Path probe = Files.createTempFile(outDir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new MocapIOException("output folder " + outDir.toAbsolutePath() + " is not writable: " + e
                    + "; choose another --out folder", e);
        }
    }

    /** The 2D pass over the whole video. */
    static final class Keypoints {
        final KeypointsFile.Header header;
        final List<Keypoints2D> frames;
        /** What was wrong with the video (VideoFileSource's warning), or null when it decoded cleanly. */
        final String videoDamage;

        Keypoints(KeypointsFile.Header header, List<Keypoints2D> frames, String videoDamage) {
            this.header = header;
            this.frames = frames;
            this.videoDamage = videoDamage;
        }

        /** Seconds of video the frames cover, by their own timestamps (a variable frame rate included). */
        double seconds() {
            long first = frames.get(0).timestampNanos();
            long last = frames.get(frames.size() - 1).timestampNanos();
            return (last - first) / 1e9 + 1.0 / header.frameRateHz();
        }
    }

    Keypoints keypoints(Path video) throws MocapException {
        int width;
        int height;
        double fps;
        long expected;
        try (VideoFileSource probe = VideoFileSource.open(video)) {
            width = probe.width();
            height = probe.height();
            fps = probe.frameRateHz();
            expected = probe.expectedFrameCount();
        }
        List<Keypoints2D> frames = new ArrayList<>();
        AtomicReference<VideoFileSource> decoded = new AtomicReference<>();
        try (StreamingPipeline p = StreamingPipeline.builder(() -> {
            VideoFileSource source = VideoFileSource.open(video);
            decoded.set(source);
            return source;
        },
                TrackerStage.factory(options.pose2dModel(), options.pose2dThreads()))
                .mode(PipelineMode.RECORD).keepFrames(false).queueCapacity(4).resultCapacity(16).build()) {
            p.start();
            while (!p.isExhausted()) {
                PipelineResult r;
                try {
                    r = p.take(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MocapException("interrupted while finding keypoints in " + video, e);
                }
                if (r != null) {
                    frames.add(r.pose2d().landmarks());
                    progress.update("keypoints", frames.size(), expected > 0 ? expected : -1);
                }
            }
            if (p.failure() != null) {
                Exception f = p.failure();
                if (f instanceof MocapException me) {
                    throw me;
                }
                throw new MocapException("keypoints failed on " + video + " at frame " + frames.size() + ": " + f, f);
            }
        }
        if (frames.isEmpty()) {
            throw new DecodeException(video + " holds no frames");
        }
        VideoFileSource.Damage damage = decoded.get() == null ? null : decoded.get().findDamage();
        return new Keypoints(new KeypointsFile.Header(video.toString(), width, height, fps,
                options.pose2dModel().shortName()), frames, damage == null ? null : damage.message());
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

    private void writeMetrics(Path file, Path video, String character, RetargetResult result, Keypoints kp,
            int withPerson, Map<String, Double> seconds, double videoSeconds) throws MocapIOException {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("source", video.toString());
        extra.put("character", character);
        JsonObject o = result.getMetrics().toJson(extra);
        JsonObject bake = new JsonObject();
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
        o.add("bake", bake);
        String json = new GsonBuilder().setPrettyPrinting().create().toJson(o);
        ClipFiles.writeAtomically(file, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
        LOG.fine(() -> String.format(Locale.ROOT, "metrics written to %s", file));
    }
}
