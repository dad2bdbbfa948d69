package io.github.hourglassmocap.retarget.bvh;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.retarget.internal.dataset.BvhTake17;
import io.github.hourglassmocap.retarget.internal.fuzz.SyntheticInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs issue 12 found crashing the reader or the dataset conversion end in a clear error naming the
 * file, the line and the limit.
 */
class BvhLimitsTest {
    private static final String WALK = SyntheticInputs.humanoidBvh(SyntheticInputs.Up.Y, false, 8);

    private static String message(Path dir, String text) throws Exception {
        Path f = dir.resolve("bad.bvh");
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        MocapException e = assertThrows(MocapException.class, () -> {
            BvhReader.readAll(f);
            BvhTake17.load(f, 30);
        });
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aHugeDeclaredFrameCountAllocatesNothing(@TempDir Path dir) throws Exception {
        String m = message(dir, WALK.replace("Frames: 8", "Frames: 2000000000"));
        assertTrue(m.contains("expected 0 to 10000000"), m);
        // under the limit, a wrong count is found at the end of the file, without sizing memory by it
        m = message(dir, WALK.replace("Frames: 8", "Frames: 9000000").replace("Frame Time: 0.0333333", "Frame Time: 0.001"));
        assertTrue(m.contains("declares 9000000; expected 9000000 frames"), m);
    }

    @Test
    void frameTimesOutsideTheLimitsAreRefused(@TempDir Path dir) throws Exception {
        assertTrue(message(dir, WALK.replace("Frame Time: 0.0333333", "Frame Time: 1e-320")).contains("out of range"));
        assertTrue(message(dir, WALK.replace("Frame Time: 0.0333333", "Frame Time: 3600")).contains("out of range"));
        String m = message(dir, WALK.replace("Frames: 8", "Frames: 200000").replace("Frame Time: 0.0333333", "Frame Time: 0.9"));
        assertTrue(m.contains("50.0-hour take; expected at most 24 hours"), m);
    }

    @Test
    void hugeOffsetsAndValuesAreRefused(@TempDir Path dir) throws Exception {
        String m = message(dir, WALK.replaceFirst("OFFSET 0.000000 10.000000 0.000000", "OFFSET 0 1e300 0"));
        assertTrue(m.contains("at most 1000000.0 file units"), m);
        String[] lines = WALK.split("\n");
        lines[lines.length - 1] = lines[lines.length - 1].replaceFirst("^\\S+", "1e30");
        m = message(dir, String.join("\n", lines) + "\n");
        assertTrue(m.contains("joint 'Hips' Xposition"), m);
    }

    @Test
    void deepNestingIsRefusedWithoutOverflowingTheStack(@TempDir Path dir) throws Exception {
        StringBuilder deep = new StringBuilder("HIERARCHY\nROOT r\n{\nOFFSET 0 0 0\nCHANNELS 3 Zrotation Xrotation Yrotation\n");
        for (int k = 0; k < 100_000; k++) {
            deep.append("JOINT j").append(k).append("\n{\nOFFSET 0 1 0\n");
        }
        String m = message(dir, deep.toString());
        assertTrue(m.contains("nest more than 256 levels"), m);
    }

    @Test
    void allZeroOffsetsAreAClearError(@TempDir Path dir) throws Exception {
        String zero = WALK.replaceAll("OFFSET [-0-9. ]+", "OFFSET 0 0 0");
        String m = message(dir, zero);
        assertTrue(m.contains("zero leg"), m);
    }
}
