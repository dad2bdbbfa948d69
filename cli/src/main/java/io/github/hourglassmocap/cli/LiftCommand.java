package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.lift.ClipLifter;
import io.github.hourglassmocap.inference.lift.KeypointTrack;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.inference.lift.PoseLifter;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mocap lift}: 2D keypoints file in, 3D poses file out (docs/lifter.md).
 */
@Command(name = "lift", mixinStandardHelpOptions = true,
        description = "Lift a keypoints file (from 'mocap keypoints') to 3D poses with the HoT lifter.")
public final class LiftCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KEYPOINTS", description = "The keypoints JSON file.")
    Path keypoints;

    @Option(names = "--out", required = true, description = "The 3D poses JSON file to write.")
    Path out;

    @Option(names = "--mode", defaultValue = "offline",
            description = "offline (default: whole clip, best) or streaming (as a live stream would see it).")
    String mode;

    @Option(names = "--lookahead", defaultValue = "8", description = "Streaming look-ahead in frames (0 = causal; default 8).")
    int lookahead;

    @Option(names = "--stride", defaultValue = "0",
            description = "Frames between window runs (default: F/3 offline, 1 streaming).")
    int stride;

    @Option(names = "--model", description = "Lifter: a .onnx file (its manifest .json next to it) or a shipped model by name"
            + " (hot, htnet, mixste, mlp, or a manifest name such as htnet-f27); default: the shipped HoT model"
            + " (hot-live-f27, trained for the newest frame and on BlazePose's own 2D, when streaming).")
    Path model;

    @Option(names = "--flip", description = "Average with the mirrored input (twice the cost, slightly better).")
    boolean flip;

    @Option(names = "--keep-side-swaps", description = "Lift the 2D as labelled: do not undo the 2D model's brief left/right swaps (docs/lifter.md).")
    boolean keepSideSwaps;

    @Option(names = "--focal", defaultValue = "0",
            description = "Camera focal length in pixels for the root path (default: 0.866 x width, a 60 degree field of view).")
    double focal;

    @Mixin
    LifterRuntimeOptions runtime;

    @Override
    public Integer call() {
        try {
            ClipLifter.Mode m = ClipLifter.Mode.parse(mode);
            StaleTemporaries.remove(out);
            KeypointTrack track = KeypointTrack.read(keypoints);
            Path modelPath = model != null ? LifterRuntimeOptions.resolveModel(model, ShippedLifters.HOT)
                    : ShippedLifters.resolve(m == ClipLifter.Mode.STREAMING ? ShippedLifters.streamingDefault(lookahead)
                    : ShippedLifters.HOT);
            try (PoseLifter lifter = PoseLifter.open(modelPath, runtime.toOptions())) {
                long t0 = System.nanoTime();
                Pose3dSequence seq = new ClipLifter(m, m == ClipLifter.Mode.OFFLINE ? 0 : lookahead, stride, flip, focal)
                        .undoSideSwaps(!keepSideSwaps).lift(track, lifter, lifter.manifest().name());
                double ms = (System.nanoTime() - t0) / 1e6;
                seq.write(out);
                long valid = seq.frames().stream().filter(Pose3dSequence.Frame::valid).count();
                long interp = seq.frames().stream().filter(Pose3dSequence.Frame::interpolated).count();
                System.out.printf(Locale.ROOT, "lifted %d frames (%d valid, %d interpolated) with %s on %s, %s mode%s, in %.0f ms"
                        + " (%.2f ms/frame); wrote %s%n", seq.frames().size(), valid, interp, lifter.manifest().name(),
                        lifter.deviceDescription(), seq.mode(), m == ClipLifter.Mode.STREAMING ? " (look-ahead " + lookahead + ")" : "",
                        ms, ms / seq.frames().size(), out);
            }
            return 0;
        } catch (MocapException | IllegalArgumentException e) {
            System.err.println("mocap lift: " + e.getMessage());
            return 1;
        }
    }
}
