package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.video.VideoWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchDecodeCommandTest {
    @Test
    void printsBothPassesForAClip(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("c.mp4");
        try (VideoWriter w = VideoWriter.open(clip, 96, 64, 25)) {
            for (int i = 0; i < 8; i++) {
                byte[] bgr = new byte[96 * 64 * 3];
                java.util.Arrays.fill(bgr, (byte) (i * 20));
                w.write(bgr);
            }
        }
        String[] r = CliRun.run("bench", "decode", clip.toString(), "--repeat", "1");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("96x64 h264"), r[1]);
        assertTrue(r[1].matches("(?s).*decode only \\(native pixel format\\)\\s+8\\s.*"), r[1]);
        assertTrue(r[1].matches("(?s).*decode \\+ BGR24 \\(VideoFileSource\\)\\s+8\\s.*"), r[1]);
        assertTrue(r[1].contains("decode+BGR / decode-only ="), r[1]);
    }

    @Test
    void aMissingVideoIsAnErrorMessageAndStatus1(@TempDir Path dir) {
        String[] r = CliRun.run("bench", "decode", dir.resolve("none.mp4").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("none.mp4") && r[2].contains("does not exist"), r[2]);
    }
}
