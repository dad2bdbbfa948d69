package io.github.hourglassmocap.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.hourglassmocap.inference.ModelLoadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path tmp;

    /** Fake model contents: small random bytes, and a packed-assets file longer than the detector slice. */
    private final Map<PoseModelFile, byte[]> content = new EnumMap<>(PoseModelFile.class);
    private byte[] packed;
    private Map<PoseModelFile, String> digests;

    @BeforeEach
    void fakeModels() throws Exception {
        Random r = new Random(7);
        for (PoseModelFile m : List.of(PoseModelFile.LITE, PoseModelFile.FULL, PoseModelFile.HEAVY)) {
            byte[] b = new byte[1000 + m.ordinal() * 777];
            r.nextBytes(b);
            content.put(m, b);
        }
        packed = new byte[PoseModelFile.DETECTOR_BYTES + 513];
        r.nextBytes(packed);
        content.put(PoseModelFile.DETECTOR, Arrays.copyOf(packed, PoseModelFile.DETECTOR_BYTES));
        digests = new EnumMap<>(PoseModelFile.class);
        for (var e : content.entrySet()) {
            digests.put(e.getKey(), sha(e.getValue()));
        }
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** The package layout npm pack writes: everything under package/. */
    private Map<String, byte[]> packageEntries() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("package/package.json", "{\"name\":\"@mediapipe/pose\"}".getBytes(StandardCharsets.UTF_8));
        m.put("package/pose_landmark_full.tflite", content.get(PoseModelFile.FULL));
        m.put("package/pose_solution_packed_assets.data", packed);
        m.put("package/pose_landmark_heavy.tflite", content.get(PoseModelFile.HEAVY));
        m.put("package/pose_landmark_lite.tflite", content.get(PoseModelFile.LITE));
        return m;
    }

    private static byte[] tgz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                byte[] h = new byte[512];
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                System.arraycopy(name, 0, h, 0, name.length);
                putOctal(h, 100, 8, 0644);
                putOctal(h, 124, 12, e.getValue().length);
                putOctal(h, 136, 12, 0);
                h[156] = '0';
                System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
                h[263] = '0';
                h[264] = '0';
                Arrays.fill(h, 148, 156, (byte) ' ');
                int sum = 0;
                for (byte b : h) {
                    sum += b & 0xff;
                }
                putOctal(h, 148, 7, sum);
                gz.write(h);
                gz.write(e.getValue());
                gz.write(new byte[(512 - e.getValue().length % 512) % 512]);
            }
            gz.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    private static void putOctal(byte[] h, int off, int len, long v) {
        String s = String.format("%0" + (len - 1) + "o", v);
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
    }

    private Path writeTgz() throws IOException {
        Path p = tmp.resolve("mediapipe-pose-0.5.1675469404.tgz");
        Files.write(p, tgz(packageEntries()));
        return p;
    }

    private void assertInstalled(Path cache) throws Exception {
        for (PoseModelFile m : PoseModelFile.values()) {
            assertArrayEquals(content.get(m), Files.readAllBytes(cache.resolve(m.fileName())), m.fileName());
        }
    }

    private static void assertNoPartialFiles(Path cache) throws IOException {
        if (!Files.exists(cache)) {
            return;
        }
        try (Stream<Path> s = Files.list(cache)) {
            List<Path> left = s.toList();
            assertTrue(left.stream().noneMatch(p -> p.getFileName().toString().endsWith(".part")
                    || p.getFileName().toString().startsWith(".npm-pack-")), "left over: " + left);
            for (PoseModelFile m : PoseModelFile.values()) {
                assertFalse(Files.exists(cache.resolve(m.fileName())), m.fileName() + " must not be installed");
            }
        }
    }

    @Test
    void importsFromTgzIncludingTheDetectorSlice() throws Exception {
        Path cache = tmp.resolve("cache");
        ModelStore store = new ModelStore(cache, writeTgz(), "/nonexistent/npm", digests);
        Path det = store.getModel(PoseModelFile.DETECTOR);
        assertEquals(cache.resolve("pose_detection.tflite"), det);
        assertEquals(PoseModelFile.DETECTOR_BYTES, Files.size(det));
        store.ensureAll();
        assertInstalled(cache);
    }

    @Test
    void importsFromFolderWithPackedAssetsOrDetectorFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("offline/package"));
        for (var e : packageEntries().entrySet()) {
            Files.write(tmp.resolve("offline").resolve(e.getKey()), e.getValue());
        }
        Path cache = tmp.resolve("cache");
        new ModelStore(cache, dir.getParent(), "/nonexistent/npm", digests).ensureAll();
        assertInstalled(cache);

        Path flat = Files.createDirectories(tmp.resolve("flat"));
        for (PoseModelFile m : PoseModelFile.values()) {
            Files.write(flat.resolve(m.fileName()), content.get(m));
        }
        Path cache2 = tmp.resolve("cache2");
        new ModelStore(cache2, flat, "/nonexistent/npm", digests).ensureAll();
        assertInstalled(cache2);
    }

    @Test
    void cacheFolderAlreadyHoldingTheFilesNeedsNoSource() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        for (PoseModelFile m : PoseModelFile.values()) {
            Files.write(cache.resolve(m.fileName()), content.get(m));
        }
        ModelStore store = new ModelStore(cache, null, "/nonexistent/npm", digests);
        assertEquals(cache.resolve("pose_landmark_full.tflite"), store.getModel(PoseModelFile.FULL));
    }

    @Test
    void tamperedCachedFileIsRefusedAndNamed() throws Exception {
        Path cache = tmp.resolve("cache");
        ModelStore store = new ModelStore(cache, writeTgz(), "/nonexistent/npm", digests);
        store.ensureAll();
        Path lite = cache.resolve("pose_landmark_lite.tflite");
        byte[] b = Files.readAllBytes(lite);
        b[b.length / 2] ^= 1;
        Files.write(lite, b);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> store.getModel(PoseModelFile.LITE));
        assertTrue(e.getMessage().contains(lite.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(digests.get(PoseModelFile.LITE)), e.getMessage());
        // the other models are untouched and still usable
        store.getModel(PoseModelFile.FULL);
    }

    @Test
    void wrongDigestInSourceIsNeverInstalled() throws Exception {
        Map<PoseModelFile, String> wrong = new EnumMap<>(digests);
        wrong.put(PoseModelFile.HEAVY, "0".repeat(64));
        Path cache = tmp.resolve("cache");
        ModelStore store = new ModelStore(cache, writeTgz(), "/nonexistent/npm", wrong);
        ModelLoadException e = assertThrows(ModelLoadException.class, store::ensureAll);
        assertTrue(e.getMessage().contains("pose_landmark_heavy.tflite"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("pose_landmark_heavy.tflite")));
        try (Stream<Path> s = Files.list(cache)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".part")));
        }
    }

    @Test
    void pinnedDigestsRejectFakeContent() throws Exception {
        Path cache = tmp.resolve("cache");
        ModelStore store = new ModelStore(cache, writeTgz(), "/nonexistent/npm");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> store.getModel(PoseModelFile.LITE));
        // the archive lists the full model first, so that is the first file refused
        assertTrue(e.getMessage().contains("pose_landmark_full.tflite") && e.getMessage().contains(PoseModelFile.FULL.sha256()), e.getMessage());
    }

    @Test
    void missingNpmSaysWhichPackageAndFilesToSupplyAndWhere() throws Exception {
        Path cache = tmp.resolve("cache");
        ModelStore store = new ModelStore(cache, null, tmp.resolve("no-such-npm").toString(), digests);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> store.getModel(PoseModelFile.LITE));
        String m = e.getMessage();
        assertTrue(m.contains("no-such-npm"), m);
        assertTrue(m.contains("@mediapipe/pose@0.5.1675469404"), m);
        for (PoseModelFile f : PoseModelFile.values()) {
            assertTrue(m.contains(f.fileName()), m);
        }
        assertTrue(m.contains(cache.toString()), m);
        assertTrue(m.contains(ModelStore.SOURCE_PROPERTY), m);
        assertNoPartialFiles(cache);
    }

    /** The same through the system properties a user would set: an empty cache and a missing npm executable. */
    @Test
    void missingNpmNamedBySystemProperty() throws Exception {
        String[] keys = {ModelStore.DIR_PROPERTY, ModelStore.NPM_PROPERTY, ModelStore.SOURCE_PROPERTY};
        String[] old = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            old[i] = System.getProperty(keys[i]);
        }
        try {
            Path cache = tmp.resolve("empty-cache");
            System.setProperty(ModelStore.DIR_PROPERTY, cache.toString());
            System.setProperty(ModelStore.NPM_PROPERTY, tmp.resolve("bin/npm-not-here").toString());
            System.clearProperty(ModelStore.SOURCE_PROPERTY);
            ModelStore store = ModelStore.fromEnvironment();
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> store.getModel(PoseModelFile.FULL));
            String m = e.getMessage();
            assertTrue(m.contains("npm-not-here") && m.contains("npm pack @mediapipe/pose@0.5.1675469404")
                    && m.contains("pose_landmark_full.tflite") && m.contains("pose_detection.tflite") && m.contains(cache.toString()), m);
            assertNoPartialFiles(cache);
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (old[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], old[i]);
                }
            }
        }
    }

    @Test
    void truncatedArchiveLeavesNothingBehind() throws Exception {
        byte[] full = tgz(packageEntries());
        Path cut = tmp.resolve("cut.tgz");
        Files.write(cut, Arrays.copyOf(full, full.length * 2 / 3));
        Path cache = tmp.resolve("cache");
        ModelStore store = new ModelStore(cache, cut, "/nonexistent/npm", digests);
        ModelLoadException e = assertThrows(ModelLoadException.class, store::ensureAll);
        assertTrue(e.getMessage().contains("cut.tgz"), e.getMessage());
        try (Stream<Path> s = Files.list(cache)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".part")));
        }
    }

    private Path fakeNpm(String body) throws IOException {
        assumeTrue(Files.getFileStore(tmp).supportsFileAttributeView("posix"), "needs a POSIX shell");
        Path script = tmp.resolve("npm");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void npmPackIsRunWithThePinnedSpecAndItsArchiveImported() throws Exception {
        Path tgz = writeTgz();
        Path npm = fakeNpm("[ \"$1\" = pack ] && [ \"$2\" = '@mediapipe/pose@0.5.1675469404' ] || exit 3\n"
                + "cp '" + tgz + "' ./mediapipe-pose-0.5.1675469404.tgz");
        Path cache = tmp.resolve("cache");
        new ModelStore(cache, null, npm.toString(), digests).ensureAll();
        assertInstalled(cache);
        try (Stream<Path> s = Files.list(cache)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".npm-pack-")));
        }
    }

    @Test
    void interruptedNpmDownloadLeavesNothingBehind() throws Exception {
        byte[] full = tgz(packageEntries());
        Path half = tmp.resolve("half.tgz");
        Files.write(half, Arrays.copyOf(full, full.length / 2));
        Path npm = fakeNpm("cp '" + half + "' ./mediapipe-pose-0.5.1675469404.tgz\necho 'network error' >&2\nexit 1");
        Path cache = tmp.resolve("cache");
        ModelStore store = new ModelStore(cache, null, npm.toString(), digests);
        ModelLoadException e = assertThrows(ModelLoadException.class, store::ensureAll);
        assertTrue(e.getMessage().contains("network error"), e.getMessage());
        assertNoPartialFiles(cache);

        // npm "succeeded" but the archive is cut short: also refused, also no leftovers
        Path npm2 = fakeNpm("cp '" + half + "' ./mediapipe-pose-0.5.1675469404.tgz");
        ModelStore store2 = new ModelStore(tmp.resolve("cache2"), null, npm2.toString(), digests);
        assertThrows(ModelLoadException.class, store2::ensureAll);
        try (Stream<Path> s = Files.list(tmp.resolve("cache2"))) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".part") || p.getFileName().toString().startsWith(".npm-pack-")));
        }
    }

    @Test
    void nonexistentSourceIsNamed() {
        Path cache = tmp.resolve("cache");
        ModelStore store = new ModelStore(cache, tmp.resolve("nowhere.tgz"), "npm", digests);
        ModelLoadException e = assertThrows(ModelLoadException.class, store::ensureAll);
        assertTrue(e.getMessage().contains("nowhere.tgz"), e.getMessage());
    }

    @Test
    void environmentSettingsAreRead() {
        String old = System.getProperty(ModelStore.DIR_PROPERTY);
        try {
            System.setProperty(ModelStore.DIR_PROPERTY, tmp.resolve("x").toString());
            assertEquals(tmp.resolve("x").toAbsolutePath(), ModelStore.fromEnvironment().cacheDir());
        } finally {
            if (old == null) {
                System.clearProperty(ModelStore.DIR_PROPERTY);
            } else {
                System.setProperty(ModelStore.DIR_PROPERTY, old);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new ModelStore(tmp, null, " "));
    }

    /** The real models, fetched by the build before the tests (process-test-classes), match the pinned digests. */
    @Test
    void realModelsAreInstalledAndVerified() throws Exception {
        ModelStore store = ModelStore.fromEnvironment();
        store.ensureAll();
        assertEquals(PoseModelFile.DETECTOR_BYTES, Files.size(store.getModel(PoseModelFile.DETECTOR)));
    }
}
