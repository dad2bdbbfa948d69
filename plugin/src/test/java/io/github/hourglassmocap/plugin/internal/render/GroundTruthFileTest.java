package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.MocapIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthFileTest {
    @TempDir
    Path dir;

    private static GroundTruthFile sample() {
        GroundTruthHeader h = new GroundTruthHeader("clip.mp4", 641, 479, 30, "sinbad (Models/Sinbad/Sinbad.mesh.xml)", 1.75,
                "clip:Dance", 1.8, "distance=3,azimuth=0,elevation=8,height=0.875,fov=40", "studio", 7,
                List.of("Root", "Chest"), List.of(-1, 0));
        PinholeCamera c = new PinholeCamera(658.123456, 658.123456, 320.5, 239.5, 641, 479,
                new double[] {-1, 0, 0, 0, -0.98, -0.2, 0, -0.2, 0.98}, new double[] {0.1, 0.7, 3.2});
        TruthFrame f0 = new TruthFrame(0, 0.0, c, new double[] {0, 0.9, 0, 0.01, 1.3, 0.05},
                new double[] {320.5, 260.25, 321.75, 150.125}, new double[] {3.2, 3.15}, new boolean[] {true, true});
        TruthFrame f1 = new TruthFrame(1, 1 / 30.0, c, new double[] {0.02, 0.91, 0, 0.03, 1.31, 0.05},
                new double[] {300, 258.5, 323, -5}, new double[] {3.21, 3.16}, new boolean[] {true, false},
                new boolean[] {false, false});
        return new GroundTruthFile(h, List.of(f0, f1));
    }

    @Test
    void writeThenReadKeepsEverythingWithinTheRounding() throws Exception {
        GroundTruthFile t = sample();
        Path file = dir.resolve("truth.json");
        t.write(file);
        GroundTruthFile back = GroundTruthFile.read(file);
        assertEquals(t.header(), back.header());
        assertEquals(2, back.frames().size());
        for (int i = 0; i < 2; i++) {
            TruthFrame a = t.frames().get(i);
            TruthFrame b = back.frames().get(i);
            assertEquals(a.index(), b.index());
            assertEquals(a.timeSeconds(), b.timeSeconds(), 1e-12);
            assertArrayEquals(a.world(), b.world(), 1e-5);
            assertArrayEquals(a.pixels(), b.pixels(), 1e-3);
            assertArrayEquals(a.depth(), b.depth(), 1e-5);
            assertArrayEquals(a.inFrame(), b.inFrame());
            assertArrayEquals(a.visible(), b.visible());
            assertEquals(a.camera().fx(), b.camera().fx(), 1e-9);
            assertArrayEquals(a.camera().rotation(), b.camera().rotation(), 1e-9);
            assertArrayEquals(a.camera().translation(), b.camera().translation(), 1e-7);
        }
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aFileWithoutVisibleFlagsReadsThemAsInFrame() throws Exception {
        Path file = dir.resolve("old.json");
        sample().write(file);
        String text = Files.readString(file, StandardCharsets.UTF_8).replaceAll(",\"visible\":\\[[a-z,]*\\]", "");
        assertTrue(!text.contains("visible"), "the flags were removed");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        GroundTruthFile back = GroundTruthFile.read(file);
        assertArrayEquals(new boolean[] {true, false}, back.frames().get(1).visible());
    }

    @Test
    void aFileOfAnotherVersionIsRefusedByName() throws Exception {
        Path file = dir.resolve("truth.json");
        sample().write(file);
        String text = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\"version\":1", "\"version\":9");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        MocapIOException e = assertThrows(MocapIOException.class, () -> GroundTruthFile.read(file));
        assertTrue(e.getMessage().contains("version 9") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void malformedOrMissingFilesFailWithTheirName() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"version\": 1, \"joints\": []", StandardCharsets.UTF_8);
        MocapIOException e = assertThrows(MocapIOException.class, () -> GroundTruthFile.read(bad));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        Path partial = dir.resolve("partial.json");
        Files.writeString(partial, "{\"version\": 1}", StandardCharsets.UTF_8);
        e = assertThrows(MocapIOException.class, () -> GroundTruthFile.read(partial));
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
        assertThrows(MocapIOException.class, () -> GroundTruthFile.read(dir.resolve("missing.json")));
        assertThrows(MocapIOException.class, () -> sample().write(dir.resolve("no/such/folder/t.json")));
    }

    @Test
    void framesMustMatchTheHeaderJoints() {
        GroundTruthFile t = sample();
        GroundTruthHeader three = new GroundTruthHeader("", 641, 479, 30, "x", 1.75, "clip:A", 1, "c", "plain", 0,
                List.of("a", "b", "c"), List.of(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new GroundTruthFile(three, t.frames()));
        assertEquals(1, t.header().findJoint("Chest"));
        assertEquals(-1, t.header().findJoint("Nope"));
    }
}
