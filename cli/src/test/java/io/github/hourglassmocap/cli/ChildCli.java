package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import io.github.hourglassmocap.inference.video.VideoWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Runs the real mocap command in a child JVM, for tests that need signals or another environment. */
final class ChildCli {
    /** The bundled sample (640x480, 4 s, 30 fps). */
    static final Path SAMPLE = Path.of("..", "assets", "samples", "ninja-walk.mp4").toAbsolutePath().normalize();

    private ChildCli() {
    }

    /**
     * Starts the command in a child JVM with this JVM's class path.
     *
     * @param env changes to the child's environment: a null value removes the variable (not null)
     * @param log where stdout and stderr go, merged (not null)
     * @param args the command line
     * @return the running process
     */
    static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-Dmocap.home=" + Path.of("..").toAbsolutePath().normalize());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MocapCommand.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getValue() == null) {
                pb.environment().remove(e.getKey());
            } else {
                pb.environment().put(e.getKey(), e.getValue());
            }
        }
        return pb.start();
    }

    /** Waits for a condition, polling every 50 ms; false if it did not hold within the time. */
    static boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    /** Waits for the process to end and returns its exit code, killing it after the time. */
    static int exitCode(Process p, long timeoutSeconds) throws InterruptedException {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("child did not end within " + timeoutSeconds + " s");
        }
        return p.exitValue();
    }

    /** The hidden temporary files in a folder. */
    static List<Path> temporaries(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The largest temporary file's size in a folder, 0 if none. */
    static long largestTemporary(Path dir) {
        long max = 0;
        for (Path p : temporaries(dir)) {
            try {
                max = Math.max(max, Files.size(p));
            } catch (IOException e) {
                // renamed meanwhile
            }
        }
        return max;
    }

    /** Writes the sample {@code times} times over into one video: a source that runs long enough to stop. */
    static Path longSample(Path dir, int times) throws Exception {
        Path out = dir.resolve("long-" + times + ".mp4");
        try (VideoWriter w = open(out)) {
            for (int k = 0; k < times; k++) {
                try (VideoFileSource src = VideoFileSource.open(SAMPLE)) {
                    Frame f;
                    while ((f = src.grab()) != null) {
                        w.write(f);
                    }
                }
            }
        }
        return out;
    }

    private static VideoWriter open(Path out) throws Exception {
        try (VideoFileSource src = VideoFileSource.open(SAMPLE)) {
            return VideoWriter.open(out, src.width(), src.height(), src.frameRateHz());
        }
    }

    static String pathWithout(String program) {
        StringBuilder sb = new StringBuilder();
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (!Files.isExecutable(Path.of(d, program))) {
                sb.append(sb.length() == 0 ? "" : File.pathSeparator).append(d);
            }
        }
        return sb.toString();
    }
}
