package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.DecodeException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceTest {
    @TempDir
    Path dir;

    /** Writes pattern frame {@code i} with ImageIO (an encoder independent of the OpenCV decoder under test). */
    private static Path writeImage(Path file, String format, int w, int h, int i) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(TestClips.pattern(w, h, i), 0, data, 0, data.length);
        assertTrue(ImageIO.write(img, format, file.toFile()), "ImageIO wrote " + format);
        return file;
    }

    private static void assertMessage(DecodeException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should contain '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void readsImagesInNaturalOrderSkippingOtherFiles() throws Exception {
        int w = 641;
        int h = 479;
        writeImage(dir.resolve("frame10.png"), "png", w, h, 3);
        writeImage(dir.resolve("frame2.bmp"), "bmp", w, h, 1);
        writeImage(dir.resolve("Frame3.PNG"), "png", w, h, 2);
        writeImage(dir.resolve("frame1.png"), "png", w, h, 0);
        writeImage(dir.resolve(".hidden.png"), "png", 10, 10, 9);
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        try (ImageFolderSource src = ImageFolderSource.open(dir, 25)) {
            assertEquals(List.of("frame1.png", "frame2.bmp", "Frame3.PNG", "frame10.png"),
                    src.files().stream().map(p -> p.getFileName().toString()).toList());
            assertFalse(src.isLive());
            assertEquals(25.0, src.frameRateHz(), 0.0);
            assertEquals("folder:" + dir.toAbsolutePath().normalize(), src.describe());
            for (int i = 0; i < 4; i++) {
                Frame f = src.grab();
                assertEquals(w, f.width());
                assertEquals(h, f.height());
                assertEquals(3 * w, f.strideBytes());
                assertEquals(i, f.frameIndex());
                assertEquals(i * 40_000_000L, f.timestampNanos());
                assertEquals(0.0, TestClips.meanAbsError(f, w, h, i), 0.0, "png and bmp are lossless, frame " + i);
            }
            assertNull(src.grab());
        }
    }

    @Test
    void jpegAndGreyscaleImagesBecomeBgrAtTheDefaultRate() throws Exception {
        writeImage(dir.resolve("a1.jpg"), "jpg", 64, 48, 0);
        BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(5, 7, 0, 200);
        ImageIO.write(grey, "png", dir.resolve("a2.png").toFile());
        try (ImageFolderSource src = ImageFolderSource.open(dir)) {
            assertEquals(30.0, src.frameRateHz(), 0.0);
            Frame jpg = src.grab();
            assertTrue(TestClips.meanAbsError(jpg, 64, 48, 0) < 4.0, "jpeg is close to the pattern");
            Frame g = src.grab();
            assertEquals(Math.round(1e9 / 30), g.timestampNanos());
            assertEquals(0xC8C8C8, g.rgbAt(5, 7), "grey 200 in all three channels");
            assertEquals(0, g.rgbAt(6, 7));
        }
    }

    @Test
    void aDifferentSizeNamesTheFile() throws Exception {
        writeImage(dir.resolve("1.png"), "png", 32, 24, 0);
        writeImage(dir.resolve("2.png"), "png", 32, 24, 1);
        writeImage(dir.resolve("3.png"), "png", 33, 24, 2);
        try (ImageFolderSource src = ImageFolderSource.open(dir)) {
            src.grab();
            src.grab();
            DecodeException e = assertThrows(DecodeException.class, src::grab);
            assertMessage(e, "3.png", "33x24", "32x24", "1.png");
            assertMessage(assertThrows(DecodeException.class, src::grab), "3.png");
        }
    }

    @Test
    void anUndecodableImageNamesTheFile() throws Exception {
        writeImage(dir.resolve("1.png"), "png", 32, 24, 0);
        Files.writeString(dir.resolve("2.png"), "this is text, not a png");
        Files.createFile(dir.resolve("3.png"));
        try (ImageFolderSource src = ImageFolderSource.open(dir)) {
            src.grab();
            assertMessage(assertThrows(DecodeException.class, src::grab), "2.png", "could not be decoded");
        }
    }

    @Test
    void missingEmptyOrNonFolderAreClearErrors() throws Exception {
        assertMessage(assertThrows(DecodeException.class, () -> ImageFolderSource.open(dir.resolve("none"))),
                "none", "does not exist");
        Files.writeString(dir.resolve("readme.txt"), "no images here");
        assertMessage(assertThrows(DecodeException.class, () -> ImageFolderSource.open(dir)),
                dir.toString(), "holds no image", "png");
        assertMessage(assertThrows(DecodeException.class, () -> ImageFolderSource.open(dir.resolve("readme.txt"))),
                "readme.txt", "not a folder");
        assertThrows(IllegalArgumentException.class, () -> ImageFolderSource.open(dir, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageFolderSource.open(dir, Double.POSITIVE_INFINITY));
    }

    @Test
    void framesShareOneBufferAndCloseIsIdempotent() throws Exception {
        writeImage(dir.resolve("1.png"), "png", 16, 8, 0);
        writeImage(dir.resolve("2.png"), "png", 16, 8, 1);
        ImageFolderSource src = ImageFolderSource.open(dir);
        Frame first = src.grab();
        Frame kept = first.copy();
        src.grab();
        assertEquals(TestClips.red(1), TestClips.meanRed(first), 0.0, "the buffer now holds frame 1");
        assertEquals(TestClips.red(0), TestClips.meanRed(kept), 0.0);
        src.close();
        src.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, src::grab);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, src::frameRateHz);
    }
}
