package io.github.hourglassmocap.inference.video;

import java.util.Objects;

/**
 * How {@link FrameSources#open(String, FrameSourceOptions)} opens a source. Immutable; start from
 * {@link #defaults()} and change what you need with the {@code with...} methods.
 *
 * @param live true to replay a file or folder as if live (paced at its frame rate, see
 *     {@link ReplayAsLiveSource}); webcams are always live
 * @param dropLateFrames in a live replay, skip frames the consumer is more than one period late for, as a
 *     camera would
 * @param imageFolderFrameRateHz the frame rate of an image folder (finite, &gt;0, &le;1000)
 * @param allowShortRead accept a video file that ends before its header says (logged) instead of failing
 * @param webcam what to ask of a webcam, and how long to wait for it (not null)
 */
public record FrameSourceOptions(boolean live, boolean dropLateFrames, double imageFolderFrameRateHz,
        boolean allowShortRead, WebcamSource.Settings webcam) {
    private static final FrameSourceOptions DEFAULTS = new FrameSourceOptions(false, true,
            ImageFolderSource.DEFAULT_FRAME_RATE_HZ, false, WebcamSource.Settings.DEFAULT);

    /**
     * Validates the options.
     */
    public FrameSourceOptions {
        if (!Double.isFinite(imageFolderFrameRateHz) || imageFolderFrameRateHz <= 0 || imageFolderFrameRateHz > 1000) {
            throw new IllegalArgumentException("imageFolderFrameRateHz " + imageFolderFrameRateHz
                    + " must be finite, > 0 and <= 1000");
        }
        Objects.requireNonNull(webcam, "webcam");
    }

    /**
     * Returns the defaults: not live, drop late frames when live, 30 fps for image folders, strict about
     * truncated files, the webcam's own size and rate.
     *
     * @return the shared default options
     */
    public static FrameSourceOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with the live flag changed.
     *
     * @param value true to pace files and folders in real time
     * @return a new instance
     */
    public FrameSourceOptions withLive(boolean value) {
        return new FrameSourceOptions(value, dropLateFrames, imageFolderFrameRateHz, allowShortRead, webcam);
    }

    /**
     * Returns a copy with late-frame dropping changed.
     *
     * @param value true to skip frames the consumer is late for in a live replay
     * @return a new instance
     */
    public FrameSourceOptions withDropLateFrames(boolean value) {
        return new FrameSourceOptions(live, value, imageFolderFrameRateHz, allowShortRead, webcam);
    }

    /**
     * Returns a copy with the image-folder frame rate changed.
     *
     * @param frameRateHz frames per second (finite, &gt;0, &le;1000)
     * @return a new instance
     */
    public FrameSourceOptions withImageFolderFrameRateHz(double frameRateHz) {
        return new FrameSourceOptions(live, dropLateFrames, frameRateHz, allowShortRead, webcam);
    }

    /**
     * Returns a copy with short reads allowed or not.
     *
     * @param value true to accept truncated video files
     * @return a new instance
     */
    public FrameSourceOptions withAllowShortRead(boolean value) {
        return new FrameSourceOptions(live, dropLateFrames, imageFolderFrameRateHz, value, webcam);
    }

    /**
     * Returns a copy with other webcam settings.
     *
     * @param settings size, rate, format and timeouts (not null)
     * @return a new instance
     */
    public FrameSourceOptions withWebcam(WebcamSource.Settings settings) {
        return new FrameSourceOptions(live, dropLateFrames, imageFolderFrameRateHz, allowShortRead, settings);
    }
}
