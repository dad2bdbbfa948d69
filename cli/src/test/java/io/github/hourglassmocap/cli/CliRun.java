package io.github.hourglassmocap.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the mocap command line in-process for the command tests, capturing what it prints. */
final class CliRun {
    private CliRun() {
    }

    /**
     * Runs the command and returns what it did.
     *
     * @param args the command line (e.g. {@code "keypoints", "clip.mp4", "--out", "kp.json"})
     * @return {exit code, stdout, stderr}
     */
    static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int rc = MocapCommand.commandLine().execute(args);
            return new String[] {Integer.toString(rc), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
