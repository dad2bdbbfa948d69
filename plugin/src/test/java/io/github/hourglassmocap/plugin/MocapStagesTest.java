package io.github.hourglassmocap.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.asset.DesktopAssetManager;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.lift.LifterManifest;
import io.github.hourglassmocap.inference.lift.LifterOptions;
import io.github.hourglassmocap.inference.lift.LiveLifter;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import io.github.hourglassmocap.inference.pipeline.Pose2dSample;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.inference.pipeline.StageFactory;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MocapStagesTest {
    private static final int FRAMES = 40;
    /** Tolerance between two runs of the same model on the same input (metres). */
    private static final float SAME_MODEL = 1e-5f;

    @TempDir
    Path tmp;

    /** A person walking slowly to the right, arms swinging: 17 joints in pixels of a 641x479 frame. */
    private static Pose2dSample sample(int i) {
        float[][] rest = {{320, 250}, {300, 250}, {298, 330}, {296, 410}, {340, 250}, {342, 330}, {344, 410},
            {320, 200}, {320, 150}, {320, 130}, {320, 110}, {350, 155}, {360, 200}, {365, 245}, {290, 155},
            {280, 200}, {275, 245}};
        float[] j = new float[17 * Pose2dSample.STRIDE];
        double swing = Math.sin(i * 0.3);
        for (int k = 0; k < 17; k++) {
            float dx = (float) (k == 13 || k == 3 ? 20 * swing : k == 16 || k == 6 ? -20 * swing : 0);
            j[k * 3] = rest[k][0] + dx + 0.5f * i;
            j[k * 3 + 1] = rest[k][1];
            j[k * 3 + 2] = 0.9f;
        }
        return new Pose2dSample(i, i * 33_333_333L, 641, 479, j);
    }

    /** Streams {@link #FRAMES} frames; checks each pose comes exactly {@code lookahead} frames late. */
    private static List<Pose3dSample> stream(StageFactory<LiveLifter> factory, int lookahead) throws Exception {
        List<Pose3dSample> out = new ArrayList<>();
        try (LiveLifter l = factory.create()) {
            assertEquals(lookahead, l.lookaheadFrames());
            for (int i = 0; i < FRAMES; i++) {
                List<Pose3dSample> got = l.push(sample(i));
                out.addAll(got);
                assertEquals(Math.max(0, i + 1 - lookahead), out.size(), "poses out after frame " + i);
            }
            out.addAll(l.flush());
        }
        assertEquals(FRAMES, out.size());
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(i, out.get(i).frameIndex());
            assertTrue(out.get(i).valid(), "frame " + i);
        }
        return out;
    }

    private static float maxDifference(List<Pose3dSample> a, List<Pose3dSample> b) {
        float max = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int k = 0; k < a.get(i).joints().length; k++) {
                max = Math.max(max, Math.abs(a.get(i).joints()[k] - b.get(i).joints()[k]));
            }
        }
        return max;
    }

    @Test
    void aShippedLifterChosenByNameStreamsWithTheLookaheadAsked() throws Exception {
        MocapStages.checkLifterPresent("htnet-f27");
        List<Pose3dSample> htnet = stream(MocapStages.lifter("htnet-f27", 4, 1), 4);
        Path htnetFile = ShippedLifters.resolve("htnet-f27");
        assertEquals("htnet-f27", LifterManifest.read(LifterManifest.manifestPathFor(htnetFile)).name());
        List<Pose3dSample> direct = stream(() -> LiveLifter.open(htnetFile, LifterOptions.defaults(), 4, 1), 4);
        assertEquals(0, maxDifference(htnet, direct), SAME_MODEL, "the stage runs the model named");
        // By its tag too, and the default is another model (HoT), not HTNet.
        assertEquals(0, maxDifference(htnet, stream(MocapStages.lifter("HTNet", 4, 1), 4)), SAME_MODEL);
        List<Pose3dSample> hot = stream(MocapStages.lifter(null, 4, 1), 4);
        assertTrue(maxDifference(htnet, hot) > 0.005f, "HTNet and HoT must differ: " + maxDifference(htnet, hot));
    }

    @Test
    void theShippedNanoHtNetLiveVariantRunsOnTheLivePath() throws Exception {
        Path liveFile = ShippedLifters.resolve("nanohtnet-live-f27");
        assertEquals(ShippedLifters.NANOHTNET,
                LifterManifest.read(LifterManifest.manifestPathFor(liveFile)).architecture());
        List<Pose3dSample> live = stream(MocapStages.lifter("nanohtnet-live-f27", 0, 1), 0);
        List<Pose3dSample> direct = stream(() -> LiveLifter.open(liveFile, LifterOptions.defaults(), 0, 1), 0);
        assertEquals(0, maxDifference(live, direct), SAME_MODEL, "the stage runs the model named");
        // The tag alone is the offline NanoHTNet, a different model.
        List<Pose3dSample> offline = stream(MocapStages.lifter(ShippedLifters.NANOHTNET, 0, 1), 0);
        assertTrue(maxDifference(live, offline) > 0.001f, "live and offline NanoHTNet must differ");
    }

    @Test
    void noNameMeansTheLiveHotAtEveryLookAheadAndTheTagMeansTheOfflineDefault() throws Exception {
        Path liveFile = ShippedLifters.resolve(ShippedLifters.HOT_LIVE);
        List<Pose3dSample> direct = stream(() -> LiveLifter.open(liveFile, LifterOptions.defaults(), 2, 1), 2);
        assertEquals(0, maxDifference(direct, stream(MocapStages.lifter(null, 2, 1), 2)), SAME_MODEL);
        assertEquals(0, maxDifference(direct, stream(MocapStages.lifter(2, 1), 2)), SAME_MODEL);
        Path hotFile = ShippedLifters.get(ShippedLifters.HOT);
        assertEquals(ShippedLifters.HOT_OFFLINE + ".onnx", hotFile.getFileName().toString());
        List<Pose3dSample> tagged = stream(() -> LiveLifter.open(hotFile, LifterOptions.defaults(), 2, 1), 2);
        assertEquals(0, maxDifference(tagged, stream(MocapStages.lifter("hot", 2, 1), 2)), SAME_MODEL);
        assertTrue(maxDifference(direct, tagged) > 0.001f, "the live HoT and the offline default must differ");
        MocapStages.checkLifterPresent(null);
    }

    @Test
    void noNameAtLookAheadZeroMeansTheLiveHot() throws Exception {
        Path liveFile = ShippedLifters.resolve(ShippedLifters.HOT_LIVE);
        LifterManifest m = LifterManifest.read(LifterManifest.manifestPathFor(liveFile));
        assertEquals(ShippedLifters.HOT, m.architecture());
        List<Pose3dSample> direct = stream(() -> LiveLifter.open(liveFile, LifterOptions.defaults(), 0, 1), 0);
        assertEquals(0, maxDifference(direct, stream(MocapStages.lifter(null, 0, 1), 0)), SAME_MODEL);
        assertEquals(0, maxDifference(direct, stream(MocapStages.lifter(0, 1), 0)), SAME_MODEL);
        List<Pose3dSample> hot = stream(MocapStages.lifter(ShippedLifters.HOT, 0, 1), 0);
        assertTrue(maxDifference(direct, hot) > 0.001f, "the live HoT and the offline default must differ");
    }

    @Test
    void anUnknownLifterFailsAtStageCreationNamingItAndListingTheShippedModels() throws Exception {
        StageFactory<LiveLifter> f = MocapStages.lifter("gigapose-f243", 0, 1);   // making the factory loads nothing
        ModelLoadException e = assertThrows(ModelLoadException.class, f::create);
        for (String part : new String[] {"'gigapose-f243'", "hot-f27 (hot)", "htnet-f27 (htnet)", "mixste-f27 (mixste)"}) {
            assertTrue(e.getMessage().contains(part), "missing " + part + ": " + e.getMessage());
        }
        ModelLoadException early = assertThrows(ModelLoadException.class,
                () -> MocapStages.checkLifterPresent("gigapose-f243"));
        assertEquals(e.getMessage(), early.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MocapStages.lifter(" ", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> MocapStages.lifter("htnet", -1, 1));
        assertThrows(IllegalArgumentException.class, () -> MocapStages.lifter("htnet", 0, 0));
        // A look-ahead beyond the model's window fails when the stage is made.
        assertThrows(IllegalArgumentException.class, () -> MocapStages.lifter("htnet", 27, 1).create());
    }

    @Test
    void aModelAddedToTheCheckoutRunsLiveByNameWithoutCodeChanges() throws Exception {
        // A stand-in with a new manifest name and NanoHTNet's tag (HTNet's weights): a new model needs no code.
        Path models = Files.createDirectories(tmp.resolve("assets").resolve("models"));
        Path htnet = ShippedLifters.resolve("htnet-f27");
        Path nano = Files.copy(htnet, models.resolve("nanohtnet-live-f27.onnx"));
        String json = Files.readString(LifterManifest.manifestPathFor(htnet))
                .replace("\"name\": \"htnet-f27\"", "\"name\": \"nanohtnet-live-f27\"")
                .replace("\"architecture\": \"htnet\"", "\"architecture\": \"" + ShippedLifters.NANOHTNET + "\"")
                .replace("\"file\": \"htnet-f27.onnx\"", "\"file\": \"nanohtnet-live-f27.onnx\"");
        Files.writeString(LifterManifest.manifestPathFor(nano), json);
        List<Pose3dSample> reference = stream(MocapStages.lifter("htnet-f27", 3, 1), 3);
        String home = System.getProperty(ShippedLifters.HOME_PROPERTY);
        System.setProperty(ShippedLifters.HOME_PROPERTY, tmp.toString());
        try {
            MocapStages.checkLifterPresent("nanohtnet-live-f27");
            assertEquals(0, maxDifference(reference, stream(MocapStages.lifter("nanohtnet-live-f27", 3, 1), 3)),
                    SAME_MODEL);
            assertEquals(0, maxDifference(reference, stream(MocapStages.lifter(ShippedLifters.NANOHTNET, 3, 1), 3)),
                    SAME_MODEL);
            // without the HoTs the default, the live HoT at every look-ahead, fails by name, listing what is there
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> MocapStages.lifter(2, 1).create());
            assertTrue(e.getMessage().contains("'" + ShippedLifters.HOT_LIVE + "'")
                    && e.getMessage().contains("nanohtnet-live-f27"), e.getMessage());
            e = assertThrows(ModelLoadException.class, () -> MocapStages.lifter(0, 1).create());
            assertTrue(e.getMessage().contains("'" + ShippedLifters.HOT_LIVE + "'"), e.getMessage());
            assertThrows(ModelLoadException.class, () -> MocapStages.checkLifterPresent(null));
        } finally {
            if (home == null) {
                System.clearProperty(ShippedLifters.HOME_PROPERTY);
            } else {
                System.setProperty(ShippedLifters.HOME_PROPERTY, home);
            }
        }
        assertFalse(Files.isDirectory(tmp.resolve("lifters")), "a checkout's models are used where they are");
    }
    @Test
    void missingVideoFailsWhenOpenedNamingIt() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> MocapStages.liveSource("/no/such/video.mp4").create());
        assertTrue(e.getMessage().contains("/no/such/video.mp4"), e.getMessage());
    }

    @Test
    void shippedLifterOpensForStreaming() throws Exception {
        MocapStages.checkLifterPresent();
        try (LiveLifter l = MocapStages.lifter(2, 1).create()) {
            assertEquals(2, l.lookaheadFrames());
        }
    }

    @Test
    void builtInControlsKnowTheirCharacters() {
        Spatial jaime = BuiltInCharacters.load(new DesktopAssetManager(true), BuiltInCharacters.assetPath("jaime"));
        MocapControl c = MocapStages.builtInControl(jaime, "Jaime", true);
        assertTrue(c.isInPlace());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MocapStages.builtInControl(jaime, "gollum", false));
        assertTrue(e.getMessage().contains("gollum") && e.getMessage().contains("jaime"), e.getMessage());
    }
}
