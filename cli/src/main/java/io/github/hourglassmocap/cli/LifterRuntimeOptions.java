package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.lift.LifterOptions;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The lifter runtime options shared by {@code lift}, {@code eval-lifter} and {@code bench lifter}:
 * device, fallback, CPU threads.
 */
public final class LifterRuntimeOptions {
    @Option(names = "--device", defaultValue = "cpu", description = "cpu (default) or cuda (needs a build with -Pcuda).")
    String device;

    @Option(names = "--fallback", defaultValue = "fail",
            description = "When --device cuda is unavailable: fail (default, stop with a message) or cpu (warn and run on the CPU).")
    String fallback;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime CPU threads (default: min(4, cores)).")
    int threads;

    /**
     * Builds the runtime options.
     *
     * @return new options
     */
    public LifterOptions toOptions() {
        LifterOptions o = LifterOptions.defaults().withDevice(LifterOptions.Device.parse(device))
                .withFallback(LifterOptions.Fallback.parse(fallback));
        return threads > 0 ? o.withThreads(threads) : o;
    }

    /**
     * Resolves a model argument: an existing file, a shipped model named by its manifest name or architecture
     * ({@code htnet}, {@code htnet-f27}; {@link ShippedLifters#resolve(String)}), or, when absent, the shipped
     * model of a default architecture.
     *
     * @param model the --model value (may be null)
     * @param architecture the shipped architecture to use when {@code model} is null (not null)
     * @return the .onnx path
     * @throws ModelLoadException if the argument is neither a file nor a shipped model, or no shipped model of
     *     the default architecture exists
     */
    public static Path resolveModel(Path model, String architecture) throws ModelLoadException {
        return model != null ? ShippedLifters.resolve(model.toString()) : ShippedLifters.get(architecture);
    }
}
