package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import io.github.hourglassmocap.inference.model.ModelStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Finds the shipped lifter models by their manifests' {@code architecture} ("hot" for the shipped model,
 * "mixste" for its baseline, "htnet" and "mlp" for the per-frame options, "nanohtnet" for NanoHTNet), so callers need not know file names; {@link #resolve(String)} also takes a manifest name
 * ("htnet-f27", "nanohtnet-live-f27") or a model file, as the command line and the live path
 * ({@code MocapStages.lifter(String, int, int)} of the plugin) do.
 *
 * <p>The models travel inside the inference jar (resources under {@value #RESOURCE_FOLDER} of this package,
 * copied from {@code assets/models/} by the build), so the plugin works as a dependency of another project,
 * whatever its working directory. ONNX Runtime opens files, so on first use the resources are copied into the
 * model cache ({@link ModelStore#fromEnvironment()}: {@code -Dmocap.models.dir}, {@code MOCAP_MODELS_DIR}, or
 * {@code ~/.cache/hourglass-mocap/models}), under {@code lifters/<content hash>/}: a changed model lands in a
 * new folder, so processes with different builds never overwrite each other's files. When the system property
 * {@value #HOME_PROPERTY} names a source checkout (the {@code mocap} and {@code examples/run} launchers set
 * it), its {@code assets/models} folder is used directly instead.
 */
public final class ShippedLifters {
    private static final Logger LOG = Logger.getLogger(ShippedLifters.class.getName());
    /** The architecture tag of the shipped HoT model. */
    public static final String HOT = "hot";
    /**
     * The manifest name of the offline default, the HoT whose manifest says {@code "recommended": true}, which the
     * tag {@link #HOT} finds: since the ninth session of issue 13 {@code hot-rendered-f27} ({@code hot-f27}'s
     * architecture trained partly on BlazePose's own 2D of rendered takes; before, {@code hot-f27}).
     */
    public static final String HOT_OFFLINE = "hot-rendered-f27";
    /**
     * The manifest name of the live HoT (issue 13): {@code hot-f27}'s architecture and size, trained for the window's
     * newest frame, the output a live stream takes at look-ahead 0. The tag {@link #HOT} alone finds the recommended
     * HoT ({@value #HOT_OFFLINE}, the offline default); the plugin's live lifter takes this one by default.
     */
    public static final String HOT_LIVE = "hot-live-f27";

    /**
     * The default lifter for a stream at a look-ahead, by name or tag for {@link #resolve(String)}: the live HoT
     * {@value #HOT_LIVE} at every look-ahead. Until the ninth session of issue 13 it was the default at look-ahead 0
     * only; its weights of that session (trained partly on BlazePose's own 2D of rendered takes) beat
     * {@code hot-f27} (the offline default until then) on held-out salsa clips rendered and read by BlazePose at
     * look-ahead 0, 4 and 13 (PA-MPJPE 87.2 against 98.6 mm at 0 in the live end-to-end test; 89.6 against 106.2 at
     * 4 on five clips and 89.9 against 96.2 on five more cameras; MODEL_CARD.md, Round 3, "The ninth session").
     * Offline the default is {@value #HOT}.
     *
     * @param lookaheadFrames the stream's look-ahead in frames (any: the same model serves every look-ahead)
     * @return {@value #HOT_LIVE}
     */
    public static String streamingDefault(int lookaheadFrames) {
        return HOT_LIVE;
    }
    /** The architecture tag of the baseline (a MixSTE-style transformer without token pruning). */
    public static final String BASELINE = "mixste";
    /** The architecture tag of HTNet, the per-frame Human Topology aware Network (issue 14). */
    public static final String HTNET = "htnet";
    /**
     * The architecture tag of NanoHTNet (issue 14): a tiny lifter with hierarchical joint, part and body mixers and
     * temporal tokens from a low-pass DCT; its live variant (bounded look-ahead) is a separate model of the same
     * tag, chosen by its manifest name ("nanohtnet-live-f27"); the tag alone finds "nanohtnet-f27" (the first by file
     * name).
     */
    public static final String NANOHTNET = "nanohtnet";
    /** The architecture tag of the single-frame MLP floor. */
    public static final String MLP = "mlp";
    /** System property naming a source checkout whose {@code assets/models} folder is used as is. */
    public static final String HOME_PROPERTY = "mocap.home";
    /** Where the models are among the jar's resources, relative to this class's package. */
    public static final String RESOURCE_FOLDER = "shipped";

    private static Path extracted;
    private static Path extractedFrom;

    private ShippedLifters() {
    }

    /**
     * Returns the folder holding the shipped models: {@code assets/models} under the checkout named by
     * {@value #HOME_PROPERTY} if that folder exists, otherwise the model cache's copy of the models on the
     * classpath (copied there on the first call in a process).
     *
     * @return an existing folder
     * @throws ModelLoadException if the models are neither in a checkout nor on the classpath, or cannot be
     *     copied into the cache (the message says where it looked and how to pass a model)
     */
    public static Path modelsFolder() throws ModelLoadException {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            Path p = Path.of(home, "assets", "models");
            if (Files.isDirectory(p)) {
                return p;
            }
            LOG.fine(() -> HOME_PROPERTY + "=" + home + " has no assets/models; using the models on the classpath");
        }
        return extractedFolder(ModelStore.fromEnvironment().cacheDir().resolve("lifters"));
    }

    /**
     * Finds the shipped model of an architecture in {@link #modelsFolder()}.
     *
     * @param architecture the manifest's architecture tag, for example {@link #HOT} (not null)
     * @return the {@code .onnx} path (its manifest beside it)
     * @throws ModelLoadException if there is none, or the models cannot be found or copied
     */
    public static Path get(String architecture) throws ModelLoadException {
        return get(modelsFolder(), architecture);
    }

    /**
     * Copies the models on the classpath into a folder under {@code cacheRoot} named after their content, once
     * per process and cache root.
     *
     * @param cacheRoot the folder to copy under (not null; created if missing)
     * @return the folder holding the copies
     * @throws ModelLoadException if there are no models on the classpath or copying fails
     */
    static synchronized Path extractedFolder(Path cacheRoot) throws ModelLoadException {
        if (extracted != null && cacheRoot.equals(extractedFrom) && Files.isDirectory(extracted)) {
            return extracted;
        }
        TreeMap<String, byte[]> files = classpathModels();
        Path folder = cacheRoot.resolve(contentHash(files));
        try {
            Files.createDirectories(folder);
            for (var e : files.entrySet()) {
                Path target = folder.resolve(e.getKey());
                if (!Files.isRegularFile(target) || Files.size(target) != e.getValue().length) {
                    byte[] data = e.getValue();
                    AtomicFiles.write(target, out -> out.write(data));
                }
            }
        } catch (IOException e) {
            throw new ModelLoadException("could not copy the shipped lifter models into the cache folder " + folder
                    + ": " + e.getMessage() + "; set -D" + ModelStore.DIR_PROPERTY + "=<writable folder> or pass a"
                    + " model with --model <file.onnx>", e);
        }
        LOG.fine(() -> "shipped lifter models: " + files.keySet() + " in " + folder);
        extracted = folder;
        extractedFrom = cacheRoot;
        return folder;
    }

    /** The model files on the classpath by name (sorted), read whole. */
    private static TreeMap<String, byte[]> classpathModels() throws ModelLoadException {
        String where = ShippedLifters.class.getPackageName().replace('.', '/') + "/" + RESOURCE_FOLDER + "/";
        URL self = ShippedLifters.class.getResource(ShippedLifters.class.getSimpleName() + ".class");
        TreeMap<String, byte[]> files = new TreeMap<>();
        try {
            for (String name : listResourceFolder(self, where)) {
                try (InputStream in = ShippedLifters.class.getResourceAsStream(RESOURCE_FOLDER + "/" + name)) {
                    if (in != null) {
                        files.put(name, in.readAllBytes());
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new ModelLoadException("could not read the shipped lifter models from the classpath (" + where
                    + "): " + e.getMessage(), e);
        }
        if (files.keySet().stream().noneMatch(n -> n.endsWith(".onnx"))) {
            throw new ModelLoadException("no shipped lifter models on the classpath (expected " + where
                    + "*.onnx in the inference jar, next to " + self + "); pass one with --model <file.onnx>,"
                    + " or set -D" + HOME_PROPERTY + "=<source checkout> to use its assets/models");
        }
        return files;
    }

    /** Names of the files directly in a resource folder, from a jar or a classes directory. */
    private static List<String> listResourceFolder(URL self, String where) throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        if (self == null) {
            return names;
        }
        if ("jar".equals(self.getProtocol())) {
            JarURLConnection c = (JarURLConnection) self.openConnection();
            // Open the jar ourselves: closing the connection's cached JarFile would break the class loader's.
            try (JarFile jar = new JarFile(Path.of(c.getJarFileURL().toURI()).toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String n = entries.nextElement().getName();
                    if (n.startsWith(where) && n.length() > where.length() && n.indexOf('/', where.length()) < 0) {
                        names.add(n.substring(where.length()));
                    }
                }
            }
        } else if ("file".equals(self.getProtocol())) {
            Path dir = Path.of(self.toURI()).resolveSibling(RESOURCE_FOLDER);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
                }
            }
        }
        return names;
    }

    private static String contentHash(TreeMap<String, byte[]> files) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (var e : files.entrySet()) {
                d.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(e.getValue());
            }
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * Resolves what a user typed to pick a lifter ({@code --lifter} of bake, {@code --model} of lift): an
     * existing file is used as is; otherwise a shipped model is looked up in {@link #modelsFolder()} by its
     * manifest name ({@code htnet-f27}) or architecture tag ({@code htnet}, {@code hot}, {@code mixste},
     * {@code mlp}, {@code nanohtnet}), ignoring case. A manifest name wins over a tag; of several models with the
     * tag asked for, the first by file name is taken (name a variant, such as {@code nanohtnet-live-f27}, by its
     * manifest name).
     *
     * @param nameOrPath a model file path, a shipped model's name or an architecture tag (not null, not empty)
     * @return the {@code .onnx} path (its manifest beside it)
     * @throws ModelLoadException if it is neither an existing file nor a shipped model (the message lists the
     *     shipped models), or the shipped models cannot be found
     */
    public static Path resolve(String nameOrPath) throws ModelLoadException {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new IllegalArgumentException("lifter name or path is empty; expected a .onnx file or a shipped"
                    + " model name such as '" + HOT + "', '" + HTNET + "' or '" + NANOHTNET + "'");
        }
        Path asFile = asExistingFile(nameOrPath);
        return asFile != null ? asFile : resolve(modelsFolder(), nameOrPath);
    }

    /**
     * Resolves a lifter name or path against a models folder (see {@link #resolve(String)}).
     *
     * @param folder the models folder (not null)
     * @param nameOrPath a model file path, a model name or an architecture tag (not null)
     * @return the {@code .onnx} path
     * @throws ModelLoadException if it is neither an existing file nor a model in {@code folder}
     */
    public static Path resolve(Path folder, String nameOrPath) throws ModelLoadException {
        Path asFile = asExistingFile(nameOrPath);
        if (asFile != null) {
            return asFile;
        }
        String wanted = nameOrPath.endsWith(".onnx") ? nameOrPath.substring(0, nameOrPath.length() - 5) : nameOrPath;
        // A manifest name wins over an architecture tag, wherever it lies in the folder.
        Listed found = find(folder, l -> l.manifest().name().equalsIgnoreCase(wanted));
        if (found == null) {
            found = ofArchitecture(folder, wanted);
        }
        if (found != null) {
            return found.onnx();
        }
        List<String> seen = list(folder).stream().map(Listed::label).toList();
        throw new ModelLoadException("unknown lifter '" + nameOrPath + "': no such file, and no shipped model of that"
                + " name or architecture in " + folder + (seen.isEmpty() ? " (no models there)" : "; expected a .onnx"
                + " file or one of " + seen));
    }

    /** The path if the argument names an existing regular file, else null (also for strings no path can hold). */
    private static Path asExistingFile(String nameOrPath) {
        try {
            Path p = Path.of(nameOrPath);
            return Files.isRegularFile(p) ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /**
     * One model of a models folder: its {@code .onnx} file and the manifest beside it.
     *
     * @param onnx the model file
     * @param manifest its manifest, read
     */
    record Listed(Path onnx, LifterManifest manifest) {
        /** How error messages name the model: {@code "htnet-f27 (htnet)"}. */
        String label() {
            return manifest.name() + " (" + manifest.architecture() + ")";
        }
    }

    /**
     * Lists the models of a folder: every {@code .onnx} file with a manifest beside it, sorted by file name, its
     * manifest read (see {@link #find}).
     *
     * @param folder the models folder (not null; a missing folder has no models)
     * @return a new list (empty if there are none)
     * @throws ModelLoadException if the folder cannot be listed or a manifest is invalid (naming the file)
     */
    static List<Listed> list(Path folder) throws ModelLoadException {
        List<Listed> all = new ArrayList<>();
        find(folder, l -> {
            all.add(l);
            return false;
        });
        return all;
    }

    /**
     * The one scan of a models folder that {@link #resolve(Path, String)}, {@link #get(Path, String)} and
     * {@link #list(Path)} share: the {@code .onnx} files with a manifest beside them, in file-name order, each
     * manifest read only when reached, so a lookup stops at the first match without reading the manifests after it.
     *
     * @param folder the models folder (not null; a missing folder has no models)
     * @param wanted the test (not null)
     * @return the first model that passes, or null
     * @throws ModelLoadException if the folder cannot be listed or a manifest reached is invalid (naming the file)
     */
    static Listed find(Path folder, Predicate<Listed> wanted) throws ModelLoadException {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        for (Path onnx : modelFiles(folder)) {
            Listed l = new Listed(onnx, LifterManifest.read(LifterManifest.manifestPathFor(onnx)));
            if (wanted.test(l)) {
                return l;
            }
        }
        return null;
    }

    /**
     * The model an architecture tag stands for: the one whose manifest says {@code "recommended": true} (the first by
     * file name if several do), else the first of that architecture by file name. The search for a recommended model
     * reads every manifest of the folder but passes over one it cannot read (with a warning), so a broken model
     * elsewhere in the folder does not hide the others; the fallback stops at its first match, as {@link #find} does.
     */
    private static Listed ofArchitecture(Path folder, String architecture) throws ModelLoadException {
        Predicate<Listed> ofIt = l -> l.manifest().architecture().equalsIgnoreCase(architecture);
        if (Files.isDirectory(folder)) {
            for (Path onnx : modelFiles(folder)) {
                LifterManifest m;
                try {
                    m = LifterManifest.read(LifterManifest.manifestPathFor(onnx));
                } catch (ModelLoadException e) {
                    LOG.warning("passing over " + onnx.getFileName() + " in the search for the recommended '"
                            + architecture + "' model: " + e.getMessage());
                    continue;
                }
                Listed l = new Listed(onnx, m);
                if (ofIt.test(l) && m.recommended()) {
                    return l;
                }
            }
        }
        return find(folder, ofIt);
    }

    /** The {@code .onnx} files of a folder with a manifest beside them, in file-name order. */
    private static List<Path> modelFiles(Path folder) throws ModelLoadException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".onnx"))
                    .filter(p -> Files.isRegularFile(LifterManifest.manifestPathFor(p))).sorted().toList();
        } catch (IOException e) {
            throw new ModelLoadException("could not list lifter models in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds the shipped model of an architecture.
     *
     * @param folder the models folder (not null)
     * @param architecture the manifest's architecture tag, for example {@link #HOT} (not null)
     * @return the {@code .onnx} path of the recommended model of that architecture, else the first by file name
     * @throws ModelLoadException if there is none (the message lists what is there and how to pass one)
     */
    public static Path get(Path folder, String architecture) throws ModelLoadException {
        Listed found = ofArchitecture(folder, architecture);
        if (found != null) {
            return found.onnx();
        }
        List<String> seen = list(folder).stream()
                .map(l -> l.onnx().getFileName() + " (" + l.manifest().architecture() + ")").toList();
        throw new ModelLoadException("no shipped lifter of architecture '" + architecture + "' in " + folder
                + (seen.isEmpty() ? " (no models there)" : "; found " + seen) + "; pass one with --model <file.onnx>");
    }
}
