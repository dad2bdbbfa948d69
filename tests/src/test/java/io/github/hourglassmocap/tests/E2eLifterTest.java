package io.github.hourglassmocap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.lift.LifterManifest;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks on the lifter the end-to-end tests measure: it must not have trained on the motion they replay. */
class E2eLifterTest {

    @Test
    void theShippedDefaultsHeldOutTheTestWalk() {
        assertTrue(Files.isRegularFile(E2eLifter.checked(ShippedLifters.HOT, null, false,
                List.of(E2eLifter.TEST_TAKE))));
        assertTrue(Files.isRegularFile(E2eLifter.checked(ShippedLifters.HOT_LIVE, null, false,
                E2eLifter.SALSA_TEST_TAKES)));
    }

    @Test
    void aModelThatTrainedOnTheWalkIsRefusedUnlessAllowed(@TempDir Path dir) throws Exception {
        Path shipped = ShippedLifters.resolve(ShippedLifters.HOT);
        JsonObject o = JsonParser.parseString(Files.readString(LifterManifest.manifestPathFor(shipped)))
                .getAsJsonObject();
        JsonArray val = o.getAsJsonObject("training").getAsJsonArray("validationTakes");
        JsonArray without = new JsonArray();
        val.forEach(e -> {
            if (!e.getAsString().equals(E2eLifter.TEST_TAKE)) {
                without.add(e);
            }
        });
        assertEquals(val.size() - 1, without.size(), "the shipped offline model lists the walk as validation");
        o.getAsJsonObject("training").add("validationTakes", without);
        o.getAsJsonObject("training").remove("heldOutTakes");   // a manifest from before lineages were counted
        Path onnx = dir.resolve("cand.onnx");
        Files.copy(shipped, onnx);
        Files.writeString(LifterManifest.manifestPathFor(onnx), o.toString());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> E2eLifter.checked(ShippedLifters.HOT, onnx.toString(), false, List.of(E2eLifter.TEST_TAKE)));
        assertTrue(e.getMessage().contains(E2eLifter.TEST_TAKE) && e.getMessage().contains("--split take"),
                e.getMessage());
        assertEquals(onnx.toAbsolutePath(), E2eLifter.checked(ShippedLifters.HOT, onnx.toString(), true,
                List.of(E2eLifter.TEST_TAKE)));

        // The walk back among the validation takes, but an earlier stage of the lineage trained on it: refused.
        o.getAsJsonObject("training").add("validationTakes", val);
        o.getAsJsonObject("training").add("heldOutTakes", without);
        Files.writeString(LifterManifest.manifestPathFor(onnx), o.toString());
        assertThrows(IllegalStateException.class,
                () -> E2eLifter.checked(ShippedLifters.HOT, onnx.toString(), false, List.of(E2eLifter.TEST_TAKE)));
    }

    @Test
    void theLiveModelsLineageHeldOutTheSalsaTakesButNotTheWalk() {
        // hot-live-f27's first stages trained on the split by activity, which never held out the walk.
        assertThrows(IllegalStateException.class, () -> E2eLifter.checked(ShippedLifters.HOT_LIVE, null, false,
                List.of(E2eLifter.TEST_TAKE)));
    }
}
