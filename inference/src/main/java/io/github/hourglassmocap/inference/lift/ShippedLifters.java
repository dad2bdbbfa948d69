package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the lifter models shipped in {@code assets/models/} by their manifests' {@code architecture}
 * ("hot" for the shipped model, "mixste" for its baseline), so callers need not know file names.
 */
public final class ShippedLifters {
    /** The architecture tag of the shipped HoT model. */
    public static final String HOT = "hot";
    /** The architecture tag of the baseline (a MixSTE-style transformer without token pruning). */
    public static final String BASELINE = "mixste";

    private ShippedLifters() {
    }

    /**
     * Returns the models folder: {@code assets/models} under the system property {@code mocap.home} (set by
     * the {@code mocap} launcher), else under the working directory or its parent.
     *
     * @return the folder (may not exist)
     */
    public static Path modelsFolder() {
        String home = System.getProperty("mocap.home");
        if (home != null) {
            return Path.of(home, "assets", "models");
        }
        Path here = Path.of("assets", "models");
        if (Files.isDirectory(here)) {
            return here;
        }
        return Path.of("..", "assets", "models");
    }

    /**
     * Finds the shipped model of an architecture.
     *
     * @param folder the models folder (not null)
     * @param architecture the manifest's architecture tag, for example {@link #HOT} (not null)
     * @return the {@code .onnx} path of the first such model by file name
     * @throws ModelLoadException if there is none (the message lists what is there and how to pass one)
     */
    public static Path get(Path folder, String architecture) throws ModelLoadException {
        List<String> seen = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path onnx : files.filter(p -> p.getFileName().toString().endsWith(".onnx")).sorted().toList()) {
                    Path manifest = LifterManifest.manifestPathFor(onnx);
                    if (!Files.isRegularFile(manifest)) {
                        continue;
                    }
                    LifterManifest m = LifterManifest.read(manifest);
                    seen.add(onnx.getFileName() + " (" + m.architecture() + ")");
                    if (m.architecture().equalsIgnoreCase(architecture)) {
                        return onnx;
                    }
                }
            } catch (IOException e) {
                throw new ModelLoadException("could not list lifter models in " + folder + ": " + e.getMessage(), e);
            }
        }
        throw new ModelLoadException("no shipped lifter of architecture '" + architecture + "' in " + folder
                + (seen.isEmpty() ? " (no models there)" : "; found " + seen) + "; pass one with --model <file.onnx>");
    }
}
