package io.github.hourglassmocap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.video.VideoWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchDecodeCommandTest {
    private static String[] runCapturing(int[] status, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            status[0] = MocapCommand.commandLine().execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

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
        int[] status = new int[1];
        String[] out = runCapturing(status, "bench", "decode", clip.toString(), "--repeat", "1");
        assertEquals(0, status[0], out[1]);
        assertTrue(out[0].contains("96x64 h264"), out[0]);
        assertTrue(out[0].matches("(?s).*decode only \\(native pixel format\\)\\s+8\\s.*"), out[0]);
        assertTrue(out[0].matches("(?s).*decode \\+ BGR24 \\(VideoFileSource\\)\\s+8\\s.*"), out[0]);
        assertTrue(out[0].contains("decode+BGR / decode-only ="), out[0]);
    }

    @Test
    void aMissingVideoIsAnErrorMessageAndStatus1(@TempDir Path dir) {
        int[] status = new int[1];
        String[] out = runCapturing(status, "bench", "decode", dir.resolve("none.mp4").toString());
        assertEquals(1, status[0]);
        assertTrue(out[1].contains("none.mp4") && out[1].contains("does not exist"), out[1]);
    }
}
