package io.github.hourglassmocap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mocap} command: the root that lists the subcommands. Each subcommand is its own class,
 * registered in {@link #commandLine()}.
 */
@Command(name = "mocap", mixinStandardHelpOptions = true, version = "hourglass-mocap 0.1.0",
        description = "Motion capture from video or webcam for jMonkeyEngine: BlazePose 2D, HoT 3D lifting, retargeting.")
public final class MocapCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Builds the command line with every subcommand registered.
     *
     * @return a new command line, ready to execute
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MocapCommand());
        // Subcommands, one line each (keep sorted by name).
        cl.addSubcommand(new BakeCommand());
        cl.addSubcommand(new BenchCommand());
        cl.addSubcommand(new BvhInfoCommand());
        cl.addSubcommand(new DatasetCommand());
        cl.addSubcommand(new EvalLifterCommand());
        cl.addSubcommand(new FuzzCommand());
        cl.addSubcommand(new KeypointsCommand());
        cl.addSubcommand(new LiftCommand());
        cl.addSubcommand(new RenderSyntheticCommand());
        cl.addSubcommand(new RetargetCommand());
        return cl;
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command-line arguments (not null)
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
