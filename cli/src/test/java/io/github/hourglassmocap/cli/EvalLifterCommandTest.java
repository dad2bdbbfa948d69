package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EvalLifterCommandTest {
    /** CMU excerpts of both rigs, kept by the retarget module's tests (credit in their README). */
    static final Path BVH = Path.of("..", "retarget", "src", "test", "resources", "bvh");

    /** Runs the command and returns {exit code, stdout, stderr}. */
    static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = MocapCommand.commandLine().execute(args);
            return new String[] {Integer.toString(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static double[] lastLine(String stdout) {
        List<String> lines = stdout.lines().toList();
        Matcher m = Pattern.compile("MPJPE_mm=([0-9.]+) PA_MPJPE_mm=([0-9.]+)").matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), "last line: " + lines.get(lines.size() - 1));
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    @Test
    void evaluatesBothRigsSeededWithPerJointTable() {
        String model = LiftCommandTest.TINY.toString();
        String[] a = run("eval-lifter", BVH.resolve("cmu-iclone-001_01-excerpt.bvh").toString(),
                BVH.resolve("cmu-acrnn-salsa-01-excerpt.bvh").toString(), "--model", model, "--seed", "3", "--max-frames", "60");
        assertEquals("0", a[0], a[2]);
        assertTrue(a[1].contains("2 takes"), a[1]);
        assertTrue(a[1].contains("l_wrist"), a[1]);
        double[] first = lastLine(a[1]);
        assertTrue(first[0] > 0 && first[1] > 0 && first[1] <= first[0] + 1e-9, "PA-MPJPE cannot exceed MPJPE by much");
        String[] b = run("eval-lifter", BVH.resolve("cmu-iclone-001_01-excerpt.bvh").toString(),
                BVH.resolve("cmu-acrnn-salsa-01-excerpt.bvh").toString(), "--model", model, "--seed", "3", "--max-frames", "60");
        assertEquals(first[0], lastLine(b[1])[0], 1e-9, "same seed, same result");
        String[] c = run("eval-lifter", BVH.toString(), "--model", model, "--seed", "4", "--max-frames", "40",
                "--noise", "detector", "--mode", "streaming", "--lookahead", "2", "--sweep", "--sweep-strides", "1,3");
        assertEquals("0", c[0], c[2]);
        assertTrue(c[1].contains("streaming sweep"), c[1]);
        assertTrue(c[1].lines().anyMatch(l -> l.matches("streaming\\s+4\\s+3\\s.*")), c[1]);
        lastLine(c[1]);
    }

    @Test
    void badArgumentsExitNonZero() {
        String[] missing = run("eval-lifter", "no-such-folder", "--model", LiftCommandTest.TINY.toString());
        assertEquals("1", missing[0]);
        assertTrue(missing[2].contains("does not exist"), missing[2]);
        String[] noise = run("eval-lifter", BVH.toString(), "--noise", "gaussian", "--model", LiftCommandTest.TINY.toString());
        assertEquals("1", noise[0]);
        assertTrue(noise[2].contains("[none, detector]"), noise[2]);
    }
}
