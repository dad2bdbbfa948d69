package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.hourglassmocap.inference.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenTensorsTest {
    @Test
    void readsSingleAndMultipleCases(@TempDir Path dir) throws Exception {
        List<GoldenTensors.Case> one = GoldenTensors.read(PoseLifterTest.resource("tiny-seq2seq.golden.json"), 9, 9);
        assertEquals(1, one.size());
        assertEquals(9, one.get(0).input().length);
        StringBuilder in = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 17 * 2; i++) {
            in.append(i == 0 ? "" : ",").append(i);
        }
        for (int i = 0; i < 17 * 3; i++) {
            out.append(i == 0 ? "" : ",").append(-i);
        }
        Path p = dir.resolve("g.golden.json");
        String c = "{\"input\": [" + in + "], \"output\": [" + out + "]}";
        Files.writeString(p, "{\"version\": 1, \"cases\": [" + c + "," + c + "]}");
        List<GoldenTensors.Case> two = GoldenTensors.read(p, 1, 1);
        assertEquals(2, two.size());
        assertEquals(3f, two.get(1).input()[0][1][1], 0f);
        assertEquals(-5f, two.get(0).output()[0][1][2], 0f);
        assertThrows(ModelLoadException.class, () -> GoldenTensors.read(p, 2, 2));
        assertEquals(Path.of("x/m.golden.json"), GoldenTensors.goldenPathFor(Path.of("x/m.onnx")));
    }
}
