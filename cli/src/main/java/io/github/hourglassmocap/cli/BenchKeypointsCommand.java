package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.model.ModelStore;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.pose2d.PoseTracker;
import io.github.hourglassmocap.inference.pose2d.PoseTrackerOptions;
import io.github.hourglassmocap.inference.pose2d.StageTimes;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mocap bench keypoints <video>}: times the 2D stage per model, stage by stage, in one run: decode,
 * detect, crop/warp, model invoke, post-processing, and end-to-end frames per second (decode and tracking
 * in sequence on one thread). Prints; never fails on a number.
 */
@Command(name = "keypoints", mixinStandardHelpOptions = true,
        description = "Time the BlazePose 2D stage on a video, per model and per stage.")
public final class BenchKeypointsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<video>", description = "The video file (720p for the reference figures).")
    private Path video;

    @Option(names = "--models", split = ",", defaultValue = "lite,full,heavy", description = "Models to time (default: ${DEFAULT-VALUE}).")
    private List<String> models;

    @Option(names = "--frames", defaultValue = "300", description = "Frames to time per model after the warm-up (default: ${DEFAULT-VALUE}).")
    private int frames;

    @Option(names = "--warmup", defaultValue = "10", description = "Frames processed first and not counted (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--threads", defaultValue = "1", description = "TFLite threads per model (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Override
    public Integer call() {
        List<PoseModelFile> chosen = new ArrayList<>();
        try {
            for (String m : models) {
                chosen.add(PoseModelFile.landmarkModel(m.trim()));
            }
            if (frames < 1 || warmup < 0) {
                throw new IllegalArgumentException("--frames must be >= 1 and --warmup >= 0");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("mocap bench keypoints: " + e.getMessage());
            return 2;
        }
        System.out.printf("video %s, %d thread(s), %d warm-up + up to %d timed frames per model; ms per frame (mean)%n", video, threads, warmup, frames);
        System.out.printf("%-6s %7s %8s %8s %8s %8s %8s %8s %8s %7s %9s %9s%n", "model", "frames", "decode", "detect", "det.inv",
                "warp", "invoke", "post", "track", "fps", "outside%", "+decode%");
        try {
            for (PoseModelFile m : chosen) {
                bench(m);
            }
        } catch (MocapException e) {
            System.err.println("mocap bench keypoints: " + e.getMessage());
            return 1;
        }
        System.out.println("detect = detector letterbox + invoke + decode, averaged over all frames (it runs only when tracking is lost;"
                + " det.inv is its invoke part); warp = landmark crop; invoke = landmark model; post = landmark decoding, joints, bookkeeping;"
                + " track = whole PoseTracker.process; fps = 1000 / (decode + track);"
                + " outside% = (track - both invokes) / both invokes; +decode% adds decode to the numerator.");
        return 0;
    }

    private void bench(PoseModelFile m) throws MocapException {
        PoseTrackerOptions o = PoseTrackerOptions.defaults().withModel(m).withThreads(threads);
        double decode = 0;
        double detect = 0;
        double detInvoke = 0;
        double warp = 0;
        double invoke = 0;
        double post = 0;
        double track = 0;
        int n = 0;
        int detections = 0;
        try (VideoFileSource source = VideoFileSource.open(video, true);
             PoseTracker tracker = new PoseTracker(o, ModelStore.fromEnvironment())) {
            int seen = 0;
            while (n < frames) {
                long t0 = System.nanoTime();
                Frame f = source.grab();
                long t1 = System.nanoTime();
                if (f == null) {
                    break;
                }
                tracker.process(f);
                StageTimes s = tracker.lastTimes();
                if (seen++ < warmup) {
                    continue;
                }
                n++;
                decode += t1 - t0;
                detect += s.detectWarpNanos() + s.detectInvokeNanos() + s.detectDecodeNanos();
                detInvoke += s.detectInvokeNanos();
                warp += s.cropWarpNanos();
                invoke += s.landmarkInvokeNanos();
                post += s.postNanos();
                track += s.totalNanos();
                detections += s.detectorRuns();
            }
            if (n == 0) {
                System.out.printf("%-6s the video has no frames after the %d warm-up frames%n", m.shortName(), warmup);
                return;
            }
        }
        double k = 1e-6 / n;
        double invokes = invoke + detInvoke;
        System.out.printf("%-6s %7d %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %7.1f %8.0f%% %8.0f%%   (detector ran on %d frames)%n",
                m.shortName(), n, decode * k, detect * k, detInvoke * k, warp * k, invoke * k, post * k, track * k,
                1000 / ((decode + track) * k), 100 * (track - invokes) / invokes, 100 * (track - invokes + decode) / invokes, detections);
    }
}
