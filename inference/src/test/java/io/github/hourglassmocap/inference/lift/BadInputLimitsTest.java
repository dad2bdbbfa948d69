package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad values in the JSON inputs (issue 12): a wrong frame index, wrong types, huge sizes, non-UTF-8 bytes and
 * deep nesting end in the reader's checked exception naming the file and the field, before anything big is
 * allocated.
 */
class BadInputLimitsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static void names(MocapException e, Path p, String... parts) {
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        for (String s : parts) {
            assertTrue(e.getMessage().contains(s), "'" + s + "' in: " + e.getMessage());
        }
    }

    @Test
    void oneBadFrameIndexDoesNotMakeTheLiftAllocateGigabytes() throws Exception {
        Path p = write("kp.json", KeypointTrackTest.file(1, KeypointTrackTest.frame(0, true) + ","
                + KeypointTrackTest.frame(1, true).replace("\"index\": 1", "\"index\": 2000000000")));
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        DecodeException e = assertThrows(DecodeException.class, () -> KeypointTrack.read(p));
        names(e, p, "frames[1].index", "2000000000");
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < 256L << 20, "allocated " + (after - before) + " bytes");
        // a real gap (a minute of dropped frames at 30 fps) is still read, as frames without a person
        Path gap = write("gap.json", KeypointTrackTest.file(1, KeypointTrackTest.frame(0, true) + ","
                + KeypointTrackTest.frame(1800, true)));
        assertEquals(1801, KeypointTrack.read(gap).size());
    }

    @Test
    void wrongTypesNameTheField() throws Exception {
        Path kp = write("kp.json", KeypointTrackTest.file(1, KeypointTrackTest.frame(0, true).replace("[100, 200, 0.9]",
                "[\"100\", 200, 0.9]")));
        names(assertThrows(DecodeException.class, () -> KeypointTrack.read(kp)), kp, "frames[0].joints17[0][0]",
                "the string \"100\"", "a number");
        Path kf = write("kf.json", "{\"version\": 1, \"source\": 3, \"width\": 10, \"height\": 10, \"frameRateHz\": 30,"
                + " \"model\": \"lite\", \"frames\": []}");
        names(assertThrows(DecodeException.class, () -> KeypointsFile.read(kf)), kf, "field \"source\"", "a string");
        Path width = write("w.json", KeypointTrackTest.file(1, KeypointTrackTest.frame(0, true)).replace("641", "1.5"));
        names(assertThrows(DecodeException.class, () -> KeypointTrack.read(width)), width, "\"width\"", "whole number");
        Path pose = write("p.json", "{\"version\": 1, \"source\": \"k\", \"frameRateHz\": 30, \"model\": \"m\", \"mode\": \"offline\","
                + " \"lookaheadFrames\": 0, \"frames\": [{\"index\": 0, \"timestampNanos\": 0, \"valid\": \"yes\"}]}");
        names(assertThrows(DecodeException.class, () -> Pose3dSequence.read(pose)), pose, "frames[0].valid", "true or false");
        Path far = write("far.json", "{\"version\": 1, \"source\": \"k\", \"frameRateHz\": 1e-320, \"model\": \"m\","
                + " \"mode\": \"offline\", \"lookaheadFrames\": 0, \"frames\": []}");
        names(assertThrows(DecodeException.class, () -> Pose3dSequence.read(far)), far, "frameRateHz");
    }

    @Test
    void manifestSizesAreBounded() throws Exception {
        String good = Files.readString(Path.of("..", "assets", "models", "hot-f27.json"));
        Path huge = write("m.json", good.replaceFirst("\"frames\": 27", "\"frames\": 2000000000"));
        names(assertThrows(ModelLoadException.class, () -> LifterManifest.read(huge)), huge, "\"frames\"", "[1, 4096]");
        Path type = write("t.json", good.replaceFirst("\"frames\": 27", "\"frames\": [27]"));
        names(assertThrows(ModelLoadException.class, () -> LifterManifest.read(type)), type, "\"frames\"", "an array");
        assertEquals(27, LifterManifest.read(Path.of("..", "assets", "models", "hot-f27.json")).frames());
    }

    @Test
    void notUtf8AndDeepNestingAreCleanErrors() throws Exception {
        Path bytes = dir.resolve("b.json");
        Files.write(bytes, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        names(assertThrows(DecodeException.class, () -> Pose3dSequence.read(bytes)), bytes, "UTF-8");
        Path deep = write("d.json", "{\"version\": 1, \"frames\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        names(assertThrows(DecodeException.class, () -> KeypointTrack.read(deep)), deep, "more than 64 levels");
    }
}
