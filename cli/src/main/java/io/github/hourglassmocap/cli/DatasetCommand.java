package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.retarget.internal.dataset.DatasetBuilder;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mocap dataset}: converts BVH takes into the lifter's training set (17 joints, metres, one rate).
 */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Convert BVH takes (files or folders, searched recursively) into the lifter's training set: "
                + "manifest.json + takes/*.npy float32 [frames,17,3], metres, resampled by rotation interpolation.")
public final class DatasetCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "BVH", description = "BVH files or folders holding them.")
    private List<Path> inputs;

    @Option(names = "--fps", defaultValue = "30", description = "Output frame rate in Hz (default ${DEFAULT-VALUE}).")
    private double fps;

    @Option(names = "--out", required = true, description = "Dataset folder to create (replaced atomically if it exists).")
    private Path out;

    @Option(names = "--threads", description = "Worker threads (default: min(2, cores)).")
    private Integer threads;

    @Option(names = "--map", description = "Humanoid mapping file (JSON, docs/formats.md) applied to every take's "
            + "automatic map.")
    private Path mapFile;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!(fps > 0) || !Double.isFinite(fps)) {
            err.println("dataset: --fps must be a positive number, got " + fps);
            return 2;
        }
        int t = threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
        if (t < 1) {
            err.println("dataset: --threads must be >= 1, got " + t);
            return 2;
        }
        long start = System.nanoTime();
        List<DatasetBuilder.Entry> entries;
        try {
            Map<HumanoidBone, String> overrides = mapFile == null ? null : HumanoidMapFile.read(mapFile);
            entries = new DatasetBuilder(fps, t, overrides).build(inputs, out);
        } catch (MocapException e) {
            err.println("dataset: " + e.getMessage() + " (nothing was written)");
            return 1;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long frames = entries.stream().mapToLong(DatasetBuilder.Entry::frames).sum();
        spec.commandLine().getOut().printf(Locale.ROOT,
                "wrote %d takes, %d frames (%.1f min at %.0f fps) to %s in %.1f s (%d threads)%n",
                entries.size(), frames, frames / fps / 60, fps, out, seconds, t);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
