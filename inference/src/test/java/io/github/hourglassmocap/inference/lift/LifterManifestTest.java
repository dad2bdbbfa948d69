package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifterManifestTest {
    @Test
    void readsTheTinyManifests() throws Exception {
        LifterManifest m = LifterManifest.read(PoseLifterTest.resource("tiny-seq2seq.json"));
        assertEquals("tiny-seq2seq", m.name());
        assertEquals(9, m.frames());
        assertEquals(9, m.outputFrames());
        assertEquals("keypoints", m.inputName());
        assertArrayEquals(new long[] {1, 9, 17, 3}, m.outputShape());
        assertEquals(12345, m.flopsPerWindow());
        assertEquals(1, LifterManifest.read(PoseLifterTest.resource("tiny-seq2frame.json")).outputFrames());
        assertEquals(Path.of("a/b.json"), LifterManifest.manifestPathFor(Path.of("a/b.onnx")));
    }

    private static ModelLoadException broken(Path dir, java.util.function.Consumer<JsonObject> edit) throws Exception {
        JsonObject m = JsonParser.parseString(Files.readString(PoseLifterTest.resource("tiny-seq2seq.json"))).getAsJsonObject();
        edit.accept(m);
        Path p = dir.resolve("m.json");
        Files.writeString(p, m.toString());
        return assertThrows(ModelLoadException.class, () -> LifterManifest.read(p));
    }

    @Test
    void inconsistentManifestsAreClearErrors(@TempDir Path dir) throws Exception {
        assertTrue(broken(dir, m -> m.addProperty("version", 3)).getMessage().contains("version 3"));
        assertTrue(broken(dir, m -> m.addProperty("frames", 27)).getMessage().contains("input.shape"));
        assertTrue(broken(dir, m -> m.addProperty("joints", 16)).getMessage().contains("joints"));
        assertTrue(broken(dir, m -> m.getAsJsonObject("input").addProperty("normalisation", "bbox"))
                .getMessage().contains("[screen]"));
        assertTrue(broken(dir, m -> m.remove("output")).getMessage().contains("'output'"));
        assertTrue(broken(dir, m -> m.getAsJsonArray("jointOrder").set(0, new com.google.gson.JsonPrimitive("hip")))
                .getMessage().contains("jointOrder"));
        Path notJson = dir.resolve("n.json");
        Files.writeString(notJson, "not json {");
        assertThrows(ModelLoadException.class, () -> LifterManifest.read(notJson));
        assertThrows(ModelLoadException.class, () -> LifterManifest.read(dir.resolve("missing.json")));
    }
}
