package io.github.hourglassmocap.retarget.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.retarget.testutil.TestBvh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBuilderTest {
    @TempDir
    Path tmp;

    @Test
    void writesManifestAndOneNpyPerTake() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("cmu-iclone"));
        Files.createDirectories(in.resolve("cmu-acrnn/salsa"));
        Files.copy(TestBvh.path(TestBvh.ICLONE), in.resolve("cmu-iclone/001_01.bvh"));
        Files.copy(TestBvh.path(TestBvh.ACRNN), in.resolve("cmu-acrnn/salsa/01.bvh"));
        Path out = tmp.resolve("data/cmu30");
        List<DatasetBuilder.Entry> entries = new DatasetBuilder(30, 2).build(List.of(in), out);
        assertEquals(2, entries.size());

        JsonObject manifest = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject();
        assertEquals(1, manifest.get("version").getAsInt());
        assertEquals(30.0, manifest.get("frameRateHz").getAsDouble(), 0);
        assertEquals(17, manifest.getAsJsonArray("joints").size());
        assertEquals("metres", manifest.get("units").getAsString());
        assertTrue(manifest.get("credit").getAsString().contains("NSF EIA-0196217"));
        JsonObject acrnn = manifest.getAsJsonArray("takes").get(0).getAsJsonObject();
        JsonObject iclone = manifest.getAsJsonArray("takes").get(1).getAsJsonObject();
        assertEquals("cmu-acrnn/salsa/01", acrnn.get("id").getAsString());
        assertEquals("cmu-acrnn", acrnn.get("rig").getAsString());
        assertEquals(120.0, acrnn.get("originalFrameRateHz").getAsDouble(), 0);
        assertEquals(4, acrnn.get("frames").getAsInt());
        assertTrue(acrnn.get("subject").isJsonNull());
        assertEquals("cmu-iclone/001_01", iclone.get("id").getAsString());
        assertEquals("1", iclone.get("subject").getAsString());
        assertEquals(60.0, iclone.get("originalFrameRateHz").getAsDouble(), 0);
        assertEquals(3, iclone.get("frames").getAsInt());

        int[] shape = new int[3];
        float[] data = NpyWriter.read(out.resolve(iclone.get("file").getAsString()), shape);
        assertArrayEquals(new int[] {3, 17, 3}, shape);
        assertEquals(3 * 51, data.length);
        assertEquals(BvhTake17.load(TestBvh.path(TestBvh.ICLONE), 30).get(2, 16, 1), data[2 * 51 + 16 * 3 + 1], 0f);
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(List.of(out), s.toList(), "no temporary folders left beside the dataset");
        }
        // building again replaces the dataset
        new DatasetBuilder(30, 1).build(List.of(in.resolve("cmu-iclone")), out);
        assertEquals(1, JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject()
                .getAsJsonArray("takes").size());
    }

    @Test
    void aBadTakeFailsNamingTheFileAndLeavesNoOutput() throws Exception {
        Path in = tmp.resolve("bad");
        Files.createDirectories(in);
        Files.writeString(in.resolve("broken.bvh"), "HIERARCHY\nROOT x\n{\nOFFSET 0 0\n}\n");
        Path out = tmp.resolve("out");
        MocapException e = assertThrows(MocapException.class, () -> new DatasetBuilder(30, 1).build(List.of(in), out));
        assertTrue(e.getMessage().contains("broken.bvh"), e.getMessage());
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(in), s.toList());
        }
    }

    @Test
    void subjectComesFromCmuTrialNames() {
        assertEquals("5", DatasetBuilder.subjectOf("cmu-iclone/005_12"));
        assertEquals(null, DatasetBuilder.subjectOf("cmu-acrnn/salsa/01"));
    }
}
