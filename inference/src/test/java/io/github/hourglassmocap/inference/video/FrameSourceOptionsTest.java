package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FrameSourceOptionsTest {
    @Test
    void defaultsAndWithersChangeOneFieldEach() {
        FrameSourceOptions d = FrameSourceOptions.defaults();
        assertFalse(d.live());
        assertTrue(d.dropLateFrames());
        assertEquals(30.0, d.imageFolderFrameRateHz(), 0.0);
        assertFalse(d.allowShortRead());
        assertSame(WebcamSource.Settings.DEFAULT, d.webcam());

        WebcamSource.Settings cam = new WebcamSource.Settings(1280, 720, 30, "mjpeg", Duration.ofSeconds(3), Duration.ofSeconds(2));
        FrameSourceOptions o = d.withLive(true).withDropLateFrames(false).withImageFolderFrameRateHz(24)
                .withAllowShortRead(true).withWebcam(cam);
        assertEquals(new FrameSourceOptions(true, false, 24, true, cam), o);
        assertFalse(d.live(), "the defaults are unchanged");
    }

    @Test
    void rejectsBadValues() {
        FrameSourceOptions d = FrameSourceOptions.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withImageFolderFrameRateHz(0));
        assertTrue(e.getMessage().contains("imageFolderFrameRateHz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withImageFolderFrameRateHz(Double.NaN));
        assertThrows(NullPointerException.class, () -> d.withWebcam(null));
    }
}
