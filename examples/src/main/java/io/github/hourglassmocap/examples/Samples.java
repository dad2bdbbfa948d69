package io.github.hourglassmocap.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the bundled sample video for the demos. */
final class Samples {
    private Samples() {
    }

    static Path home() {
        String home = System.getProperty("mocap.home");
        return home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    }

    /**
     * Returns the first video in assets/samples.
     *
     * @return the path
     * @throws IllegalStateException if there is none, saying what to pass instead
     */
    static Path sampleVideo() {
        Path dir = home().resolve("assets").resolve("samples");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                Path p = s.filter(f -> f.toString().endsWith(".mp4")).sorted().findFirst().orElse(null);
                if (p != null) {
                    return p;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + dir + ": " + e, e);
            }
        }
        throw new IllegalStateException("no sample video in " + dir + "; pass a video file or a webcam index");
    }
}
