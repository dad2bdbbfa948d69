package io.github.hourglassmocap.retarget.internal.dataset;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.bvh.BvhSkeleton;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapper;
import io.github.hourglassmocap.retarget.humanoid.RigDescription;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the lifter's training dataset (format in {@code docs/formats.md}, "Training dataset"): every BVH
 * take found in the inputs is mapped, resampled to one rate by rotation interpolation and written as a
 * {@code [frames, 17, 3]} float32 {@code .npy} file, with a {@code manifest.json} listing every take.
 *
 * <p>The dataset is built in a temporary folder beside the output and renamed into place at the end, so
 * a reader never sees a half-written dataset; an existing output folder is replaced.
 */
public final class DatasetBuilder {
    private static final Logger LOG = Logger.getLogger(DatasetBuilder.class.getName());
    /** The credit line the CMU database asks for. */
    public static final String CMU_CREDIT = "The data used in this project was obtained from mocap.cs.cmu.edu. "
            + "The database was created with funding from NSF EIA-0196217.";
    private static final Pattern CMU_TRIAL = Pattern.compile("^0*(\\d+)_\\d+$");

    private final double frameRateHz;
    private final int threads;
    private final Map<HumanoidBone, String> overrides;

    /**
     * One take in the output.
     *
     * @param id the take id, for example "cmu-iclone/001_01"
     * @param file the .npy path relative to the dataset folder
     * @param source the BVH path
     * @param rig the rig label
     * @param originalFrameRateHz the BVH's rate
     * @param frames the number of output frames
     * @param subject the CMU subject, or null
     */
    public record Entry(String id, String file, String source, String rig, double originalFrameRateHz, int frames,
            String subject) {
    }

    /** A BVH file to convert, with its id and rig label. */
    record Input(Path path, String id, String rig) {
    }

    /**
     * Creates a builder.
     *
     * @param frameRateHz the output rate (&gt;0, finite), for example 30
     * @param threads worker threads (&ge;1)
     */
    public DatasetBuilder(double frameRateHz, int threads) {
        this(frameRateHz, threads, null);
    }

    /**
     * Creates a builder that applies a mapping file's overrides to every take's automatic humanoid map.
     *
     * @param frameRateHz the output rate (&gt;0, finite), for example 30
     * @param threads worker threads (&ge;1)
     * @param overrides bone to joint name (null removes a bone), as read by {@code HumanoidMapFile}; may be null
     */
    public DatasetBuilder(double frameRateHz, int threads, Map<HumanoidBone, String> overrides) {
        if (!(frameRateHz > 0) || !Double.isFinite(frameRateHz)) {
            throw new IllegalArgumentException("frameRateHz must be > 0 and finite, got " + frameRateHz);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.frameRateHz = frameRateHz;
        this.threads = threads;
        this.overrides = overrides == null ? null : new EnumMap<>(overrides);
    }

    /**
     * Finds the BVH files among files and folders (folders searched recursively, in sorted order) and gives
     * each an id and rig label: the id is the path relative to the folder given, without extension, prefixed
     * with the folder's name when the file lies directly in it; the rig is the id's first component. A file
     * given directly gets "parent-folder/name".
     *
     * @param inputs files and folders (not null)
     * @return a new list
     * @throws MocapIOException if an input does not exist or cannot be listed, or holds no BVH file
     */
    static List<Input> collect(List<Path> inputs) throws MocapIOException {
        List<Input> r = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(in)) {
                    files = s.filter(p -> Files.isRegularFile(p)
                            && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bvh"))
                            .sorted(Comparator.comparing(p -> in.relativize(p).toString().replace('\\', '/')))
                            .toList();
                } catch (IOException e) {
                    throw new MocapIOException("cannot list " + in + ": " + e.getMessage(), e);
                }
                if (files.isEmpty()) {
                    throw new MocapIOException("no .bvh files under " + in);
                }
                String dirName = in.toAbsolutePath().normalize().getFileName() == null ? "bvh"
                        : in.toAbsolutePath().normalize().getFileName().toString();
                for (Path f : files) {
                    String rel = stripExtension(in.relativize(f).toString().replace('\\', '/'));
                    String id = rel.contains("/") ? rel : dirName + "/" + rel;
                    add(r, ids, f, id);
                }
            } else if (Files.isRegularFile(in)) {
                Path parent = in.toAbsolutePath().normalize().getParent();
                String dirName = parent == null || parent.getFileName() == null ? "bvh" : parent.getFileName().toString();
                add(r, ids, in, dirName + "/" + stripExtension(in.getFileName().toString()));
            } else {
                throw new MocapIOException("input " + in + " does not exist; give BVH files or folders holding them");
            }
        }
        return r;
    }

    private static void add(List<Input> r, Set<String> ids, Path f, String id) {
        String unique = id;
        for (int k = 2; !ids.add(unique); k++) {
            unique = id + "-" + k;
        }
        r.add(new Input(f, unique, unique.substring(0, unique.indexOf('/'))));
    }

    private static String stripExtension(String s) {
        int dot = s.lastIndexOf('.');
        return dot > s.lastIndexOf('/') ? s.substring(0, dot) : s;
    }

    /**
     * Returns the CMU subject a take's file name gives ("001_01" is subject 1, trial 1).
     *
     * @param id the take id (not null)
     * @return the subject number as a string, or null when the name is not a CMU trial name
     */
    static String subjectOf(String id) {
        String name = id.substring(id.lastIndexOf('/') + 1);
        Matcher m = CMU_TRIAL.matcher(name);
        return m.matches() ? m.group(1) : null;
    }

    /**
     * Builds the dataset.
     *
     * @param inputs BVH files and folders (not null, not empty)
     * @param outDir the dataset folder to create or replace (not null)
     * @return the entries written, in manifest order
     * @throws MocapException if a take cannot be read or mapped (the message names the file) or the output
     *     cannot be written
     */
    public List<Entry> build(List<Path> inputs, Path outDir) throws MocapException {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(outDir, "outDir");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs must name at least one BVH file or folder");
        }
        List<Input> takes = collect(inputs);
        Path out = outDir.toAbsolutePath().normalize();
        Path parent = out.getParent();
        Path tmp;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".building-");
            Files.createDirectory(tmp.resolve("takes"));
        } catch (IOException e) {
            throw new MocapIOException("cannot create the dataset folder beside " + out + ": " + e.getMessage(), e);
        }
        boolean done = false;
        try {
            List<Entry> entries = convertAll(takes, tmp);
            writeManifest(tmp.resolve("manifest.json"), entries);
            swapInto(tmp, out);
            done = true;
            return entries;
        } finally {
            if (!done) {
                deleteTree(tmp);
            }
        }
    }

    private List<Entry> convertAll(List<Input> takes, Path tmp) throws MocapException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Entry>> futures = new ArrayList<>();
            for (Input t : takes) {
                futures.add(pool.submit(() -> convert(t, tmp)));
            }
            List<Entry> entries = new ArrayList<>();
            for (Future<Entry> f : futures) {
                try {
                    entries.add(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof MocapException me) {
                        throw me;
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new MocapException("dataset conversion failed: " + c, c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MocapException("dataset conversion interrupted", e);
                }
            }
            return entries;
        } finally {
            pool.shutdownNow();
        }
    }

    private Entry convert(Input t, Path tmp) throws MocapException {
        long start = System.nanoTime();
        Take17 take;
        try {
            HumanoidMap map = null;
            if (overrides != null) {
                BvhSkeleton skeleton;
                try (BvhReader header = BvhReader.open(t.path())) {
                    skeleton = header.skeleton();
                }
                map = HumanoidMapper.map(RigDescription.of(t.path().toString(), skeleton), overrides);
            }
            take = BvhTake17.load(t.path(), frameRateHz, map);
        } catch (MocapException e) {
            throw new MocapException("take " + t.id() + " (" + t.path() + "): " + e.getMessage(), e);
        }
        String file = "takes/" + t.id().replace('/', '_') + ".npy";
        NpyWriter.write(tmp.resolve(file), take.data(), take.frames(), 17, 3);
        LOG.fine(() -> String.format(Locale.ROOT, "%s: %d frames in %.0f ms", t.id(), take.frames(),
                (System.nanoTime() - start) / 1e6));
        return new Entry(t.id(), file, t.path().toString(), t.rig(), take.sourceFrameRateHz(), take.frames(),
                subjectOf(t.id()));
    }

    private void writeManifest(Path file, List<Entry> entries) throws MocapIOException {
        JsonObject root = new JsonObject();
        root.addProperty("version", 1);
        root.addProperty("frameRateHz", frameRateHz);
        JsonArray names = new JsonArray();
        H36mJoints.names().forEach(names::add);
        root.add("joints", names);
        root.addProperty("units", "metres");
        root.addProperty("axes", "Y up, right-handed; rig's own forward");
        root.addProperty("scale", "each rig scaled to a " + io.github.hourglassmocap.retarget.internal.skeleton.Joints17View
                .DEFAULT_STATURE_METRES + " m stature estimated from its bone lengths (docs/skeleton.md)");
        root.addProperty("credit", CMU_CREDIT);
        JsonArray takes = new JsonArray();
        for (Entry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("id", e.id());
            o.addProperty("file", e.file());
            o.addProperty("source", e.source());
            o.addProperty("rig", e.rig());
            o.addProperty("originalFrameRateHz", e.originalFrameRateHz());
            o.addProperty("frames", e.frames());
            if (e.subject() == null) {
                o.add("subject", JsonNull.INSTANCE);
            } else {
                o.addProperty("subject", e.subject());
            }
            takes.add(o);
        }
        root.add("takes", takes);
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            gson.toJson(root, w);
        } catch (IOException e) {
            throw new MocapIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Renames the finished folder into place, replacing an existing one. */
    private static void swapInto(Path tmp, Path out) throws MocapIOException {
        try {
            Path old = null;
            if (Files.exists(out)) {
                old = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".old-");
                Files.delete(old);
                Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new MocapIOException("cannot move the finished dataset to " + out + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warning("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
