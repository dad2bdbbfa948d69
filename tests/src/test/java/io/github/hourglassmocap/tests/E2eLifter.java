package io.github.hourglassmocap.tests;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.lift.LifterManifest;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lifter model the end-to-end tests use: the shipped HoT model (offline; {@link #liveModel()}: the live HoT for
 * the live path at look-ahead 0), or the {@code .onnx} (its manifest beside it) or
 * shipped model name ({@code htnet}, {@code htnet-f27}) given by the system property {@value #PROPERTY}, as for
 * {@code mocap lift --model}, so candidate models can be measured without editing code:
 * {@code mvn -B -o -pl tests -am verify -Dtest='BakeEndToEndTest' -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmocap.e2e.lifter=/abs/path/model.onnx}.
 */
final class E2eLifter {
    /**
     * System property naming the lifter model: an absolute path to a {@code .onnx} with its manifest beside it, or
     * a shipped model's name or tag.
     */
    static final String PROPERTY = "mocap.e2e.lifter";
    /**
     * The CMU take the offline end-to-end test renders and recaptures ({@link RenderedTake#WALK}); the model under
     * test must list it among its manifest's validation takes, so that it is scored on motion it never trained on.
     */
    static final String TEST_TAKE = RenderedTake.WALK.takeId();
    /**
     * The CMU takes the held-out salsa tests replay ({@link RenderedTake#HELD_OUT_SALSA}), live and offline; the model
     * under test must list all of them among the takes it held out.
     */
    static final List<String> SALSA_TEST_TAKES = RenderedTake.HELD_OUT_SALSA.stream().map(RenderedTake.Motion::takeId)
            .toList();
    /** The CMU takes of the offline held-out test's other motion kinds ({@link RenderedTake#HELD_OUT_DAZ}). */
    static final List<String> DAZ_TEST_TAKES = RenderedTake.HELD_OUT_DAZ.stream().map(RenderedTake.Motion::takeId)
            .toList();
    /**
     * System property that lets a model trained on a test take be measured anyway (a diagnostic: such a figure is
     * not held out, and the tests print a warning saying so).
     */
    static final String ALLOW_SEEN_PROPERTY = "mocap.e2e.allowSeenTake";
    /** The checked model per (shipped default, test takes), each checked once per test JVM. */
    private static final Map<List<String>, Path> CHECKED = new HashMap<>();

    private E2eLifter() {
    }

    /**
     * Returns the model under test, checked once: it exists, has a manifest, the manifest says it is trained (the
     * end-to-end bounds are for trained models; an untrained placeholder fails here, by name), and the takes it held
     * out (its manifest's training.heldOutTakes, else validationTakes) include {@link #TEST_TAKE}, the tests' walk.
     *
     * @return the {@code .onnx} path
     * @throws IllegalStateException if the property names no file, the manifest is missing or unreadable, the
     *     model is not trained, or it trained on {@link #TEST_TAKE}
     */
    static Path model() {
        return checked(ShippedLifters.HOT, List.of(TEST_TAKE));
    }

    /**
     * Returns the model under test for the live path at look-ahead 0: the one named by {@value #PROPERTY}, or else
     * the shipped live HoT ({@value ShippedLifters#HOT_LIVE}, the plugin's live default at look-ahead 0), checked as
     * {@link #model()} but against {@link #SALSA_TEST_TAKES}, the takes the live accuracy test replays.
     *
     * @return the {@code .onnx} path
     * @throws IllegalStateException as {@link #model()}
     */
    static Path liveModel() {
        return checked(ShippedLifters.HOT_LIVE, SALSA_TEST_TAKES);
    }

    /**
     * Returns the model under test for offline lifting of the held-out salsa clips: the one named by
     * {@value #PROPERTY}, or else the shipped offline HoT ({@value ShippedLifters#HOT}), checked as {@link #model()}
     * but against {@link #SALSA_TEST_TAKES}.
     *
     * @return the {@code .onnx} path
     * @throws IllegalStateException as {@link #model()}
     */
    static Path offlineSalsaModel() {
        return checked(ShippedLifters.HOT, SALSA_TEST_TAKES);
    }

    /**
     * Returns the model under test for offline lifting of the held-out {@code cmu-daz} clips, as
     * {@link #offlineSalsaModel()} but checked against {@link #DAZ_TEST_TAKES}.
     *
     * @return the {@code .onnx} path
     * @throws IllegalStateException as {@link #model()}
     */
    static Path offlineDazModel() {
        return checked(ShippedLifters.HOT, DAZ_TEST_TAKES);
    }

    private static synchronized Path checked(String shipped, List<String> testTakes) {
        List<String> key = new ArrayList<>(testTakes);
        key.add(0, shipped);
        return CHECKED.computeIfAbsent(key, k -> checked(shipped, System.getProperty(PROPERTY),
                Boolean.getBoolean(ALLOW_SEEN_PROPERTY), testTakes));
    }

    /**
     * The checks of {@link #model()} on the model named {@code p} (blank: the shipped model {@code shipped}).
     *
     * @param shipped the shipped model's name, used when {@code p} is blank
     * @param p a file or shipped model name, or null
     * @param allowSeen whether a model that may have trained on a test take is accepted (with a warning)
     * @param testTakes the dataset takes the test replays: each must be among the manifest's validation takes
     * @return the {@code .onnx} path
     * @throws IllegalStateException as {@link #model()}
     */
    static Path checked(String shipped, String p, boolean allowSeen, List<String> testTakes) {
        Path m;
        try {
            // A file, or a shipped model by name or tag, as --lifter of mocap bake takes it.
            m = p == null || p.isBlank() ? ShippedLifters.resolve(shipped).toAbsolutePath()
                    : ShippedLifters.resolve(p).toAbsolutePath();
        } catch (ModelLoadException e) {
            throw new IllegalStateException((p == null || p.isBlank() ? "cannot find the shipped lifter " + shipped
                    + ": " : "-D" + PROPERTY + "=" + p + ": ") + e.getMessage(), e);
        }
        if (!Files.isRegularFile(m)) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + p + ": no such file; expected an .onnx lifter"
                    + " with its manifest (.json) beside it");
        }
        Path manifest = LifterManifest.manifestPathFor(m);
        JsonObject o;
        try {
            LifterManifest.read(manifest);
            o = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
        } catch (ModelLoadException | IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the lifter manifest " + manifest + " of " + m + ": "
                    + e.getMessage(), e);
        }
        if (!o.has("trained") || !o.get("trained").isJsonPrimitive() || !o.get("trained").getAsBoolean()) {
            throw new IllegalStateException(manifest + ": \"trained\" is not true; the end-to-end accuracy bounds"
                    + " are for a trained lifter (set -D" + PROPERTY + " to a trained model)");
        }
        Set<String> held = heldOutTakes(o);
        List<String> seen = testTakes.stream().filter(t -> !held.contains(t)).toList();
        if (!seen.isEmpty()) {
            String what = manifest + ": " + String.join(", ", seen) + " not among the takes the model held out"
                    + " (training.heldOutTakes, else validationTakes), so it may have trained on the motion this test"
                    + " renders and recaptures";
            if (!allowSeen) {
                throw new IllegalStateException(what + "; its figures here would not be held out. Train with a"
                        + " split that holds it out (training/train.py --split take), or pass -D"
                        + ALLOW_SEEN_PROPERTY + "=true to measure it anyway as a diagnostic");
            }
            System.err.println("WARNING: " + what + "; measured anyway (-D" + ALLOW_SEEN_PROPERTY
                    + "=true): these figures are not held out");
        }
        return m;
    }

    /**
     * The takes the model never trained on: training.heldOutTakes (the exporter's intersection over the model's whole
     * --init-from lineage, training/hot/lineage.py) when the manifest has it, else training.validationTakes (a model
     * trained from scratch, or exported before heldOutTakes existed).
     */
    private static Set<String> heldOutTakes(JsonObject manifest) {
        Set<String> out = new HashSet<>();
        if (manifest.has("training") && manifest.get("training").isJsonObject()) {
            JsonObject t = manifest.getAsJsonObject("training");
            String key = t.has("heldOutTakes") ? "heldOutTakes" : "validationTakes";
            if (t.has(key) && t.get(key).isJsonArray()) {
                t.getAsJsonArray(key).forEach(e -> {
                    if (e.isJsonPrimitive()) {
                        out.add(e.getAsString());
                    }
                });
            }
        }
        return out;
    }
}
