package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.GoldenTensors;
import io.github.hourglassmocap.inference.lift.PoseLifter;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mocap bench lifter}: the shipped HoT model against its baseline in one run, with the same ONNX
 * Runtime options and interleaved repetitions; optionally PyTorch eager on the same weights and input
 * (training/bench_eager.py) for the ONNX-Runtime-Java/PyTorch ratio.
 */
@Command(name = "lifter", mixinStandardHelpOptions = true,
        description = "Time the HoT lifter against its baseline (ONNX Runtime Java, batch 1), optionally against PyTorch eager.")
public final class BenchLifterCommand implements Callable<Integer> {
    @Option(names = "--hot", description = "Model under test: .onnx or a shipped model by name, e.g. htnet (default: the shipped HoT).")
    Path hot;

    @Option(names = "--baseline", description = "Reference model: .onnx or a shipped model by name (default: the shipped baseline, mixste).")
    Path baseline;

    @Option(names = "--reps", defaultValue = "30", description = "Timed windows per model (default 30).")
    int reps;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed windows per model first (default 5).")
    int warmup;

    @Option(names = "--pytorch", paramLabel = "PYTHON",
            description = "Also time PyTorch eager with this Python (one with torch, e.g. /usr/bin/python3) via training/bench_eager.py.")
    String python;

    @Option(names = "--runs", paramLabel = "FOLDER",
            description = "Training runs searched by bench_eager.py for the trained models' checkpoints (default training/runs).")
    Path runs;

    @Mixin
    LifterRuntimeOptions runtime;

    /** Timing summary of one model. */
    record Timing(String name, int frames, int outputFrames, long flops, double medianMs, double meanMs, double minMs) {
    }

    @Override
    public Integer call() {
        if (reps < 1 || warmup < 0) {
            System.err.println("mocap bench lifter: --reps must be >= 1 and --warmup >= 0");
            return 1;
        }
        try {
            Path hotPath = LifterRuntimeOptions.resolveModel(hot, ShippedLifters.HOT);
            Path basePath = LifterRuntimeOptions.resolveModel(baseline, ShippedLifters.BASELINE);
            Timing th;
            Timing tb;
            double pairedRatio;
            String device;
            try (PoseLifter h = PoseLifter.open(hotPath, runtime.toOptions());
                    PoseLifter b = PoseLifter.open(basePath, runtime.toOptions())) {
                device = h.deviceDescription();
                parity(hotPath, h);
                parity(basePath, b);
                float[][][] inH = input(hotPath, h);
                float[][][] inB = h.frames() == b.frames() ? inH : input(basePath, b);
                for (int i = 0; i < warmup; i++) {
                    h.run(inH);
                    b.run(inB);
                }
                double[] msH = new double[reps];
                double[] msB = new double[reps];
                for (int r = 0; r < reps; r++) {
                    // Alternate which model goes first so neither always runs on a warmer cache.
                    if (r % 2 == 0) {
                        msH[r] = time(h, inH);
                        msB[r] = time(b, inB);
                    } else {
                        msB[r] = time(b, inB);
                        msH[r] = time(h, inH);
                    }
                }
                th = summary(h, msH);
                tb = summary(b, msB);
                double[] pairs = new double[reps];
                for (int r = 0; r < reps; r++) {
                    pairs[r] = msH[r] / msB[r];
                }
                Arrays.sort(pairs);
                pairedRatio = pairs[reps / 2];
            }
            System.out.println("ONNX Runtime Java, batch 1, " + device + ", " + reps + " interleaved windows each after "
                    + warmup + " warm-up (machine shared: figures are noisy)");
            System.out.println(String.format(Locale.ROOT, "%-22s %5s %10s %10s %10s %10s %10s %12s", "model", "F", "ms/win med",
                    "ms/win min", "ms/frame", "frames/s", "windows/s", "GFLOPs/win"));
            for (Timing t : List.of(th, tb)) {
                double perFrame = t.medianMs / t.outputFrames;
                System.out.println(String.format(Locale.ROOT, "%-22s %5d %10.2f %10.2f %10.3f %10.1f %10.1f %12s", t.name, t.frames,
                        t.medianMs, t.minMs, perFrame, 1000 / perFrame, 1000 / t.medianMs,
                        t.flops < 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", t.flops / 1e9)));
            }
            double ratio = th.medianMs / tb.medianMs;
            System.out.println(String.format(Locale.ROOT, "latency ratio " + th.name + "/" + tb.name + " (median ms per window): %.3f (HoT target <= 0.65);"
                    + " median of paired ratios %.3f; ratio of minimums %.3f", ratio, pairedRatio, th.minMs / tb.minMs));
            if (th.flops > 0 && tb.flops > 0) {
                System.out.println(String.format(Locale.ROOT, "FLOPs ratio " + th.name + "/" + tb.name + " (manifests): %.3f", (double) th.flops / tb.flops));
            }
            if (python != null) {
                pytorch(hotPath, basePath, th, tb);
            }
            System.out.println(String.format(Locale.ROOT, "HOT_MS=%.3f BASELINE_MS=%.3f RATIO=%.3f", th.medianMs, tb.medianMs, ratio));
            return 0;
        } catch (MocapException | IllegalArgumentException e) {
            System.err.println("mocap bench lifter: " + e.getMessage());
            return 1;
        }
    }

    private void pytorch(Path hotPath, Path basePath, Timing th, Timing tb) {
        Path script = Path.of(System.getProperty("mocap.home", "."), "training", "bench_eager.py");
        int threads = runtime.toOptions().threads();
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--models", hotPath.toString(), basePath.toString(),
                "--threads", Integer.toString(threads), "--reps", Integer.toString(reps), "--warmup", Integer.toString(warmup)));
        if (runs != null) {
            cmd.addAll(List.of("--runs", runs.toString()));
        }
        System.out.println("PyTorch eager (" + String.join(" ", cmd) + "), " + threads + " threads, run after the ONNX Runtime timings:");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    System.out.println("  " + line);
                }
            }
            if (p.waitFor() != 0) {
                System.out.println("  bench_eager.py failed (exit " + p.exitValue() + "); no PyTorch ratio");
                return;
            }
            for (String line : lines) {
                if (line.startsWith("EAGER_MS ")) {
                    String[] kv = line.substring(9).trim().split("\\s+");
                    for (String item : kv) {
                        String[] parts = item.split("=");
                        Timing t = parts[0].equals(hotPath.getFileName().toString()) ? th
                                : parts[0].equals(basePath.getFileName().toString()) ? tb : null;
                        if (t != null) {
                            double eager = Double.parseDouble(parts[1]);
                            System.out.println(String.format(Locale.ROOT,
                                    "%-22s ONNX Runtime Java %.2f ms vs PyTorch eager %.2f ms: Java/PyTorch %.3f (%.2fx faster; target >= 2x)",
                                    t.name, t.medianMs, eager, t.medianMs / eager, eager / t.medianMs));
                        }
                    }
                }
            }
        } catch (IOException e) {
            System.out.println("  could not run " + python + ": " + e.getMessage() + "; no PyTorch ratio");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints the largest difference from the exporter's golden outputs, over every golden case. */
    private static void parity(Path model, PoseLifter l) throws MocapException {
        float worst = 0;
        int cases = 0;
        for (String suffix : new String[] {".golden.json", ".golden-ties.json"}) {
            Path g = model.resolveSibling(model.getFileName().toString().replace(".onnx", suffix));
            if (!Files.isRegularFile(g)) {
                continue;
            }
            for (GoldenTensors.Case c : GoldenTensors.read(g, l.frames(), l.outputFrames())) {
                float[][][] y = l.run(c.input());
                for (int t = 0; t < y.length; t++) {
                    for (int j = 0; j < H36mJoints.COUNT; j++) {
                        for (int d = 0; d < 3; d++) {
                            worst = Math.max(worst, Math.abs(y[t][j][d] - c.output()[t][j][d]));
                        }
                    }
                }
                cases++;
            }
        }
        System.out.println(cases == 0 ? l.manifest().name() + ": no golden tensors"
                : String.format(Locale.ROOT, "%s: golden parity over %d cases, max |ORT Java - PyTorch| = %.2e m", l.manifest().name(), cases, worst));
    }

    private static double time(PoseLifter l, float[][][] in) throws MocapException {
        long t0 = System.nanoTime();
        l.run(in);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static Timing summary(PoseLifter l, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
        return new Timing(l.manifest().name(), l.frames(), l.outputFrames(), l.manifest().flopsPerWindow(), median,
                Arrays.stream(s).average().orElse(0), s[0]);
    }

    /** The model's golden input (a realistic projected window) when it has one, else a seeded random window. */
    private static float[][][] input(Path model, PoseLifter l) {
        Path golden = GoldenTensors.goldenPathFor(model);
        if (Files.isRegularFile(golden)) {
            try {
                return GoldenTensors.read(golden, l.frames(), l.outputFrames()).get(0).input();
            } catch (MocapException e) {
                System.err.println("ignoring " + golden + ": " + e.getMessage());
            }
        }
        Random rnd = new Random(42);
        float[][][] w = new float[l.frames()][H36mJoints.COUNT][2];
        for (float[][] f : w) {
            for (float[] j : f) {
                j[0] = rnd.nextFloat() - 0.5f;
                j[1] = rnd.nextFloat() - 0.5f;
            }
        }
        return w;
    }
}
