package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.model.ModelStore;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import io.github.hourglassmocap.inference.pose2d.PoseStreamRunner;
import io.github.hourglassmocap.inference.pose2d.PoseTracker;
import io.github.hourglassmocap.inference.pose2d.PoseTrackerOptions;
import io.github.hourglassmocap.inference.pose2d.SkeletonOverlay;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import io.github.hourglassmocap.inference.video.VideoWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mocap keypoints <video> --out kp.json [--model lite|full|heavy] [--overlay overlay.mp4]}: runs the
 * BlazePose 2D stage over a video and writes the keypoints file (docs/formats.md, "Keypoints").
 */
@Command(name = "keypoints", mixinStandardHelpOptions = true,
        description = "Find a person's 2D keypoints (BlazePose 33 + Human3.6M 17) in every frame of a video.")
public final class KeypointsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<video>", description = "The video file.")
    private Path video;

    @Option(names = "--out", required = true, paramLabel = "<kp.json>", description = "The keypoints file to write.")
    private Path out;

    @Option(names = "--model", defaultValue = "full", paramLabel = "lite|full|heavy",
            description = "The BlazePose landmark model (default: ${DEFAULT-VALUE}).")
    private String model;

    @Option(names = "--overlay", paramLabel = "<overlay.mp4>", description = "Also write the video with the skeleton drawn on it.")
    private Path overlay;

    @Option(names = "--threads", defaultValue = "1", description = "TFLite threads per model (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--smooth", description = "Smooth the 2D keypoints with a One Euro filter (off by default: the lifter wants raw keypoints).")
    private boolean smooth;

    @Override
    public Integer call() {
        PoseTrackerOptions options;
        try {
            options = PoseTrackerOptions.defaults().withModel(PoseModelFile.landmarkModel(model)).withThreads(threads).withSmoothing(smooth);
        } catch (IllegalArgumentException e) {
            System.err.println("mocap keypoints: " + e.getMessage());
            return 2;
        }
        try {
            run(options);
            return 0;
        } catch (MocapException e) {
            System.err.println("mocap keypoints: " + e.getMessage());
            return 1;
        }
    }

    private void run(PoseTrackerOptions options) throws MocapException {
        long t0 = System.nanoTime();
        try (VideoFileSource source = VideoFileSource.open(video);
             PoseTracker tracker = new PoseTracker(options, ModelStore.fromEnvironment())) {
            KeypointsFile.Writer writer = new KeypointsFile.Writer(out, new KeypointsFile.Header(source.describe(),
                    source.width(), source.height(), source.frameRateHz(), options.model().shortName()));
            VideoWriter ov = null;
            try {
                if (overlay != null) {
                    ov = VideoWriter.open(overlay, source.width(), source.height(), source.frameRateHz());
                }
                VideoWriter overlayWriter = ov;
                long[] counts = new long[2];
                PoseStreamRunner runner = new PoseStreamRunner(source, tracker, new PoseStreamRunner.Listener() {
                    @Override
                    public void onResult(Keypoints2D result, Frame frame) throws MocapException {
                        writer.write(result);
                        counts[0]++;
                        if (result.hasPerson()) {
                            counts[1]++;
                        }
                        if (overlayWriter != null) {
                            if (frame.width() == overlayWriter.width() && frame.height() == overlayWriter.height()) {
                                overlayWriter.write(SkeletonOverlay.draw(frame, result, 0.3f), frame.width() * 3);
                            }
                        }
                    }
                });
                runner.run();
                writer.close();
                if (ov != null) {
                    ov.close();
                }
                double s = (System.nanoTime() - t0) * 1e-9;
                System.out.printf("%s: %d frames, person in %d, %.1f s (%.1f fps), model %s -> %s%s%n", video, counts[0], counts[1], s,
                        counts[0] / s, options.model().shortName(), out, overlay != null ? " + " + overlay : "");
            } finally {
                writer.abort();
                if (ov != null) {
                    ov.abort();
                }
            }
        }
    }
}
