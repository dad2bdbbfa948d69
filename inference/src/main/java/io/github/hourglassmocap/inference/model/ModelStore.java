package io.github.hourglassmocap.inference.model;

import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Obtains, verifies and caches the MediaPipe BlazePose models ({@link PoseModelFile}).
 *
 * <p>On first use the models come from the npm package {@value #PACKAGE}@{@value #VERSION} (Apache-2.0),
 * fetched with the npm client ({@code npm pack}); npm knows its own registry. Every file is checked against
 * the SHA-256 digest pinned in {@link PoseModelFile}; a mismatch is an error naming the file and the file is
 * never used. Files land in the cache atomically (written to a temporary file in the same folder, then
 * renamed), so an interrupted fetch leaves no partial model behind.
 *
 * <p>Configuration, first match wins:
 * <ul>
 * <li>cache folder: system property {@value #DIR_PROPERTY}, environment variable {@value #DIR_ENV}, else
 * {@code ~/.cache/hourglass-mocap/models};</li>
 * <li>offline source (instead of npm): system property {@value #SOURCE_PROPERTY}, environment variable
 * {@value #SOURCE_ENV}: a folder holding the package's files or the {@code .tgz} that {@code npm pack}
 * writes;</li>
 * <li>npm executable: system property {@value #NPM_PROPERTY}, environment variable {@value #NPM_ENV}, else
 * {@code npm} ({@code npm.cmd} on Windows) from the PATH.</li>
 * </ul>
 *
 * <p>Thread-safe: fetching is serialised per instance, and concurrent processes sharing one cache only
 * ever see complete, renamed files.
 */
public final class ModelStore {
    /** The npm package that holds the models. */
    public static final String PACKAGE = "@mediapipe/pose";
    /** The pinned package version. */
    public static final String VERSION = "0.5.1675469404";
    /** System property naming the cache folder. */
    public static final String DIR_PROPERTY = "mocap.models.dir";
    /** Environment variable naming the cache folder. */
    public static final String DIR_ENV = "MOCAP_MODELS_DIR";
    /** System property naming an offline source (folder or .tgz). */
    public static final String SOURCE_PROPERTY = "mocap.models.source";
    /** Environment variable naming an offline source (folder or .tgz). */
    public static final String SOURCE_ENV = "MOCAP_MODELS_SOURCE";
    /** System property naming the npm executable. */
    public static final String NPM_PROPERTY = "mocap.npm";
    /** Environment variable naming the npm executable. */
    public static final String NPM_ENV = "MOCAP_NPM";

    private static final Logger LOG = Logger.getLogger(ModelStore.class.getName());
    private static final long NPM_TIMEOUT_MINUTES = 10;

    private final Path cacheDir;
    private final Path source;
    private final String npm;
    private final Map<PoseModelFile, String> digests;

    /**
     * Creates a store with explicit settings and the pinned digests.
     *
     * @param cacheDir the cache folder (not null; created when needed)
     * @param source an offline source, a folder or a .tgz (null to use npm)
     * @param npm the npm executable (not null, not empty), a name on the PATH or a path
     */
    public ModelStore(Path cacheDir, Path source, String npm) {
        this(cacheDir, source, npm, pinnedDigests());
    }

    /**
     * Creates a store with explicit digests (tests use this to check the verification itself).
     *
     * @param cacheDir the cache folder (not null)
     * @param source an offline source (may be null)
     * @param npm the npm executable (not null)
     * @param digests the expected SHA-256 per file (not null, all four present, copied)
     */
    ModelStore(Path cacheDir, Path source, String npm, Map<PoseModelFile, String> digests) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath();
        this.source = source == null ? null : source.toAbsolutePath();
        if (npm == null || npm.isBlank()) {
            throw new IllegalArgumentException("npm executable must be a non-empty name or path");
        }
        this.npm = npm;
        this.digests = new EnumMap<>(digests);
        if (this.digests.size() != PoseModelFile.values().length) {
            throw new IllegalArgumentException("digests must cover all of " + List.of(PoseModelFile.values()));
        }
    }

    /**
     * Creates a store configured from system properties and environment variables (see the class comment).
     *
     * @return a new store
     */
    public static ModelStore fromEnvironment() {
        String dir = setting(DIR_PROPERTY, DIR_ENV);
        Path cache = dir != null ? Paths.get(dir) : defaultCacheDir();
        String src = setting(SOURCE_PROPERTY, SOURCE_ENV);
        String npm = setting(NPM_PROPERTY, NPM_ENV);
        if (npm == null) {
            npm = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
        }
        return new ModelStore(cache, src == null ? null : Paths.get(src), npm);
    }

    /**
     * Returns the default cache folder, {@code ~/.cache/hourglass-mocap/models}.
     *
     * @return a path (not necessarily existing)
     */
    public static Path defaultCacheDir() {
        return Paths.get(System.getProperty("user.home"), ".cache", "hourglass-mocap", "models");
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v;
    }

    private static Map<PoseModelFile, String> pinnedDigests() {
        Map<PoseModelFile, String> m = new EnumMap<>(PoseModelFile.class);
        for (PoseModelFile f : PoseModelFile.values()) {
            m.put(f, f.sha256());
        }
        return m;
    }

    /**
     * Returns the cache folder.
     *
     * @return the absolute path (not necessarily existing yet)
     */
    public Path cacheDir() {
        return cacheDir;
    }

    /**
     * Returns a verified model file, fetching all missing models first if needed.
     *
     * @param model which model (not null)
     * @return the path of the verified file in the cache
     * @throws ModelLoadException if it cannot be obtained (the message says how to supply it offline) or its
     *     digest does not match (the message names the file)
     */
    public Path getModel(PoseModelFile model) throws ModelLoadException {
        Objects.requireNonNull(model, "model");
        Path p = cacheDir.resolve(model.fileName());
        if (!Files.isRegularFile(p)) {
            fetchMissing();
        }
        verify(p, model, "Delete " + p + " and run again to fetch a fresh copy, or " + offlineHint());
        return p;
    }

    /**
     * Makes sure all four models are in the cache and verified (the build calls this before the tests).
     *
     * @throws ModelLoadException if any cannot be obtained or verified
     */
    public void ensureAll() throws ModelLoadException {
        for (PoseModelFile m : PoseModelFile.values()) {
            getModel(m);
        }
    }

    private synchronized void fetchMissing() throws ModelLoadException {
        List<PoseModelFile> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new ModelLoadException("cannot create the model cache folder " + cacheDir + ": " + e
                    + "; set -D" + DIR_PROPERTY + " or " + DIR_ENV + " to a writable folder", e);
        }
        if (source != null) {
            importFrom(source);
        } else {
            fetchWithNpm();
        }
        missing = missing();
        if (!missing.isEmpty()) {
            throw new ModelLoadException("after importing from " + (source != null ? source : "npm pack " + spec())
                    + " these models are still missing from " + cacheDir + ": " + names(missing) + ". " + offlineHint());
        }
    }

    private List<PoseModelFile> missing() {
        List<PoseModelFile> r = new ArrayList<>();
        for (PoseModelFile m : PoseModelFile.values()) {
            if (!Files.isRegularFile(cacheDir.resolve(m.fileName()))) {
                r.add(m);
            }
        }
        return r;
    }

    private void fetchWithNpm() throws ModelLoadException {
        Path work;
        try {
            work = Files.createTempDirectory(cacheDir, ".npm-pack-");
        } catch (IOException e) {
            throw new ModelLoadException("cannot create a temporary folder in " + cacheDir + ": " + e, e);
        }
        try {
            Path log = work.resolve("npm.log");
            ProcessBuilder pb = new ProcessBuilder(npm, "pack", spec(), "--silent")
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            LOG.info(() -> "fetching " + spec() + " with '" + npm + " pack' into " + cacheDir);
            Process proc;
            try {
                proc = pb.start();
            } catch (IOException e) {
                throw new ModelLoadException("cannot run npm ('" + npm + "'): " + e.getMessage()
                        + ". Install npm, or set -D" + NPM_PROPERTY + " / " + NPM_ENV + " to its path, or "
                        + offlineHint(), e);
            }
            boolean done;
            try {
                done = proc.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                proc.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new ModelLoadException("interrupted while npm fetched " + spec(), e);
            }
            if (!done) {
                proc.destroyForcibly();
                throw new ModelLoadException("npm pack " + spec() + " did not finish within " + NPM_TIMEOUT_MINUTES
                        + " minutes. " + offlineHint());
            }
            if (proc.exitValue() != 0) {
                throw new ModelLoadException("npm pack " + spec() + " failed (exit " + proc.exitValue() + "): "
                        + tail(log) + ". " + offlineHint());
            }
            Path tgz = findTgz(work);
            if (tgz == null) {
                throw new ModelLoadException("npm pack " + spec() + " wrote no .tgz into " + work + ". " + offlineHint());
            }
            importTgz(tgz);
        } finally {
            deleteRecursively(work);
        }
    }

    private void importFrom(Path src) throws ModelLoadException {
        if (Files.isDirectory(src)) {
            importDirectory(src);
        } else if (Files.isRegularFile(src)) {
            importTgz(src);
        } else {
            throw new ModelLoadException("model source " + src + " (from -D" + SOURCE_PROPERTY + " or " + SOURCE_ENV
                    + ") does not exist; expected a folder with the package's files or the .tgz of " + spec());
        }
    }

    private void importDirectory(Path dir) throws ModelLoadException {
        for (PoseModelFile m : missing()) {
            Path f = dir.resolve(m.fileName());
            Path pf = dir.resolve("package").resolve(m.fileName());
            Path chosen = Files.isRegularFile(f) ? f : Files.isRegularFile(pf) ? pf : null;
            long length = -1;
            if (chosen == null && m == PoseModelFile.DETECTOR) {
                for (Path c : List.of(dir.resolve(PoseModelFile.PACKED_ASSETS), dir.resolve("package").resolve(PoseModelFile.PACKED_ASSETS))) {
                    if (Files.isRegularFile(c)) {
                        chosen = c;
                        length = PoseModelFile.DETECTOR_BYTES;
                        break;
                    }
                }
            }
            if (chosen == null) {
                continue; // reported as missing by the caller
            }
            try (InputStream in = Files.newInputStream(chosen)) {
                install(in, length, m, chosen.toString());
            } catch (IOException e) {
                throw new ModelLoadException("cannot read " + chosen + ": " + e, e);
            }
        }
    }

    private void importTgz(Path tgz) throws ModelLoadException {
        List<PoseModelFile> wanted = missing();
        try (InputStream raw = Files.newInputStream(tgz); InputStream gz = new GZIPInputStream(raw, 1 << 16)) {
            TarReader tar = new TarReader(gz);
            TarReader.Entry e;
            while (!wanted.isEmpty() && (e = tar.next()) != null) {
                if (!e.regularFile()) {
                    continue;
                }
                String base = e.name().substring(e.name().lastIndexOf('/') + 1);
                for (PoseModelFile m : List.copyOf(wanted)) {
                    boolean packed = m == PoseModelFile.DETECTOR && base.equals(PoseModelFile.PACKED_ASSETS);
                    if (base.equals(m.fileName()) || packed) {
                        if (packed && e.size() < PoseModelFile.DETECTOR_BYTES) {
                            throw new ModelLoadException(tgz + ": " + e.name() + " holds " + e.size()
                                    + " bytes, fewer than the detector's " + PoseModelFile.DETECTOR_BYTES + "; is this " + spec() + "?");
                        }
                        install(tar.entryStream(), packed ? PoseModelFile.DETECTOR_BYTES : e.size(), m, tgz + "!" + e.name());
                        wanted.remove(m);
                    }
                }
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot read the package archive " + tgz + " (truncated or corrupt: " + e.getMessage()
                    + "); nothing partial was left in " + cacheDir + ". " + offlineHint(), e);
        }
    }

    /**
     * Copies a model into the cache through a temporary file, verifying its digest before the rename.
     *
     * @param in the bytes (not null, read, not closed)
     * @param length bytes to copy (-1: to the end of the stream)
     */
    private void install(InputStream in, long length, PoseModelFile m, String from) throws IOException, ModelLoadException {
        Path target = cacheDir.resolve(m.fileName());
        try (AtomicFiles.Pending pending = AtomicFiles.open(target)) {
            MessageDigest md = sha256();
            long copied = 0;
            OutputStream out = pending.stream();
            byte[] buf = new byte[1 << 16];
            while (length < 0 || copied < length) {
                int want = length < 0 ? buf.length : (int) Math.min(buf.length, length - copied);
                int r = in.read(buf, 0, want);
                if (r < 0) {
                    break;
                }
                md.update(buf, 0, r);
                out.write(buf, 0, r);
                copied += r;
            }
            if (length >= 0 && copied != length) {
                throw new ModelLoadException(from + " ended after " + copied + " of " + length + " bytes (truncated); "
                        + m.fileName() + " was not installed. " + offlineHint());
            }
            String actual = HexFormat.of().formatHex(md.digest());
            String expected = digests.get(m);
            if (!actual.equals(expected)) {
                throw new ModelLoadException(m.fileName() + " from " + from + " has SHA-256 " + actual + ", expected "
                        + expected + " (" + spec() + "); refusing to use it. " + offlineHint());
            }
            pending.commit();
            LOG.info(() -> "installed " + target + " from " + from);
        }
    }

    private void verify(Path p, PoseModelFile m, String fix) throws ModelLoadException {
        String actual;
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), sha256())) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // reading feeds the digest
            }
            actual = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model " + p + ": " + e + ". " + fix, e);
        }
        String expected = digests.get(m);
        if (!actual.equals(expected)) {
            throw new ModelLoadException("model file " + p + " has SHA-256 " + actual + ", expected " + expected
                    + ": it is corrupt or was modified; refusing to use it. " + fix);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }

    private static String spec() {
        return PACKAGE + "@" + VERSION;
    }

    private static String names(List<PoseModelFile> files) {
        return files.stream().map(PoseModelFile::fileName).toList().toString();
    }

    /**
     * Says how to install the models without npm.
     *
     * @return a sentence naming the package, the files and where they go
     */
    public String offlineHint() {
        return "To install offline: on a machine with npm run 'npm pack " + spec() + "' and point -D" + SOURCE_PROPERTY
                + " (or " + SOURCE_ENV + ") at the .tgz it writes or at a folder holding its files; or copy "
                + names(List.of(PoseModelFile.LITE, PoseModelFile.FULL, PoseModelFile.HEAVY))
                + " from that package, plus " + PoseModelFile.DETECTOR.fileName() + " (the first " + PoseModelFile.DETECTOR_BYTES
                + " bytes of its " + PoseModelFile.PACKED_ASSETS + "), into " + cacheDir
                + " (or another folder named by -D" + DIR_PROPERTY + " / " + DIR_ENV + ")";
    }

    private static Path findTgz(Path dir) throws ModelLoadException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.tgz")) {
            for (Path p : ds) {
                return p;
            }
            return null;
        } catch (IOException e) {
            throw new ModelLoadException("cannot list " + dir + ": " + e, e);
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log).strip();
            return s.length() > 800 ? "..." + s.substring(s.length() - 800) : s;
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove the temporary folder " + dir, e);
        }
    }

    /**
     * Fetches and verifies all models into the configured cache; the Maven build runs this before the tests.
     *
     * @param args ignored
     * @throws ModelLoadException if a model cannot be obtained or verified (fails the build, with the fix)
     */
    public static void main(String[] args) throws ModelLoadException {
        ModelStore store = fromEnvironment();
        store.ensureAll();
        LOG.info(() -> "BlazePose models verified in " + store.cacheDir());
    }
}
