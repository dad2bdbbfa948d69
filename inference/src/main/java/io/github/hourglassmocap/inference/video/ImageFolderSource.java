package io.github.hourglassmocap.inference.video;

import io.github.hourglassmocap.inference.DecodeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frames from a folder of still images (png, jpg/jpeg, bmp), in natural order of their file names
 * ("frame2.png" before "frame10.png"), at a frame rate the caller gives. Other files and hidden files are
 * ignored. Images are decoded by OpenCV ({@code imdecode} on the file's bytes, so any path works) into BGR;
 * greyscale, 16-bit and alpha images are converted to 8-bit BGR.
 *
 * <p>Every image must have the first one's size; one that differs, or one that cannot be decoded, ends in a
 * {@link DecodeException} naming the file. Frame {@code i} has timestamp {@code round(i x 1e9 / rate)} ns.
 *
 * <p><b>Buffer reuse:</b> frames are packed (stride 3 x width) in one buffer that the next {@link #grab()}
 * overwrites; {@link Frame#copy()} keeps one. Not thread-safe.
 */
final class ImageFolderSource implements FrameSource {
    private static final Logger LOG = Logger.getLogger(ImageFolderSource.class.getName());
    /** The image file extensions read, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp");
    /** The frame rate used when the caller gives none. */
    public static final double DEFAULT_FRAME_RATE_HZ = 30;

    private final Path folder;
    private final List<Path> files;
    private final double frameRateHz;
    private int width;
    private int height;
    private ByteBuffer pixels;
    private int next;
    private DecodeException failure;
    private boolean closed;

    private ImageFolderSource(Path folder, List<Path> files, double frameRateHz) {
        this.folder = folder;
        this.files = files;
        this.frameRateHz = frameRateHz;
    }

    /**
     * Opens a folder at {@value #DEFAULT_FRAME_RATE_HZ} frames per second.
     *
     * @param folder the folder (not null; must exist and hold at least one png, jpg, jpeg or bmp file)
     * @return a new open source
     * @throws DecodeException if the folder is missing, not a folder, unreadable or holds no image
     */
    public static ImageFolderSource open(Path folder) throws DecodeException {
        return open(folder, DEFAULT_FRAME_RATE_HZ);
    }

    /**
     * Opens a folder.
     *
     * @param folder the folder (not null; must exist and hold at least one png, jpg, jpeg or bmp file)
     * @param frameRateHz the rate the images were taken at (finite, &gt;0, &le;1000)
     * @return a new open source
     * @throws DecodeException if the folder is missing, not a folder, unreadable or holds no image
     * @throws IllegalArgumentException for a bad frame rate
     */
    public static ImageFolderSource open(Path folder, double frameRateHz) throws DecodeException {
        Objects.requireNonNull(folder, "folder");
        if (!Double.isFinite(frameRateHz) || frameRateHz <= 0 || frameRateHz > 1000) {
            throw new IllegalArgumentException("frameRateHz " + frameRateHz + " must be finite, > 0 and <= 1000");
        }
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new DecodeException("image folder " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new DecodeException(dir + " is not a folder; open a video file with VideoFileSource");
        }
        List<Path> images;
        try (Stream<Path> s = Files.list(dir)) {
            images = s.filter(ImageFolderSource::isImageName)
                    .filter(Files::isRegularFile)
                    .sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DecodeException("cannot list image folder " + dir + ": " + e, e);
        }
        if (images.isEmpty()) {
            throw new DecodeException("image folder " + dir + " holds no image; expected files ending in "
                    + new java.util.TreeSet<>(EXTENSIONS));
        }
        LOG.log(Level.FINE, "image folder {0}: {1} images at {2} fps", new Object[] {dir, images.size(), frameRateHz});
        return new ImageFolderSource(dir, images, frameRateHz);
    }

    private static boolean isImageName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public Frame grab() throws DecodeException {
        ensureOpen();
        if (failure != null) {
            throw new DecodeException(failure.getMessage(), failure);
        }
        if (next >= files.size()) {
            return null;
        }
        Path file = files.get(next);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw fail("cannot read image " + file + " (frame " + next + " of folder " + folder + "): " + e, e);
        }
        if (bytes.length == 0) {
            throw fail("image " + file + " (frame " + next + ") is empty (0 bytes)", null);
        }
        try (BytePointer data = new BytePointer(bytes);
                Mat encoded = new Mat(1, bytes.length, opencv_core.CV_8UC1, data);
                Mat image = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR)) {
            if (image == null || image.empty()) {
                throw fail("image " + file + " (frame " + next + ") could not be decoded: not a valid png, jpg or bmp", null);
            }
            int w = image.cols();
            int h = image.rows();
            if (pixels == null) {
                width = w;
                height = h;
                pixels = ByteBuffer.allocateDirect(3 * w * h);
            } else if (w != width || h != height) {
                throw fail("image " + file + " is " + w + "x" + h + " but the folder's first image " + files.get(0).getFileName()
                        + " is " + width + "x" + height + "; all images of a folder must have one size", null);
            }
            copyRows(image);
        }
        long index = next++;
        long nanos = Math.round(index * 1e9 / frameRateHz);
        return new Frame(width, height, 3 * width, pixels, nanos, index);
    }

    private void copyRows(Mat image) {
        int row = 3 * width;
        long step = image.step();
        BytePointer data = image.data();
        ByteBuffer src = data.capacity(step * height).asBuffer();
        pixels.clear();
        for (int y = 0; y < height; y++) {
            src.limit((int) (y * step + row)).position((int) (y * step));
            pixels.put(src);
        }
        pixels.clear();
    }

    private DecodeException fail(String message, Exception cause) {
        failure = new DecodeException(message, cause);
        return failure;
    }

    @Override
    public double frameRateHz() {
        ensureOpen();
        return frameRateHz;
    }

    @Override
    public boolean isLive() {
        ensureOpen();
        return false;
    }

    @Override
    public String describe() {
        return "folder:" + folder;
    }

    /**
     * Returns the image files in the order they are read.
     *
     * @return an unmodifiable list of absolute paths (not empty)
     */
    public List<Path> files() {
        return files;
    }

    @Override
    public void close() {
        closed = true;
        pixels = null;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ImageFolderSource " + describe() + " is closed");
        }
    }
}
