package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.DecodeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pose3dSequenceTest {
    @Test
    void writeThenReadRoundTrips(@TempDir Path dir) throws Exception {
        float[][] joints = new float[17][3];
        for (int j = 0; j < 17; j++) {
            joints[j] = new float[] {0.01f * j, -0.02f * j, 0.003f * j};
        }
        float[] conf = new float[17];
        conf[3] = 0.75f;
        Pose3dSequence seq = new Pose3dSequence("kp \"a\".json", 29.97, "hot", "streaming", 4, List.of(
                new Pose3dSequence.Frame(7, 1234, true, false, joints, new float[] {0.1f, 0.2f, 3.5f}, conf),
                new Pose3dSequence.Frame(8, 5678, false, true, joints, new float[] {0.1f, 0.2f, 3.5f}, conf)));
        Path p = dir.resolve("pose3d.json");
        seq.write(p);
        Pose3dSequence back = Pose3dSequence.read(p);
        assertEquals("kp \"a\".json", back.source());
        assertEquals(29.97, back.frameRateHz(), 1e-9);
        assertEquals(4, back.lookaheadFrames());
        assertEquals(2, back.frames().size());
        assertEquals(7, back.frames().get(0).index());
        assertEquals(false, back.frames().get(1).valid());
        assertEquals(0.16f, back.frames().get(0).joints()[16][0], 1e-5f);
        assertEquals(3.5f, back.frames().get(1).root()[2], 1e-5f);
        assertEquals(0.75f, back.frames().get(0).confidence()[3], 1e-3f);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void nonFiniteValuesAndOtherVersionsAreRejected(@TempDir Path dir) throws Exception {
        float[][] joints = new float[17][3];
        joints[2][1] = Float.NaN;
        assertThrows(IllegalArgumentException.class,
                () -> new Pose3dSequence.Frame(0, 0, true, false, joints, new float[3], new float[17]));
        Path p = dir.resolve("x.json");
        Files.writeString(p, "{\"version\": 9, \"frames\": []}");
        DecodeException e = assertThrows(DecodeException.class, () -> Pose3dSequence.read(p));
        assertTrue(e.getMessage().contains("version 9"));
    }
}
