package io.github.hourglassmocap.plugin.bake;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The output folder of a bake, made ready so that it never holds a mix of two runs: the temporary files a killed
 * run left are removed, a folder another running bake is writing to is refused, and a folder holding an earlier
 * bake's outputs is refused unless the caller asks to replace them, in which case they are deleted first.
 */
final class BakeFolder {
    private static final Logger LOG = Logger.getLogger(BakeFolder.class.getName());

    /** Every file a bake writes, in the order it writes them. */
    public static final List<String> OUTPUTS = List.of("keypoints.json", "pose3d.json", "clip.j3o", "clip.bvh",
            "clip.glb", "metrics.json", "preview.mp4");

    private BakeFolder() {
    }

    /**
     * What {@link #prepare} did.
     *
     * @param removedTemporaries temporary files of a killed run that were deleted (a new list)
     * @param replaced outputs of an earlier bake that were deleted (a new list; empty unless replacing)
     */
    public record Prepared(List<Path> removedTemporaries, List<Path> replaced) {
    }

    /**
     * Makes a folder ready for a bake: creates it, checks it is writable, removes the temporary files of a bake
     * that was killed, and deals with the outputs of an earlier bake.
     *
     * @param outDir the folder (not null; created if missing)
     * @param replaceExisting true to delete an earlier bake's outputs; false to refuse the folder if it holds any
     * @return what was removed
     * @throws MocapIOException if the folder is not writable, another bake is writing to it now, or it holds an
     *     earlier bake's outputs and {@code replaceExisting} is false; the message says what to do
     */
    public static Prepared prepare(Path outDir, boolean replaceExisting) throws MocapIOException {
        Objects.requireNonNull(outDir, "outDir");
        Path dir = outDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new MocapIOException("output folder " + dir + " is not writable: " + e
                    + "; choose another --out folder", e);
        }
        try {
            List<Path> live = ours(AtomicFiles.liveTemporaries(dir), dir);
            if (!live.isEmpty()) {
                throw new MocapIOException("another bake is writing to " + dir + " now (" + live.get(0).getFileName()
                        + "); wait for it to end or choose another --out folder");
            }
            List<Path> removed = new ArrayList<>();
            for (Path p : ours(AtomicFiles.staleTemporaries(dir), dir)) {
                Files.deleteIfExists(p);
                removed.add(p);
                LOG.info(() -> "removed " + p + ", left by an interrupted bake");
            }
            List<Path> earlier = new ArrayList<>();
            for (String name : OUTPUTS) {
                Path f = dir.resolve(name);
                if (Files.exists(f)) {
                    earlier.add(f);
                }
            }
            if (!earlier.isEmpty() && !replaceExisting) {
                throw new MocapIOException(dir + " already holds the outputs of an earlier bake" + describeRun(dir)
                        + " (" + String.join(", ", earlier.stream().map(p -> p.getFileName().toString()).toList())
                        + "); pass --force to replace them, or choose another --out folder");
            }
            for (Path f : earlier) {
                Files.delete(f);
            }
            return new Prepared(List.copyOf(removed), List.copyOf(earlier));
        } catch (IOException e) {
            throw new MocapIOException("cannot prepare output folder " + dir + ": " + e, e);
        }
    }

    /** The temporary files among {@code temps} that stand for one of the bake's outputs. */
    private static List<Path> ours(List<Path> temps, Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path p : temps) {
            Path target = AtomicFiles.findTarget(p);
            if (target != null && OUTPUTS.contains(target.getFileName().toString())) {
                out.add(p);
            }
        }
        return out;
    }

    /** " (run ID, STATUS)" from the folder's metrics.json, or "" when it cannot be read. */
    private static String describeRun(Path dir) {
        Path metrics = dir.resolve("metrics.json");
        if (!Files.isRegularFile(metrics)) {
            return "";
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(metrics, StandardCharsets.UTF_8)).getAsJsonObject();
            JsonElement id = o.get("runId");
            JsonElement bake = o.get("bake");
            String status = bake != null && bake.isJsonObject() && bake.getAsJsonObject().has("status")
                    ? bake.getAsJsonObject().get("status").getAsString() : null;
            if (id == null) {
                return "";
            }
            return " (run " + id.getAsString() + (status != null ? ", " + status : "") + ")";
        } catch (IOException | JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            return "";
        }
    }
}
