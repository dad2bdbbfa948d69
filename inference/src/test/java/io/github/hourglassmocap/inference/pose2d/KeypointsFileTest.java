package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.lift.KeypointTrack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeypointsFileTest {
    @TempDir
    Path tmp;

    static Keypoints2D personFrame(long index) {
        PoseLandmarks lm = PoseLandmarksTest.sample();
        return new Keypoints2D(index, index * 33_333_333L, 641, 479, new Roi(320.25, 240.5, 300.125, 0.12345),
                lm, H36mFromBlazePose.convert(lm), index == 0);
    }

    private final KeypointsFile.Header header = new KeypointsFile.Header("file:/videos/a.mp4", 641, 479, 30, "lite");

    @Test
    void roundTripKeepsEveryField() throws Exception {
        Path p = tmp.resolve("kp.json");
        List<Keypoints2D> frames = List.of(personFrame(0), Keypoints2D.noPerson(1, 33_333_333L, 641, 479, true), personFrame(2),
                Keypoints2D.noPerson(3, 100_000_000L, 320, 240, false));
        KeypointsFile.write(p, header, frames);
        KeypointsFile.Contents c = KeypointsFile.read(p);
        assertEquals(header, c.header());
        assertEquals(4, c.frames().size());
        Keypoints2D a = frames.get(0);
        Keypoints2D b = c.frames().get(0);
        assertEquals(a.frameIndex(), b.frameIndex());
        assertEquals(a.timestampNanos(), b.timestampNanos());
        assertEquals(a.roi().cx(), b.roi().cx(), 0.005);
        assertEquals(a.roi().size(), b.roi().size(), 0.005);
        assertEquals(a.roi().rotationRadians(), b.roi().rotationRadians(), 1e-5);
        for (int i = 0; i < PoseLandmarks.COUNT; i++) {
            assertEquals(a.landmarks().x(i), b.landmarks().x(i), 0.005f);
            assertEquals(a.landmarks().y(i), b.landmarks().y(i), 0.005f);
            assertEquals(a.landmarks().z(i), b.landmarks().z(i), 0.005f);
            assertEquals(a.landmarks().visibility(i), b.landmarks().visibility(i), 0.0005f);
            assertEquals(a.landmarks().presence(i), b.landmarks().presence(i), 0.0005f);
        }
        assertEquals(a.landmarks().score(), b.landmarks().score(), 0.0005f);
        for (int j = 0; j < 17; j++) {
            assertEquals(a.jointX(j), b.jointX(j), 0.005f);
            assertEquals(a.jointY(j), b.jointY(j), 0.005f);
            assertEquals(a.jointConfidence(j), b.jointConfidence(j), 0.0005f);
        }
        assertFalse(c.frames().get(1).hasPerson());
        assertEquals(320, c.frames().get(3).width()); // a frame of another size carries its own
        assertEquals(479, c.frames().get(2).height());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    @Test
    void layoutMatchesFormatsMdAndTheLifterReadsIt() throws Exception {
        Path p = tmp.resolve("kp.json");
        KeypointsFile.write(p, header, List.of(personFrame(0), Keypoints2D.noPerson(1, 33_333_333L, 641, 479, true)));
        JsonObject root = JsonParser.parseString(Files.readString(p)).getAsJsonObject();
        assertEquals(1, root.get("version").getAsInt());
        assertEquals("lite", root.get("model").getAsString());
        assertEquals(30.0, root.get("frameRateHz").getAsDouble(), 0);
        JsonObject f0 = root.getAsJsonArray("frames").get(0).getAsJsonObject();
        assertTrue(f0.get("person").getAsBoolean());
        assertEquals(33, f0.getAsJsonArray("landmarks33").size());
        assertEquals(5, f0.getAsJsonArray("landmarks33").get(0).getAsJsonArray().size());
        assertEquals(17, f0.getAsJsonArray("joints17").size());
        assertEquals(3, f0.getAsJsonArray("joints17").get(0).getAsJsonArray().size());
        assertTrue(f0.getAsJsonObject("roi").has("rotationRadians"));
        JsonObject f1 = root.getAsJsonArray("frames").get(1).getAsJsonObject();
        assertFalse(f1.get("person").getAsBoolean());
        assertFalse(f1.has("joints17"));
        // the lifter's reader (module inference, package lift) accepts the file
        KeypointTrack track = KeypointTrack.read(p);
        assertEquals(2, track.size());
    }

    @Test
    void abortedWriterLeavesNothingAndTheOldFileStays() throws Exception {
        Path p = tmp.resolve("kp.json");
        Files.writeString(p, "old");
        KeypointsFile.Writer w = new KeypointsFile.Writer(p, header);
        w.write(personFrame(0));
        w.abort();
        w.abort();
        assertEquals("old", Files.readString(p));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
        assertThrows(IllegalStateException.class, () -> w.write(personFrame(1)));
    }

    @Test
    void badFilesAreNamed() throws Exception {
        Path missing = tmp.resolve("none.json");
        MocapIOException e = assertThrows(MocapIOException.class, () -> KeypointsFile.read(missing));
        assertTrue(e.getMessage().contains("none.json"));
        Path v2 = tmp.resolve("v2.json");
        Files.writeString(v2, "{\"version\": 2}");
        DecodeException d = assertThrows(DecodeException.class, () -> KeypointsFile.read(v2));
        assertTrue(d.getMessage().contains("version 2"), d.getMessage());
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"version\": 1, \"source\": \"x\", \"width\": 10, \"height\": 10, \"frameRateHz\": 30, \"model\": \"lite\","
                + " \"frames\": [{\"index\": 0, \"timestampNanos\": 0, \"person\": true, \"roi\": {\"cx\": 1, \"cy\": 1, \"size\": 1,"
                + " \"rotationRadians\": 0}, \"landmarks33\": [], \"joints17\": []}]}");
        d = assertThrows(DecodeException.class, () -> KeypointsFile.read(broken));
        assertTrue(d.getMessage().contains("landmarks33"), d.getMessage());
        Path order = tmp.resolve("order.json");
        Files.writeString(order, "{\"version\": 1, \"source\": \"x\", \"width\": 10, \"height\": 10, \"frameRateHz\": 30, \"model\": \"lite\","
                + " \"frames\": [{\"index\": 2, \"timestampNanos\": 0, \"person\": false},"
                + " {\"index\": 2, \"timestampNanos\": 1, \"person\": false}]}");
        d = assertThrows(DecodeException.class, () -> KeypointsFile.read(order));
        assertTrue(d.getMessage().contains("frames[1].index") && d.getMessage().contains("increasing"), d.getMessage());
        Path notJson = tmp.resolve("text.json");
        Files.writeString(notJson, "hello");
        assertThrows(DecodeException.class, () -> KeypointsFile.read(notJson));
        assertThrows(MocapIOException.class, () -> new KeypointsFile.Writer(tmp.resolve("no/such/dir/kp.json"), header));
    }
}
