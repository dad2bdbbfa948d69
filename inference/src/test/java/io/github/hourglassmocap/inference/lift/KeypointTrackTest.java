package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeypointTrackTest {
    /**
     * A keypoints JSON frame in the full format (docs/formats.md, "Keypoints") with a person whose joints sit at
     * (100 + 10 j + t, 200 + 5 j).
     */
    static String frame(int index, boolean person) {
        StringBuilder sb = new StringBuilder("{\"index\": " + index + ", \"timestampNanos\": " + index * 33333333L
                + ", \"person\": " + person);
        if (person) {
            sb.append(", \"roi\": {\"cx\": 320, \"cy\": 240, \"size\": 300, \"rotationRadians\": 0}, \"score\": 0.95,"
                    + " \"landmarks33\": [");
            for (int i = 0; i < 33; i++) {
                sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%d, %d, 0, 0.9, 0.9]", 50 + i, 60 + i));
            }
            sb.append("], \"joints17\": [");
            for (int j = 0; j < 17; j++) {
                sb.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%d, %d, 0.9]", 100 + 10 * j + index, 200 + 5 * j));
            }
            sb.append("]");
        }
        return sb.append("}").toString();
    }

    static String file(int version, String frames) {
        return "{\"version\": " + version + ", \"source\": \"clip.mp4\", \"width\": 641, \"height\": 479, "
                + "\"frameRateHz\": 30, \"model\": \"full\", \"frames\": [" + frames + "]}";
    }

    @Test
    void readsFramesAndFillsMissingIndicesAsNoPerson(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("kp.json");
        Files.writeString(p, file(1, frame(3, true) + "," + frame(4, false) + "," + frame(7, true)));
        KeypointTrack t = KeypointTrack.read(p);
        assertEquals(5, t.size());
        assertEquals(3, t.firstIndex());
        assertEquals(641, t.width());
        assertEquals(479, t.height());
        assertTrue(t.person(0));
        assertFalse(t.person(1));
        assertFalse(t.person(2));
        assertFalse(t.person(3));
        assertTrue(t.person(4));
        assertEquals(100 + 10 * 2 + 7, t.joints(4)[2][0], 1e-6f);
        assertEquals(0.9f, t.joints(4)[2][2], 1e-6f);
        assertEquals(3 * 33333333L + 2 * 33333333L, t.timestampNanos(2), 10);
        assertEquals("clip.mp4", t.source());
    }

    @Test
    void keepsEachFramesOwnTimeAndPlacesAMissingFrameBetweenItsNeighbours(@TempDir Path dir) throws Exception {
        // A variable-frame-rate video: 100 ms, then 1/30 s apart; frame 2 was dropped (a live run).
        long[] ms = {0, 100, -1, 167, 200};
        StringBuilder frames = new StringBuilder();
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] >= 0) {
                frames.append(frames.length() == 0 ? "" : ",").append(frame(i, true)
                        .replace("\"timestampNanos\": " + i * 33333333L, "\"timestampNanos\": " + ms[i] * 1_000_000L));
            }
        }
        Path p = dir.resolve("kp.json");
        Files.writeString(p, file(1, frames.toString()));
        KeypointTrack t = KeypointTrack.read(p);
        assertEquals(5, t.size());
        assertEquals(100_000_000L, t.timestampNanos(1));
        assertEquals(133_500_000L, t.timestampNanos(2), 1);
        assertEquals(167_000_000L, t.timestampNanos(3));
        for (int i = 1; i < t.size(); i++) {
            assertTrue(t.timestampNanos(i) > t.timestampNanos(i - 1), "times must increase at frame " + i);
        }
    }

    @Test
    void readsNaNCoordinates(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("kp.json");
        Files.writeString(p, file(1, frame(0, true).replace("[100, 200, 0.9]", "[NaN, NaN, 0.0]")));
        KeypointTrack t = KeypointTrack.read(p);
        assertTrue(Float.isNaN(t.joints(0)[0][0]));
        assertEquals(110, t.joints(0)[1][0], 1e-6f);
    }

    @Test
    void singleFrameIsATrack(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("kp.json");
        Files.writeString(p, file(1, frame(0, true)));
        assertEquals(1, KeypointTrack.read(p).size());
    }

    @Test
    void badFilesAreClearErrors(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("kp.json");
        Files.writeString(p, file(2, frame(0, true)));
        DecodeException v = assertThrows(DecodeException.class, () -> KeypointTrack.read(p));
        assertTrue(v.getMessage().contains("version 2") && v.getMessage().contains("[1]"), v.getMessage());

        Files.writeString(p, file(1, ""));
        DecodeException empty = assertThrows(DecodeException.class, () -> KeypointTrack.read(p));
        assertTrue(empty.getMessage().contains("no frames"), empty.getMessage());

        Files.writeString(p, file(1, frame(2, true) + "," + frame(1, true)));
        DecodeException order = assertThrows(DecodeException.class, () -> KeypointTrack.read(p));
        assertTrue(order.getMessage().contains("increasing"), order.getMessage());

        Files.writeString(p, file(1, frame(0, true).replaceAll(", \"joints17\": \\[.*\\]", "")));
        DecodeException noJoints = assertThrows(DecodeException.class, () -> KeypointTrack.read(p));
        assertTrue(noJoints.getMessage().contains("joints17"), noJoints.getMessage());

        Files.writeString(p, file(1, frame(0, true).replaceAll(", \"joints17\": \\[.*\\]", ", \"joints17\": [[1, 2, 0.5]]")));
        DecodeException short17 = assertThrows(DecodeException.class, () -> KeypointTrack.read(p));
        assertTrue(short17.getMessage().contains("expected 17"), short17.getMessage());

        Files.writeString(p, "[1, 2]");
        assertThrows(DecodeException.class, () -> KeypointTrack.read(p));
        Files.writeString(p, "{\"version\": 1, \"frames\": []}");
        assertThrows(DecodeException.class, () -> KeypointTrack.read(p));

        MocapIOException missing = assertThrows(MocapIOException.class, () -> KeypointTrack.read(dir.resolve("none.json")));
        assertTrue(missing.getMessage().contains("not found"));
    }

    @Test
    void theTrackIsWhatKeypointsFileReads(@TempDir Path dir) throws Exception {
        // One reader: a file lift accepts is parsed by KeypointsFile.read, and the track holds the same frames,
        // times and joints (NaN included), with frames missing from the file as frames without a person.
        Path p = dir.resolve("kp.json");
        Files.writeString(p, file(1, frame(3, true).replace("[103, 200, 0.9]", "[NaN, NaN, 0.0]") + "," + frame(4, false)
                + "," + frame(5, true) + "," + frame(8, true)));
        KeypointsFile.Contents c = KeypointsFile.read(p);
        KeypointTrack t = KeypointTrack.read(p);
        assertEquals(c.header().source(), t.source());
        assertEquals(c.header().width(), t.width());
        assertEquals(c.header().height(), t.height());
        assertEquals(c.header().frameRateHz(), t.frameRateHz(), 1e-9);
        assertEquals(3, t.firstIndex());
        assertEquals(6, t.size());
        boolean[] listed = new boolean[t.size()];
        for (Keypoints2D k : c.frames()) {
            int i = (int) k.frameIndex() - t.firstIndex();
            listed[i] = true;
            assertEquals(k.timestampNanos(), t.timestampNanos(i), "time of frame " + k.frameIndex());
            assertEquals(k.hasPerson(), t.person(i), "person in frame " + k.frameIndex());
            if (k.hasPerson()) {
                float[][] joints = t.joints(i);
                for (int j = 0; j < 17; j++) {
                    assertEquals(k.jointX(j), joints[j][0], 1e-6f, "x of joint " + j + " in frame " + k.frameIndex());
                    assertEquals(k.jointY(j), joints[j][1], 1e-6f, "y of joint " + j + " in frame " + k.frameIndex());
                    assertEquals(k.jointConfidence(j), joints[j][2], 1e-6f, "confidence " + j + " in frame " + k.frameIndex());
                }
            }
        }
        assertTrue(Float.isNaN(t.joints(0)[0][0]));
        assertFalse(listed[3] || listed[4]);
        assertFalse(t.person(3) || t.person(4));
        assertTrue(t.timestampNanos(3) > t.timestampNanos(2) && t.timestampNanos(4) < t.timestampNanos(5));
    }

    @Test
    void framesWithOnlyJoints17AreNotAKeypointsFile(@TempDir Path dir) throws Exception {
        // docs/formats.md: a frame with a person carries its roi and landmarks33 too; lift reads what KeypointsFile reads.
        Path p = dir.resolve("kp.json");
        Files.writeString(p, file(1, frame(0, true).replaceAll(", \"roi\": .*, \"joints17\"", ", \"joints17\"")));
        DecodeException e = assertThrows(DecodeException.class, () -> KeypointTrack.read(p));
        assertTrue(e.getMessage().contains("frames[0].roi") && e.getMessage().contains(p.toString()), e.getMessage());
    }
}
