package io.github.hourglassmocap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mocap bench}: the container of the benchmark subcommands. Benchmarks print what they measured,
 * per stage and as ratios measured in the same run; they never fail a build. Add a benchmark by listing
 * its class in {@code subcommands}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: print timings and ratios measured in one run.",
        subcommands = {BenchDecodeCommand.class, BenchKeypointsCommand.class, BenchLifterCommand.class,
            BenchPipelineCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
