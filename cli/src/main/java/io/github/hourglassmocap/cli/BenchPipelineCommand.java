package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.lift.ClipLifter;
import io.github.hourglassmocap.inference.lift.KeypointTrack;
import io.github.hourglassmocap.inference.lift.LiveLifter;
import io.github.hourglassmocap.inference.lift.PoseLifter;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.pipeline.PipelineMode;
import io.github.hourglassmocap.inference.pipeline.PipelineResult;
import io.github.hourglassmocap.inference.pipeline.PipelineStats;
import io.github.hourglassmocap.inference.pipeline.Pose2dSample;
import io.github.hourglassmocap.inference.pipeline.StreamingPipeline;
import io.github.hourglassmocap.inference.pipeline.TrackerStage;
import io.github.hourglassmocap.inference.video.ReplayAsLiveSource;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mocap bench pipeline}: end-to-end frames per second and per-stage shares of the pipeline, for baking
 * (every frame, as fast as possible, then the offline lifter) and for live use (the video replayed at its real
 * rate, streaming lifter, frames dropped when behind). Prints what it measured; never fails on a number.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Benchmark the whole pipeline on a video: bake mode and live mode.")
public final class BenchPipelineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "VIDEO", description = "The video to run on (one person in view).")
    Path video;

    @Option(names = "--model", defaultValue = "lite", description = "BlazePose model: lite (default), full or heavy.")
    String pose2dModel;

    @Option(names = "--pose2d-threads", defaultValue = "2", description = "2D model threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--lifter", description = "Lifter: a .onnx file (manifest beside it) or a shipped model by name"
            + " (hot, htnet, mixste, or a manifest name such as htnet-f27); default: the shipped HoT model.")
    Path lifterModel;

    @Option(names = "--lookahead", defaultValue = "0", description = "Live look-ahead in frames (default 0: causal).")
    int lookahead;

    @Option(names = "--stride", defaultValue = "1", description = "Live frames per lifter window run (default 1).")
    int stride;

    @Option(names = "--live-seconds", defaultValue = "0",
            description = "Stop live mode after this many seconds (default 0: the whole video).")
    double liveSeconds;

    @Option(names = "--mode", defaultValue = "both", description = "bake, live or both (default).")
    String mode;

    @Mixin
    LifterRuntimeOptions runtime;

    @Override
    public Integer call() {
        try {
            if (!Files.isRegularFile(video)) {
                System.err.println("mocap bench pipeline: video " + video + " not found");
                return 2;
            }
            if (!List.of("bake", "live", "both").contains(mode)) {
                throw new IllegalArgumentException("--mode '" + mode + "' unknown; expected one of [bake, live, both]");
            }
            PoseModelFile model = PoseModelFile.landmarkModel(pose2dModel);
            Path lifter = LifterRuntimeOptions.resolveModel(lifterModel, ShippedLifters.HOT);
            double fps;
            try (VideoFileSource probe = VideoFileSource.open(video)) {
                fps = probe.frameRateHz();
                System.out.printf(Locale.ROOT, "video %s: %dx%d, %.2f fps, %s; 2D model %s on %d threads; lifter %s;"
                        + " %d cores (shared machine: figures are noisy)%n", video, probe.width(), probe.height(), fps,
                        probe.codecName(), model.shortName(), threads, lifter.getFileName(),
                        Runtime.getRuntime().availableProcessors());
            }
            if (!mode.equals("live")) {
                bake(model, lifter, fps);
            }
            if (!mode.equals("bake")) {
                live(model, lifter);
            }
            return 0;
        } catch (MocapException | IllegalArgumentException e) {
            System.err.println("mocap bench pipeline: " + e.getMessage());
            return 1;
        }
    }

    private void bake(PoseModelFile model, Path lifter, double fps) throws MocapException {
        List<Pose2dSample> samples = new ArrayList<>();
        long t0 = System.nanoTime();
        PipelineStats st;
        try (StreamingPipeline p = StreamingPipeline.builder(() -> VideoFileSource.open(video),
                TrackerStage.factory(model, threads)).mode(PipelineMode.RECORD).keepFrames(false).queueCapacity(4)
                .build()) {
            p.start();
            firstNanos = 0;
            drain(p, samples, null);
            st = p.runStats();
            rethrow(p);
        }
        long passEnd = System.nanoTime();
        double decode2d = (passEnd - t0) / 1e9;
        double steady = (passEnd - firstNanos) / 1e9;
        int n = samples.size();
        long t1 = System.nanoTime();
        KeypointTrack track = track(samples, fps);
        try (PoseLifter l = PoseLifter.open(lifter, runtime.toOptions())) {
            new ClipLifter(ClipLifter.Mode.OFFLINE, 0, 0, false, 0).lift(track, l, l.manifest().name());
        }
        double lift = (System.nanoTime() - t1) / 1e9;
        double total = decode2d + lift;
        double videoSeconds = n / fps;
        System.out.printf(Locale.ROOT, "%nbake mode (every frame; decode and 2D on two threads, then the offline lifter):%n");
        System.out.printf(Locale.ROOT, "  frames %d (%.1f s of video), wall %.2f s: %.1f fps end to end, %.2fx real time%n",
                n, videoSeconds, total, n / total, videoSeconds / total);
        System.out.printf(Locale.ROOT, "  without model loading (first 2D result to the end of the lift): %.1f fps, %.2fx real"
                + " time%n", (n - 1) / (steady + lift), videoSeconds / (steady + lift));
        System.out.printf(Locale.ROOT, "  per frame: decode+copy %.1f ms, 2D %.1f ms (means over the run), offline lift %.1f ms%n",
                st.captureMs(), st.pose2dMs(), lift * 1000 / n);
        System.out.printf(Locale.ROOT, "  share of wall time: decode+2D pass %.0f%%, lift pass %.0f%%%n",
                100 * decode2d / total, 100 * lift / total);
        System.out.printf(Locale.ROOT, "  (retargeting and export add their own time; see mocap bake's summary)%n");
    }

    private void live(PoseModelFile model, Path lifter) throws MocapException {
        List<Pose2dSample> samples = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        List<Long> ownLatencies = new ArrayList<>();
        AtomicReference<ReplayAsLiveSource> source = new AtomicReference<>();
        long t0 = System.nanoTime();
        PipelineStats st;
        long sourceDrops;
        try (StreamingPipeline p = StreamingPipeline.builder(() -> {
            ReplayAsLiveSource s = new ReplayAsLiveSource(VideoFileSource.open(video));
            source.set(s);
            return s;
        }, TrackerStage.factory(model, threads))
                .lift(() -> LiveLifter.open(lifter, runtime.toOptions(), lookahead, stride))
                .mode(PipelineMode.LIVE).keepFrames(false).queueCapacity(2).build()) {
            p.start();
            long stopAt = liveSeconds > 0 ? t0 + (long) (liveSeconds * 1e9) : Long.MAX_VALUE;
            drainLive(p, samples, latencies, ownLatencies, stopAt);
            st = p.runStats();
            sourceDrops = source.get() == null ? 0 : source.get().droppedFrames();
            rethrow(p);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double mean = Arrays.stream(lat).average().orElse(0) / 1e6;
        double p95 = lat.length == 0 ? 0 : lat[(int) Math.min(lat.length - 1, Math.round(0.95 * (lat.length - 1)))] / 1e6;
        long[] own = ownLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double ownMean = Arrays.stream(own).average().orElse(0) / 1e6;
        double ownP95 = own.length == 0 ? 0 : own[(int) Math.min(own.length - 1, Math.round(0.95 * (own.length - 1)))] / 1e6;
        double work = st.pose2dMs() + st.liftMs();
        System.out.printf(Locale.ROOT, "%nlive mode (replayed at its real rate; look-ahead %d, stride %d; drops when behind):%n",
                lookahead, stride);
        System.out.printf(Locale.ROOT, "  poses %d in %.1f s: %.1f poses/s; frames grabbed %d, dropped %d in the pipeline"
                + " and %d late at the source%n", latencies.size(), wall, latencies.size() / wall, st.framesCaptured(),
                st.framesDropped(), sourceDrops);
        System.out.printf(Locale.ROOT, "  pipeline latency (grab of the newest frame the lifter used to its pose, excluding"
                + " look-ahead): mean %.1f ms, 95th percentile %.1f ms%n", mean, p95);
        System.out.printf(Locale.ROOT, "  latency of each frame's own pose (includes look-ahead %d and waiting for the next"
                + " window, stride %d): mean %.1f ms, 95th percentile %.1f ms%n", lookahead, stride, ownMean, ownP95);
        System.out.printf(Locale.ROOT, "  per frame: 2D %.1f ms (%.0f%%), lift %.1f ms (%.0f%%); grab %.1f ms (mostly waiting"
                + " for the next frame of a live source, not work)%n", st.pose2dMs(), 100 * st.pose2dMs() / work,
                st.liftMs(), 100 * st.liftMs() / work, st.captureMs());
    }

    private static long firstNanos;

    private static void drain(StreamingPipeline p, List<Pose2dSample> samples, List<Long> latencies)
            throws MocapException {
        while (!p.isExhausted()) {
            PipelineResult r;
            try {
                r = p.take(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MocapException("interrupted", e);
            }
            if (r != null) {
                if (samples.isEmpty()) {
                    firstNanos = System.nanoTime();
                }
                samples.add(r.pose2d());
            }
        }
    }

    private static void drainLive(StreamingPipeline p, List<Pose2dSample> samples, List<Long> latencies,
            List<Long> ownLatencies, long stopAt)
            throws MocapException {
        while (!p.isExhausted() && System.nanoTime() < stopAt) {
            PipelineResult r;
            try {
                r = p.take(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MocapException("interrupted", e);
            }
            if (r != null) {
                samples.add(r.pose2d());
                latencies.add(r.processingLatencyNanos());
                ownLatencies.add(r.doneNanos() - r.captureNanos());
            }
        }
    }

    private static void rethrow(StreamingPipeline p) throws MocapException {
        Exception f = p.failure();
        if (f instanceof MocapException me) {
            throw me;
        }
        if (f != null) {
            throw new MocapException("pipeline failed: " + f, f);
        }
    }

    private KeypointTrack track(List<Pose2dSample> samples, double fps) {
        int t = samples.size();
        long[] ts = new long[t];
        boolean[] person = new boolean[t];
        float[][][] joints = new float[t][H36mJoints.COUNT][3];
        for (int i = 0; i < t; i++) {
            Pose2dSample s = samples.get(i);
            ts[i] = s.timestampNanos();
            person[i] = s.hasPerson();
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                for (int d = 0; d < 3; d++) {
                    joints[i][j][d] = s.hasPerson() ? s.get(j, d) : Float.NaN;
                }
            }
        }
        Pose2dSample first = samples.get(0);
        return new KeypointTrack(video.toString(), first.width(), first.height(), fps, (int) first.frameIndex(), ts,
                person, joints);
    }
}
