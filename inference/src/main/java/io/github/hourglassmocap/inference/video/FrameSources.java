package io.github.hourglassmocap.inference.video;

import io.github.hourglassmocap.inference.DecodeException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens a {@link FrameSource} from the text a user types (a command-line argument):
 * <ul>
 * <li>{@code webcam:N}: webcam number N ({@code /dev/videoN} on Linux);</li>
 * <li>{@code webcam:DEVICE}, or any path under {@code /dev/}: a webcam by device ({@code /dev/video2},
 *     or {@code webcam:video=Camera Name} on Windows);</li>
 * <li>a folder: its png/jpg/bmp images in natural order;</li>
 * <li>a file: a video file.</li>
 * </ul>
 * With {@link FrameSourceOptions#live()}, files and folders are replayed at their real rate
 * ({@link ReplayAsLiveSource}); webcams are live anyway.
 */
public final class FrameSources {
    /** The prefix that selects a webcam. */
    public static final String WEBCAM_PREFIX = "webcam:";
    private static final String SPEC_HELP = "expected a video file, an image folder, webcam:N or /dev/videoN";

    private FrameSources() {
    }

    /**
     * Opens a source with the default options (not live).
     *
     * @param spec what to open (not null; see the class comment)
     * @return a new open source (close it)
     * @throws DecodeException if it does not exist or cannot be opened; the message names it
     */
    public static FrameSource open(String spec) throws DecodeException {
        return open(spec, FrameSourceOptions.defaults());
    }

    /**
     * Opens a source.
     *
     * @param spec what to open (not null; see the class comment)
     * @param options live replay, folder rate, webcam settings (not null)
     * @return a new open source (close it)
     * @throws DecodeException if it does not exist or cannot be opened; the message names it
     * @throws IllegalArgumentException if the spec is empty
     */
    public static FrameSource open(String spec, FrameSourceOptions options) throws DecodeException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        String s = spec.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("source must not be empty; " + SPEC_HELP);
        }
        if (s.regionMatches(true, 0, WEBCAM_PREFIX, 0, WEBCAM_PREFIX.length())) {
            String device = s.substring(WEBCAM_PREFIX.length()).strip();
            if (device.isEmpty()) {
                throw new IllegalArgumentException("'" + spec + "' names no webcam; use webcam:0, webcam:1, ...");
            }
            if (device.chars().allMatch(Character::isDigit)) {
                int index;
                try {
                    index = Integer.parseInt(device);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("webcam index '" + device + "' is too large", e);
                }
                return WebcamSource.open(index, options.webcam());
            }
            return WebcamSource.open(device, options.webcam());
        }
        if (s.startsWith("/dev/")) {
            return WebcamSource.open(s, options.webcam());
        }
        Path path;
        try {
            path = Path.of(s);
        } catch (InvalidPathException e) {
            throw new DecodeException("'" + spec + "' is not a valid path; " + SPEC_HELP, e);
        }
        FrameSource source;
        if (Files.isDirectory(path)) {
            source = ImageFolderSource.open(path, options.imageFolderFrameRateHz());
        } else if (Files.exists(path)) {
            source = VideoFileSource.open(path, options.allowShortRead());
        } else {
            throw new DecodeException("no such file or folder: " + path.toAbsolutePath().normalize() + "; " + SPEC_HELP);
        }
        return options.live() ? new ReplayAsLiveSource(source, LiveClock.system(), options.dropLateFrames()) : source;
    }
}
