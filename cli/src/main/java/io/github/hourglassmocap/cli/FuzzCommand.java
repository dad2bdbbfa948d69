package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.retarget.internal.fuzz.InputFuzzer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mocap fuzz}: the seeded fuzz harness over the input readers (BVH, keypoints, 3D poses, humanoid mapping
 * files, lifter manifests), for longer runs than the test suite's.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz the input readers (BVH and its 17-joint conversion, keypoints JSON, pose3d JSON, humanoid "
                + "mapping file, lifter manifest) with seeded mutations; report clean errors, sane inputs and anything "
                + "else (exit 1 if any). Failing inputs are kept under <work>/failures.")
public final class FuzzCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "60", description = "How long to run (default ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--seed", defaultValue = "1", description = "The run's seed (default ${DEFAULT-VALUE}); a seed and a "
            + "case number reproduce a case.")
    private long seed;

    @Option(names = "--cases", defaultValue = "100000000", description = "Stop after this many cases (default: time only).")
    private long cases;

    @Option(names = "--seeds", description = "Extra seed files or folders: *.bvh files, and JSON files named *keypoints*, "
            + "*pose3d*, *map*, or lifter manifests (any other *.json). Default: the built-in generated seeds plus the "
            + "BVH test excerpts of the source tree when present.")
    private List<Path> seedPaths;

    @Option(names = "--work", description = "Folder for the case files and failures/ (default: a new temporary folder).")
    private Path work;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(seconds > 0) || !Double.isFinite(seconds) || cases < 1) {
            err.println("fuzz: --seconds must be > 0 and --cases >= 1");
            return 2;
        }
        try {
            List<InputFuzzer.Seed> seeds = new ArrayList<>(InputFuzzer.builtInSeeds());
            List<Path> extra = new ArrayList<>();
            if (seedPaths != null) {
                extra.addAll(seedPaths);
            } else {
                Path excerpts = Path.of(System.getProperty("mocap.home", "."), "retarget", "src", "test", "resources", "bvh");
                if (Files.isDirectory(excerpts)) {
                    extra.add(excerpts);
                }
            }
            for (Path p : extra) {
                addSeeds(p, seeds);
            }
            Path dir = work != null ? work : Files.createTempDirectory("mocap-fuzz-");
            out.printf(Locale.ROOT, "fuzz: %d seeds, seed %d, up to %.0f s; work folder %s%n", seeds.size(), seed, seconds, dir);
            out.flush();
            InputFuzzer.Report r = new InputFuzzer(seed, dir).run(seeds, cases, seconds);
            out.println(r.summary());
            out.flush();
            return r.other() == 0 ? 0 : 1;
        } catch (IOException e) {
            err.println("fuzz: " + e.getMessage());
            return 1;
        } catch (MocapException e) {
            err.println("fuzz: " + e.getMessage());
            return 1;
        }
    }

    private static void addSeeds(Path p, List<InputFuzzer.Seed> seeds) throws IOException {
        List<Path> files;
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
        } else if (Files.isRegularFile(p)) {
            files = List.of(p);
        } else {
            throw new IOException("seed " + p + " does not exist");
        }
        for (Path f : files) {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            InputFuzzer.Format format;
            if (name.endsWith(".bvh")) {
                format = InputFuzzer.Format.BVH;
            } else if (!name.endsWith(".json")) {
                continue;
            } else if (name.contains("keypoints") || name.startsWith("kp")) {
                format = InputFuzzer.Format.KEYPOINTS;
            } else if (name.contains("pose3d")) {
                format = InputFuzzer.Format.POSE3D;
            } else if (name.contains("map")) {
                format = InputFuzzer.Format.HUMANOID_MAP;
            } else {
                format = InputFuzzer.Format.LIFTER_MANIFEST;
            }
            seeds.add(new InputFuzzer.Seed(format, f.getFileName().toString(), Files.readAllBytes(f)));
        }
    }
}
