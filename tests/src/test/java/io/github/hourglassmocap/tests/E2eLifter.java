package io.github.hourglassmocap.tests;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.lift.LifterManifest;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    private static Path model;
    private static Path liveModel;

    private E2eLifter() {
    }

    /**
     * Returns the model under test, checked once: it exists, has a manifest, and the manifest says it is trained
     * (the end-to-end bounds are for trained models; an untrained placeholder fails here, by name).
     *
     * @return the {@code .onnx} path
     * @throws IllegalStateException if the property names no file, the manifest is missing or unreadable, or the
     *     model is not trained
     */
    static synchronized Path model() {
        if (model == null) {
            model = checked(ShippedLifters.HOT);
        }
        return model;
    }

    /**
     * Returns the model under test for the live path at look-ahead 0: the one named by {@value #PROPERTY}, or else
     * the shipped live HoT ({@value ShippedLifters#HOT_LIVE}, the plugin's live default at look-ahead 0), checked as
     * {@link #model()}.
     *
     * @return the {@code .onnx} path
     * @throws IllegalStateException as {@link #model()}
     */
    static synchronized Path liveModel() {
        if (liveModel == null) {
            liveModel = checked(ShippedLifters.HOT_LIVE);
        }
        return liveModel;
    }

    private static Path checked(String shipped) {
        String p = System.getProperty(PROPERTY);
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
        return m;
    }
}
