package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.model.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedLiftersTest {
    /** The checkout's models, which the build copies into the jar. */
    private static final Path CHECKOUT_MODELS = Path.of("..", "assets", "models");
    @TempDir
    Path tmp;
    private String home;
    private String cache;

    @BeforeEach
    void saveProperties() {
        home = System.getProperty(ShippedLifters.HOME_PROPERTY);
        cache = System.getProperty(ModelStore.DIR_PROPERTY);
    }

    @AfterEach
    void restoreProperties() {
        restore(ShippedLifters.HOME_PROPERTY, home);
        restore(ModelStore.DIR_PROPERTY, cache);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void withoutACheckoutTheModelsComeFromTheClasspathIntoTheCache() throws Exception {
        System.clearProperty(ShippedLifters.HOME_PROPERTY);
        System.setProperty(ModelStore.DIR_PROPERTY, tmp.toString());
        Path folder = ShippedLifters.modelsFolder();
        assertTrue(folder.startsWith(tmp.resolve("lifters")), "models must land in the cache, not be looked up"
                + " from the working directory: " + folder);
        Path hot = ShippedLifters.get(ShippedLifters.HOT);
        assertEquals(folder, hot.getParent());
        assertArrayEquals(Files.readAllBytes(CHECKOUT_MODELS.resolve(hot.getFileName())), Files.readAllBytes(hot),
                "the copy must be the shipped model byte for byte");
        assertTrue(Files.isRegularFile(LifterManifest.manifestPathFor(hot)));
        assertEquals(ShippedLifters.BASELINE, LifterManifest.read(LifterManifest.manifestPathFor(
                ShippedLifters.get(ShippedLifters.BASELINE))).architecture().toLowerCase(java.util.Locale.ROOT));
        assertTrue(Files.list(folder).noneMatch(p -> p.getFileName().toString().contains("golden")),
                "the golden test tensors are not shipped");
        assertEquals(folder, ShippedLifters.modelsFolder(), "a second call finds the same copy");
    }

    @Test
    void aCopyDeletedBehindTheProcessesBackIsMadeAgain() throws Exception {
        Path root = tmp.resolve("cache");
        Path first = ShippedLifters.extractedFolder(root);
        Path hot = ShippedLifters.get(first, ShippedLifters.HOT);
        Files.delete(hot);
        Files.delete(LifterManifest.manifestPathFor(hot));
        try (var rest = Files.list(first)) {   // the other models and the model card
            for (Path p : rest.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(first);
        Path again = ShippedLifters.extractedFolder(root);
        assertEquals(first, again, "the folder is named by the content, so the same models land in the same place");
        assertTrue(Files.isRegularFile(ShippedLifters.get(again, ShippedLifters.HOT)));
    }

    @Test
    void aCheckoutNamedByMocapHomeIsUsedAsIs() throws Exception {
        System.setProperty(ShippedLifters.HOME_PROPERTY, Path.of("..").toAbsolutePath().normalize().toString());
        assertEquals(Path.of("..").toAbsolutePath().normalize().resolve("assets").resolve("models"),
                ShippedLifters.modelsFolder());
        // A home without assets/models falls back to the classpath.
        System.setProperty(ShippedLifters.HOME_PROPERTY, tmp.toString());
        System.setProperty(ModelStore.DIR_PROPERTY, tmp.resolve("c").toString());
        assertTrue(ShippedLifters.modelsFolder().startsWith(tmp.resolve("c")));
    }

    @Test
    void anUnknownArchitectureSaysWhatIsThere() throws Exception {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ShippedLifters.get(ShippedLifters.extractedFolder(tmp), "huge"));
        assertTrue(e.getMessage().contains("hot-f27.onnx (hot)") && e.getMessage().contains("--model"), e.getMessage());
    }

    @Test
    void aShippedModelIsFoundByItsNameOrArchitectureAndAFileAsIs() throws Exception {
        Path folder = PoseLifterTest.SHIPPED;
        Path htnet = folder.resolve("htnet-f27.onnx");
        assertEquals(htnet, ShippedLifters.resolve(folder, "htnet"));
        assertEquals(htnet, ShippedLifters.resolve(folder, "HTNet-F27"));
        assertEquals(htnet, ShippedLifters.resolve(folder, "htnet-f27.onnx"));
        assertEquals(folder.resolve(ShippedLifters.HOT_OFFLINE + ".onnx"), ShippedLifters.resolve(folder, "hot"));
        assertEquals(folder.resolve("mixste-f27.onnx"), ShippedLifters.resolve(folder, "mixste"));
        assertEquals(folder.resolve("frame-mlp-f27.onnx"), ShippedLifters.resolve(folder, "mlp"));
        Path own = Files.copy(htnet, tmp.resolve("mine.onnx"));
        assertEquals(own, ShippedLifters.resolve(folder, own.toString()), "an existing file is taken as is");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ShippedLifters.resolve(folder, "huge"));
        assertTrue(e.getMessage().contains("unknown lifter 'huge'") && e.getMessage().contains("htnet-f27 (htnet)")
                && e.getMessage().contains("hot-f27 (hot)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShippedLifters.resolve(" "));
    }

    @Test
    void htnetChosenByNameFromTheClasspathLoadsAndLiftsAWindow() throws Exception {
        System.clearProperty(ShippedLifters.HOME_PROPERTY);
        System.setProperty(ModelStore.DIR_PROPERTY, tmp.toString());
        Path model = ShippedLifters.resolve("htnet");
        assertTrue(model.startsWith(tmp), "the shipped copy in the cache: " + model);
        Path golden = GoldenTensors.goldenPathFor(PoseLifterTest.SHIPPED.resolve("htnet-f27.onnx"));
        try (PoseLifter lifter = PoseLifter.open(model)) {
            assertEquals("htnet-f27", lifter.manifest().name());
            assertEquals(ShippedLifters.HTNET, lifter.manifest().architecture());
            assertEquals(27, lifter.frames());
            assertEquals(27, lifter.outputFrames());
            GoldenTensors.Case c = GoldenTensors.read(golden, 27, 27).get(0);
            float[][][] out = lifter.run(c.input());
            assertEquals(27, out.length);
            for (int t = 0; t < 27; t++) {
                for (int j = 0; j < 17; j++) {
                    for (int k = 0; k < 3; k++) {
                        assertEquals(c.output()[t][j][k], out[t][j][k], PoseLifterTest.PARITY_TOLERANCE,
                                "frame " + t + " joint " + j);
                    }
                }
            }
        }
    }

    /** Copies a shipped model and its manifest into {@code folder} under another name and architecture tag. */
    static Path copyAs(Path shipped, Path folder, String name, String architecture) throws Exception {
        Path onnx = Files.copy(shipped, folder.resolve(name + ".onnx"));
        String json = Files.readString(LifterManifest.manifestPathFor(shipped));
        String old = LifterManifest.read(LifterManifest.manifestPathFor(shipped)).name();
        json = json.replace("\"name\": \"" + old + "\"", "\"name\": \"" + name + "\"")
                .replace("\"file\": \"" + old + ".onnx\"", "\"file\": \"" + name + ".onnx\"")
                .replaceFirst("\"architecture\": \"[^\"]*\"", "\"architecture\": \"" + architecture + "\"");
        Files.writeString(LifterManifest.manifestPathFor(onnx), json);
        LifterManifest m = LifterManifest.read(LifterManifest.manifestPathFor(onnx));
        assertEquals(name, m.name());
        assertEquals(architecture, m.architecture());
        return onnx;
    }

    @Test
    void theOneListingHoldsEveryModelWithAManifestSortedByFileName() throws Exception {
        var listed = ShippedLifters.list(PoseLifterTest.SHIPPED);
        assertEquals(java.util.List.of("frame-mlp-f27 (mlp)", "hot-f27 (hot)", "hot-f81 (hot)", "hot-live-f27 (hot)", "hot-rendered-f27 (hot)",
                "htnet-f27 (htnet)",
                "mixste-f27 (mixste)", "nanohtnet-f27 (nanohtnet)", "nanohtnet-live-f27 (nanohtnet)"),
                listed.stream().map(ShippedLifters.Listed::label).toList());
        for (ShippedLifters.Listed l : listed) {
            assertEquals(l.manifest().name() + ".onnx", l.onnx().getFileName().toString());
        }
        // Five HoTs share the tag: the tag alone finds the one whose manifest recommends it, the offline default
        // (HOT_OFFLINE, not the first by file name); hot-f27, the long-window option and the live variant are chosen
        // by name. Exactly one shipped manifest recommends its model.
        assertEquals(ShippedLifters.HOT_OFFLINE + ".onnx", ShippedLifters.get(PoseLifterTest.SHIPPED,
                ShippedLifters.HOT).getFileName().toString());
        assertEquals(java.util.List.of(ShippedLifters.HOT_OFFLINE), listed.stream()
                .filter(l -> l.manifest().recommended()).map(l -> l.manifest().name()).toList());
        Path f81 = ShippedLifters.resolve(PoseLifterTest.SHIPPED, "hot-f81");
        assertEquals(81, LifterManifest.read(LifterManifest.manifestPathFor(f81)).frames());
        // An .onnx without a manifest is no model; a missing folder has none.
        Files.copy(PoseLifterTest.SHIPPED.resolve("htnet-f27.onnx"), tmp.resolve("stray.onnx"));
        assertEquals(java.util.List.of(), ShippedLifters.list(tmp));
        assertEquals(java.util.List.of(), ShippedLifters.list(tmp.resolve("missing")));
        assertEquals(null, ShippedLifters.find(tmp.resolve("missing"), l -> true));
    }

    @Test
    void aNewArchitectureIsFoundByNameAndTagWithoutCodeChanges() throws Exception {
        // Stand-ins (HTNet's weights) with NanoHTNet's tag in a fresh folder, one offline model and one live variant.
        Path hot = Files.copy(PoseLifterTest.SHIPPED.resolve("hot-f27.onnx"), tmp.resolve("hot-f27.onnx"));
        Files.copy(LifterManifest.manifestPathFor(PoseLifterTest.SHIPPED.resolve("hot-f27.onnx")),
                LifterManifest.manifestPathFor(hot));
        Path htnet = PoseLifterTest.SHIPPED.resolve("htnet-f27.onnx");
        Path nano = copyAs(htnet, tmp, "nanohtnet-f27", ShippedLifters.NANOHTNET);
        Path live = copyAs(htnet, tmp, "nanohtnet-live-f27", ShippedLifters.NANOHTNET);
        assertEquals(nano, ShippedLifters.resolve(tmp, "nanohtnet"), "the first of the tag by file name");
        assertEquals(nano, ShippedLifters.resolve(tmp, "NanoHTNet"));
        assertEquals(live, ShippedLifters.resolve(tmp, "nanohtnet-live-f27"));
        assertEquals(live, ShippedLifters.resolve(tmp, "nanohtnet-live-f27.onnx"));
        assertEquals(nano, ShippedLifters.get(tmp, ShippedLifters.NANOHTNET));
        assertEquals(hot, ShippedLifters.get(tmp, ShippedLifters.HOT));
        // A manifest name wins over a tag even when the tag's model comes first.
        Path tagged = copyAs(htnet, tmp, "a-model", "zeta");
        Path named = copyAs(htnet, tmp, "zeta", "other");
        assertEquals(tagged, ShippedLifters.resolve(tmp, "a-model"));
        assertEquals(named, ShippedLifters.resolve(tmp, "zeta"));
        assertEquals(tagged, ShippedLifters.get(tmp, "zeta"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ShippedLifters.resolve(tmp, "htnet"));
        assertTrue(e.getMessage().contains("nanohtnet-live-f27 (nanohtnet)") && e.getMessage().contains("hot-f27 (hot)"),
                e.getMessage());
    }

    @Test
    void aTagFindsTheRecommendedModelOfItsArchitectureElseTheFirstAndPassesOverABrokenManifest() throws Exception {
        Path htnet = PoseLifterTest.SHIPPED.resolve("htnet-f27.onnx");
        Path first = copyAs(htnet, tmp, "a-nano", ShippedLifters.NANOHTNET);
        Path second = copyAs(htnet, tmp, "b-nano", ShippedLifters.NANOHTNET);
        assertEquals(first, ShippedLifters.get(tmp, ShippedLifters.NANOHTNET), "none recommended: the first by name");
        Path json = LifterManifest.manifestPathFor(second);
        String good = Files.readString(json);
        assertTrue(good.contains("\"recommended\": false"), "the copied manifest says recommended: false");
        Files.writeString(json, good.replace("\"recommended\": false", "\"recommended\": true"));
        assertEquals(second, ShippedLifters.get(tmp, ShippedLifters.NANOHTNET));
        assertEquals(second, ShippedLifters.resolve(tmp, "nanohtnet"));
        assertEquals(first, ShippedLifters.resolve(tmp, "a-nano"), "a name still finds its own model");
        assertTrue(LifterManifest.read(json).recommended());
        assertFalse(LifterManifest.read(LifterManifest.manifestPathFor(first)).recommended());
        // a broken manifest is passed over by the search for the recommended model, and named when reached
        Path broken = Files.copy(htnet, tmp.resolve("0-broken.onnx"));
        Files.writeString(LifterManifest.manifestPathFor(broken), "{\"version\": 1, \"name\": ");
        assertEquals(second, ShippedLifters.get(tmp, ShippedLifters.NANOHTNET));
        Files.writeString(json, good);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ShippedLifters.get(tmp, ShippedLifters.NANOHTNET));
        assertTrue(e.getMessage().contains("0-broken.json"), e.getMessage());
        // "recommended" must be a boolean
        Files.writeString(json, good.replace("\"recommended\": false", "\"recommended\": \"yes\""));
        e = assertThrows(ModelLoadException.class, () -> LifterManifest.read(json));
        assertTrue(e.getMessage().contains("recommended") && e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void aLookupReadsManifestsOnlyUpToItsMatchAndNamesABrokenOne() throws Exception {
        Path hot = Files.copy(PoseLifterTest.SHIPPED.resolve("hot-f27.onnx"), tmp.resolve("hot-f27.onnx"));
        Files.copy(LifterManifest.manifestPathFor(PoseLifterTest.SHIPPED.resolve("hot-f27.onnx")),
                LifterManifest.manifestPathFor(hot));
        Path broken = Files.copy(hot, tmp.resolve("nanohtnet-f27.onnx"));
        Files.writeString(LifterManifest.manifestPathFor(broken), "{\"version\": 1, \"name\": ");
        assertEquals(hot, ShippedLifters.get(tmp, ShippedLifters.HOT), "a model before a broken manifest is found");
        assertEquals(hot, ShippedLifters.resolve(tmp, "hot-f27"));
        for (var lookup : java.util.List.<org.junit.jupiter.api.function.Executable>of(
                () -> ShippedLifters.get(tmp, ShippedLifters.NANOHTNET), () -> ShippedLifters.resolve(tmp, "nanohtnet"),
                () -> ShippedLifters.list(tmp))) {
            ModelLoadException e = assertThrows(ModelLoadException.class, lookup);
            assertTrue(e.getMessage().contains("nanohtnet-f27.json"), e.getMessage());
        }
    }
}
