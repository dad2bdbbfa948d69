package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.RunId;
import io.github.hourglassmocap.inference.model.ModelStore;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import io.github.hourglassmocap.inference.pose2d.PoseStreamRunner;
import io.github.hourglassmocap.inference.pose2d.PoseTracker;
import io.github.hourglassmocap.inference.pose2d.PoseTrackerOptions;
import io.github.hourglassmocap.inference.pose2d.SkeletonOverlay;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.FrameSource;
import io.github.hourglassmocap.inference.video.FrameSourceOptions;
import io.github.hourglassmocap.inference.video.FrameSources;
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
    @Parameters(index = "0", paramLabel = "<video>",
            description = "A video file, an image folder, webcam:N or /dev/videoN (a live source: stop it with --frames).")
    private String video;

    @Option(names = "--live", description = "Replay a file or folder at its real frame rate, as a live source would deliver it.")
    private boolean live;

    @Option(names = "--frames", defaultValue = "0", description = "Stop after this many frames (0: the whole source).")
    private long maxFrames;

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
        if (maxFrames < 0) {
            System.err.println("mocap keypoints: --frames " + maxFrames + " must be >= 0");
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
        StaleTemporaries.remove(out, overlay);
        String runId = RunId.next();
        // the models load first, so that a live source does not start its clock while they load
        try (PoseTracker tracker = new PoseTracker(options, ModelStore.fromEnvironment());
             FrameSource source = FrameSources.open(video, FrameSourceOptions.defaults().withLive(live))) {
            Outputs outputs = new Outputs(source, options, runId);
            StopSignal stop = StopSignal.install("keypoints", STOP_GRACE_MILLIS, outputs::requestStop,
                    outputs::finishIncomplete);
            try {
                PoseStreamRunner runner = new PoseStreamRunner(source, tracker, outputs);
                outputs.runner = runner;
                runner.run();
                if (stop.isStopping()) {
                    outputs.finishIncomplete();
                    return;
                }
                if (outputs.writer == null) {
                    throw new DecodeException(source.describe() + " delivered no frames; nothing written to " + out);
                }
                outputs.writer.close();
                if (outputs.overlayWriter != null) {
                    outputs.overlayWriter.close();
                }
                double s = (System.nanoTime() - t0) * 1e-9;
                System.out.printf("%s: %d frames, person in %d, %.1f s (%.1f fps), model %s -> %s%s%n", video, outputs.frames,
                        outputs.withPerson, s, outputs.frames / s, options.model().shortName(), out, overlay != null ? " + " + overlay : "");
            } finally {
                if (stop.isStopping()) {
                    outputs.finishIncomplete();
                } else {
                    outputs.abort();
                }
                stop.close();
            }
        }
    }

    /** How long a stop signal waits for the current frame before the files are finished from the hook. */
    private static final long STOP_GRACE_MILLIS = 5000;

    /**
     * Writes each result as it arrives; the files are opened on the first frame, whose size they take. Synchronised:
     * a stop signal may finish the files from the shutdown hook's thread.
     */
    private final class Outputs implements PoseStreamRunner.Listener {
        private final FrameSource source;
        private final PoseTrackerOptions options;
        private final String runId;
        private KeypointsFile.Writer writer;
        private VideoWriter overlayWriter;
        private long frames;
        private long withPerson;
        private volatile PoseStreamRunner runner;
        private volatile boolean stopRequested;

        Outputs(FrameSource source, PoseTrackerOptions options, String runId) {
            this.source = source;
            this.options = options;
            this.runId = runId;
        }

        @Override
        public synchronized void onResult(Keypoints2D result, Frame frame) throws MocapException {
            if (writer != null && writer.isFinished()) {
                return; // finished by a stop signal
            }
            if (writer == null) {
                writer = new KeypointsFile.Writer(out, new KeypointsFile.Header(source.describe(), frame.width(), frame.height(),
                        source.frameRateHz(), options.model().shortName()), runId);
                if (overlay != null) {
                    overlayWriter = VideoWriter.open(overlay, frame.width(), frame.height(), source.frameRateHz());
                }
            }
            writer.write(result);
            frames++;
            if (result.hasPerson()) {
                withPerson++;
            }
            if (overlayWriter != null && frame.width() == overlayWriter.width() && frame.height() == overlayWriter.height()) {
                overlayWriter.write(SkeletonOverlay.draw(frame, result, 0.3f), frame.width() * 3);
            }
            if (stopRequested || (maxFrames > 0 && frames >= maxFrames)) {
                runner.close(); // stops after this frame
            }
        }

        /** Asks the run to stop after the current frame (any thread). */
        void requestStop() {
            stopRequested = true;
            PoseStreamRunner r = runner;
            if (r != null) {
                r.close();
            }
        }

        /** Finishes the files with the frames so far, marked incomplete (any thread; idempotent). */
        synchronized void finishIncomplete() {
            if (writer == null || writer.isFinished()) {
                return;
            }
            String reason = "interrupted (Ctrl+C or SIGTERM) after " + frames + " frames";
            try {
                writer.closeIncomplete(reason);
                System.err.println("mocap keypoints: " + reason + "; kept them in " + out + " (marked \"complete\": false)");
            } catch (MocapIOException e) {
                System.err.println("mocap keypoints: could not keep the frames captured so far: " + e.getMessage());
            }
            if (overlayWriter != null) {
                try {
                    overlayWriter.close();
                } catch (MocapIOException e) {
                    overlayWriter.abort();
                    System.err.println("mocap keypoints: could not finish the overlay video: " + e.getMessage());
                }
            }
        }

        synchronized void abort() {
            if (writer != null) {
                writer.abort();
            }
            if (overlayWriter != null) {
                overlayWriter.abort();
            }
        }
    }
}
