package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.ClipLifter;
import io.github.hourglassmocap.inference.lift.LifterEvaluator;
import io.github.hourglassmocap.inference.lift.PoseLifter;
import io.github.hourglassmocap.inference.lift.PoseMetrics;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import io.github.hourglassmocap.retarget.internal.dataset.BvhTake17;
import io.github.hourglassmocap.retarget.internal.dataset.Take17;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mocap eval-lifter}: films BVH takes with seeded random cameras drawn as in training, lifts the
 * projected 2D and prints per-joint and mean MPJPE and PA-MPJPE in millimetres; the last line is
 * {@code MPJPE_mm=<x> PA_MPJPE_mm=<y>}. With {@code --sweep} it also measures streaming look-aheads.
 */
@Command(name = "eval-lifter", mixinStandardHelpOptions = true,
        description = "Evaluate a lifter on BVH takes filmed by random cameras (as in training): MPJPE and PA-MPJPE in mm.")
public final class EvalLifterCommand implements Callable<Integer> {
    /** The rate the lifters work at (the training dataset's rate). */
    static final double FRAME_RATE_HZ = 30.0;

    @Parameters(arity = "1..*", paramLabel = "BVH", description = "BVH files or folders (searched recursively for *.bvh).")
    List<Path> inputs;

    @Option(names = "--model", description = "Lifter .onnx or a shipped model by name (hot, htnet, mixste, mlp); default: the shipped HoT model.")
    Path model;

    @Option(names = "--noise", defaultValue = "none", description = "2D noise: none (default) or detector (as in training).")
    String noise;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the cameras and noise (default 1).")
    long seed;

    @Option(names = "--mode", defaultValue = "offline", description = "offline (default) or streaming.")
    String mode;

    @Option(names = "--lookahead", defaultValue = "8", description = "Streaming look-ahead in frames (default 8).")
    int lookahead;

    @Option(names = "--stride", defaultValue = "0", description = "Frames between window runs (default: F/3 offline, 1 streaming).")
    int stride;

    @Option(names = "--flip", description = "Flip test-time augmentation.")
    boolean flip;

    @Option(names = "--keep-side-swaps", description = "Lift the 2D as labelled, without undoing brief left/right swaps (SideSwaps; to measure what undoing them is worth).")
    boolean keepSideSwaps;

    @Option(names = "--segment", defaultValue = "300", description = "Frames per camera (default 300 = 10 s).")
    int segment;

    @Option(names = "--max-frames", defaultValue = "0", description = "Use at most this many frames of each take (0 = all).")
    int maxFrames;

    @Option(names = "--sweep", description = "Also measure streaming at look-aheads 0, 4, 8, 16, F/2 and each --sweep-strides.")
    boolean sweep;

    @Option(names = "--sweep-strides", defaultValue = "1,4", split = ",", description = "Strides for --sweep (default 1,4).")
    List<Integer> sweepStrides;

    @Mixin
    LifterRuntimeOptions runtime;

    @Override
    public Integer call() {
        try {
            boolean detector = switch (noise.toLowerCase(Locale.ROOT)) {
                case "none" -> false;
                case "detector" -> true;
                default -> throw new IllegalArgumentException("unknown noise '" + noise + "'; expected one of [none, detector]");
            };
            ClipLifter.Mode m = ClipLifter.Mode.parse(mode);
            List<Path> files = bvhFiles(inputs);
            List<float[][][]> takes = new ArrayList<>();
            long total = 0;
            for (Path f : files) {
                Take17 take = BvhTake17.load(f, FRAME_RATE_HZ);
                int n = maxFrames > 0 ? Math.min(maxFrames, take.frames()) : take.frames();
                if (n == 0) {
                    System.out.println("skipping " + f + ": no frames");
                    continue;
                }
                float[][][] w = new float[n][H36mJoints.COUNT][3];
                for (int t = 0; t < n; t++) {
                    for (int j = 0; j < H36mJoints.COUNT; j++) {
                        for (int k = 0; k < 3; k++) {
                            w[t][j][k] = take.get(t, j, k);
                        }
                    }
                }
                takes.add(w);
                total += n;
            }
            if (takes.isEmpty()) {
                throw new IllegalArgumentException("no BVH frames to evaluate in " + inputs);
            }
            Path modelPath = LifterRuntimeOptions.resolveModel(model, ShippedLifters.HOT);
            try (PoseLifter lifter = PoseLifter.open(modelPath, runtime.toOptions())) {
                int f = lifter.frames();
                System.out.printf(Locale.ROOT, "%s (F=%d) on %s; %d takes, %d frames at %.0f fps; cameras: seed %d, one per %d frames;"
                        + " 2D noise: %s%n", lifter.manifest().name(), f, lifter.deviceDescription(), takes.size(), total,
                        FRAME_RATE_HZ, seed, segment, detector ? "detector" : "none");
                int mainLookahead = m == ClipLifter.Mode.OFFLINE ? 0 : lookahead;
                LifterEvaluator main = evaluate(lifter, takes, clipLifter(m, mainLookahead, stride), detector);
                PoseMetrics pm = main.metrics();
                System.out.printf(Locale.ROOT, "%-12s %10s %12s%n", "joint", "MPJPE mm", "PA-MPJPE mm");
                for (int j = 0; j < H36mJoints.COUNT; j++) {
                    System.out.printf(Locale.ROOT, "%-12s %10.1f %12.1f%n", H36mJoints.name(j), 1000 * pm.jointError(j, false),
                            1000 * pm.jointError(j, true));
                }
                System.out.printf(Locale.ROOT, "%-12s %10.1f %12.1f   (%s%s, %d windows, %.2f ms/window; MPJVE %.2f mm/frame)%n", "mean",
                        1000 * pm.mean(false), 1000 * pm.mean(true), m.name().toLowerCase(Locale.ROOT),
                        m == ClipLifter.Mode.STREAMING ? " L=" + lookahead : "", main.windows(), main.msPerWindow(),
                        1000 * pm.meanVelocityError());
                if (sweep) {
                    sweep(lifter, takes, detector, f);
                }
                System.out.printf(Locale.ROOT, "MPJPE_mm=%.1f PA_MPJPE_mm=%.1f%n", 1000 * pm.mean(false), 1000 * pm.mean(true));
            }
            return 0;
        } catch (MocapException | IllegalArgumentException e) {
            System.err.println("mocap eval-lifter: " + e.getMessage());
            return 1;
        }
    }

    private LifterEvaluator evaluate(PoseLifter lifter, List<float[][][]> takes, ClipLifter how, boolean detector)
            throws MocapException {
        LifterEvaluator e = new LifterEvaluator(lifter, how, detector, seed, segment);
        for (float[][][] t : takes) {
            e.add(t);
        }
        return e;
    }

    private void sweep(PoseLifter lifter, List<float[][][]> takes, boolean detector, int f) throws MocapException {
        System.out.println("streaming sweep (same cameras and noise); added latency at 30 fps = look-ahead L/30 s"
                + " + mean wait for the next window (s-1)/2/30 s + one window's compute:");
        System.out.printf(Locale.ROOT, "%-10s %3s %3s %9s %12s %9s %11s %12s %13s %12s%n", "mode", "L", "s", "MPJPE mm", "PA-MPJPE mm",
                "MPJVE mm", "ms/window", "windows/s", "latency ms", "worst ms");
        LifterEvaluator off = evaluate(lifter, takes, clipLifter(ClipLifter.Mode.OFFLINE, 0, stride), detector);
        System.out.printf(Locale.ROOT, "%-10s %3s %3s %9.1f %12.1f %9.2f %11.2f %12s %13s %12s%n", "offline", "-", "-",
                1000 * off.metrics().mean(false), 1000 * off.metrics().mean(true), 1000 * off.metrics().meanVelocityError(),
                off.msPerWindow(), "-", "whole clip", "-");
        List<Integer> ls = new ArrayList<>(List.of(0, 4, 8, 16, f / 2));
        ls.removeIf(l -> l > f - 1);
        List<Integer> distinct = ls.stream().distinct().sorted().toList();
        boolean seq2seq = lifter.outputFrames() != 1;
        for (int l : distinct) {
            for (int s : sweepStrides) {
                if (s < 1 || (seq2seq ? s > f - l : s != 1) || (!seq2seq && l > f - 1 - f / 2)) {
                    continue;
                }
                LifterEvaluator e = evaluate(lifter, takes, clipLifter(ClipLifter.Mode.STREAMING, l, s), detector);
                double ms = e.msPerWindow();
                double mean = 1000.0 * l / FRAME_RATE_HZ + 1000.0 * (s - 1) / 2 / FRAME_RATE_HZ + ms;
                double worst = 1000.0 * (l + s - 1) / FRAME_RATE_HZ + ms;
                System.out.printf(Locale.ROOT, "%-10s %3d %3d %9.1f %12.1f %9.2f %11.2f %12.1f %13.1f %12.1f%n", "streaming", l, s,
                        1000 * e.metrics().mean(false), 1000 * e.metrics().mean(true), 1000 * e.metrics().meanVelocityError(), ms,
                        FRAME_RATE_HZ / s, mean, worst);
            }
        }
    }

    /** Expands folders into their *.bvh files (recursively, sorted); files are taken as they are. */
    static List<Path> bvhFiles(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(x -> Files.isRegularFile(x) && x.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bvh"))
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list " + p + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IllegalArgumentException("BVH input " + p + " does not exist; expected a .bvh file or a folder");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no .bvh files in " + inputs);
        }
        return out;
    }

    /** The clip lifter of one evaluation, with this command's flip and side-swap options. */
    private ClipLifter clipLifter(ClipLifter.Mode mode, int lookahead, int stride) {
        return new ClipLifter(mode, lookahead, stride, flip, 0).undoSideSwaps(!keepSideSwaps);
    }

}
