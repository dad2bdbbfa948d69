package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.hourglassmocap.inference.DecodeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameSourcesTest {
    @TempDir
    Path dir;

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    @Test
    void aFileOpensAsAVideoAndWithLiveAsAPacedReplay() throws Exception {
        Path file = TestClips.write(dir.resolve("v.mkv"), VideoCodec.H264, 64, 48, 3, 20);
        try (FrameSource s = FrameSources.open(file.toString())) {
            assertInstanceOf(VideoFileSource.class, s);
            assertFalse(s.isLive());
            assertNotNull(s.grab());
        }
        try (FrameSource s = FrameSources.open(" " + file + " ", FrameSourceOptions.defaults().withLive(true))) {
            assertInstanceOf(ReplayAsLiveSource.class, s);
            assertTrue(s.isLive());
            assertEquals("live:file:" + file.toAbsolutePath().normalize(), s.describe());
            assertEquals(20.0, s.frameRateHz(), 1e-6);
            assertNotNull(s.grab());
        }
    }

    @Test
    void aFolderOpensAsImagesAtTheGivenRate() throws Exception {
        Path images = Files.createDirectory(dir.resolve("frames"));
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_3BYTE_BGR),
                "png", images.resolve("0001.png").toFile());
        FrameSourceOptions options = FrameSourceOptions.defaults().withImageFolderFrameRateHz(12.5);
        try (FrameSource s = FrameSources.open(images.toString(), options)) {
            assertInstanceOf(ImageFolderSource.class, s);
            assertEquals(12.5, s.frameRateHz(), 0.0);
        }
        try (FrameSource s = FrameSources.open(images.toString(), options.withLive(true))) {
            assertTrue(s.isLive());
            assertEquals("live:folder:" + images.toAbsolutePath().normalize(), s.describe());
        }
    }

    @Test
    void aMissingPathSaysWhatWasExpected() {
        DecodeException e = assertThrows(DecodeException.class, () -> FrameSources.open(dir.resolve("gone.mp4").toString()));
        assertTrue(e.getMessage().contains("gone.mp4") && e.getMessage().contains("no such file or folder")
                && e.getMessage().contains("webcam:N"), e.getMessage());
    }

    @Test
    void webcamSpecsReachTheWebcamSourceAndFailClearlyWithoutACamera() {
        assumeTrue(linux() && !Files.exists(Path.of("/dev/video97")));
        FrameSourceOptions quick = FrameSourceOptions.defaults().withWebcam(
                new WebcamSource.Settings(0, 0, 0, null, Duration.ofSeconds(2), Duration.ofSeconds(2)));
        DecodeException byIndex = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(DecodeException.class, () -> FrameSources.open("WEBCAM:97", quick)));
        assertTrue(byIndex.getMessage().contains("webcam:97") && byIndex.getMessage().contains("/dev/video97"), byIndex.getMessage());
        DecodeException byPath = assertThrows(DecodeException.class, () -> FrameSources.open("/dev/video97", quick));
        assertTrue(byPath.getMessage().contains("/dev/video97") && byPath.getMessage().contains("does not exist"), byPath.getMessage());
    }

    @Test
    void emptySpecsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FrameSources.open("  "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameSources.open("webcam:"));
        assertTrue(e.getMessage().contains("webcam:0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrameSources.open("webcam:99999999999"));
    }
}
