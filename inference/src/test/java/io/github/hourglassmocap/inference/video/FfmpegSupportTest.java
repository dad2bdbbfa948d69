package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegSupportTest {
    @TempDir
    Path dir;

    @Test
    void errorCodesBecomeWords() {
        assertEquals("Invalid data found when processing input", FfmpegSupport.errorText(-1094995529));
        assertEquals("No such file or directory", FfmpegSupport.errorText(-2));
        String described = FfmpegSupport.describe(new Exception(
                "avformat_open_input() error -2: Could not open input \"x\". (Has setFormat() been called?) "
                        + "(For more details, make sure FFmpegLogCallback.set() has been called.)"));
        assertEquals("avformat_open_input() error -2: Could not open input \"x\". [No such file or directory]", described);
    }

    @Test
    void ffmpegErrorLinesAreCollectedPerThreadWithoutTheirContextPrefix() throws Exception {
        Path fake = Files.writeString(dir.resolve("fake.mp4"), "not a video");
        FfmpegSupport.init();
        FfmpegSupport.clearRecentErrors();
        assertEquals("", FfmpegSupport.recentErrors());
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(fake.toString());
        try {
            g.start();
        } catch (FFmpegFrameGrabber.Exception expected) {
            // The point is what FFmpeg logged meanwhile.
        } finally {
            g.release();
        }
        String said = FfmpegSupport.recentErrors();
        assertTrue(said.contains("moov atom not found"), said);
        assertFalse(said.contains("@ 0x"), said);
    }

    @Test
    void encoderLookup() {
        assertTrue(FfmpegSupport.hasEncoder("mjpeg"));
        assertFalse(FfmpegSupport.hasEncoder("no-such-encoder"));
    }
}
