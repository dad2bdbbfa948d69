package io.github.hourglassmocap.inference.video;

import io.github.hourglassmocap.inference.DecodeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Frames of a video file, decoded by JavaCV's {@link FFmpegFrameGrabber}: any container and codec the bundled
 * FFmpeg reads (mp4, mkv, mov, avi, webm; H.264, H.265, VP8/VP9, AV1, MPEG-4, MJPEG and more).
 *
 * <p>FFmpeg converts each decoded picture straight to BGR24 (the grabber's pixel format is set to
 * {@code AV_PIX_FMT_BGR24}, so swscale writes BGR into the grabber's own buffer and no Java-side conversion
 * follows). <b>Buffer reuse:</b> every {@link Frame} returned shares that one native buffer, which the next
 * {@link #grab()} overwrites; {@link Frame#copy()} keeps a frame. Rows are padded for alignment, so
 * {@link Frame#strideBytes()} is usually larger than 3 x width.
 *
 * <p>Timestamps are FFmpeg's presentation times (microsecond resolution) counted from the first decoded
 * frame, so frame 0 is at 0 ns. Frame indices count the frames delivered, from 0.
 *
 * <p>Failures are never silent: a file that cannot be opened, has no video stream, yields no frame, or ends
 * before the frame count or duration its header announces (a truncated or damaged file, or one cut while
 * being read) ends in a {@link DecodeException} naming the file. After a failure every further grab throws
 * again. Not thread-safe.
 */
public final class VideoFileSource implements FrameSource {
    private static final Logger LOG = Logger.getLogger(VideoFileSource.class.getName());
    /** Frames the decoder may lose at the end without the file counting as truncated, plus 2% of the count. */
    private static final int SLACK_FRAMES = 2;

    private final Path file;
    private final String description;
    private final boolean allowShortRead;
    private FFmpegFrameGrabber grabber;
    private final double frameRateHz;
    private final int width;
    private final int height;
    private final String codecName;
    /** Frame count in the header, or 0 when it has none. */
    private final long headerFrames;
    /** Video duration in microseconds from the header, or -1 when unknown. */
    private final long headerDurationMicros;
    /** Start of the header duration in microseconds (stream or container start time). */
    private final long headerStartMicros;
    private long firstTimestampMicros = Long.MIN_VALUE;
    private long lastTimestampMicros;
    private long delivered;
    private boolean ended;
    private DecodeException failure;
    private boolean closed;

    private VideoFileSource(Path file, boolean allowShortRead, FFmpegFrameGrabber grabber) {
        this.file = file;
        this.description = "file:" + file;
        this.allowShortRead = allowShortRead;
        this.grabber = grabber;
        this.width = grabber.getImageWidth();
        this.height = grabber.getImageHeight();
        this.codecName = grabber.getVideoCodecName();
        double rate = grabber.getVideoFrameRate();
        if (!(rate > 0) || !Double.isFinite(rate) || rate > 1000) {
            LOG.log(Level.WARNING, "{0} has no usable frame rate ({1}); assuming 30 fps", new Object[] {file, rate});
            rate = 30;
        }
        this.frameRateHz = rate;
        AVFormatContext oc = grabber.getFormatContext();
        AVStream stream = oc.streams(grabber.getVideoStream());
        AVRational tb = stream.time_base();
        this.headerFrames = Math.max(0, stream.nb_frames());
        long streamDuration = stream.duration();
        if (streamDuration != avutil.AV_NOPTS_VALUE && streamDuration > 0 && tb.den() > 0) {
            this.headerDurationMicros = streamDuration * 1_000_000L * tb.num() / tb.den();
            long start = stream.start_time();
            this.headerStartMicros = start == avutil.AV_NOPTS_VALUE ? 0 : start * 1_000_000L * tb.num() / tb.den();
        } else if (oc.duration() != avutil.AV_NOPTS_VALUE && oc.duration() > 0 && oc.nb_streams() == 1) {
            // Matroska keeps only the container's duration; trust it when the video is the only stream (with
            // audio beside it, the container's duration may be the audio's).
            this.headerDurationMicros = oc.duration();
            this.headerStartMicros = oc.start_time() == avutil.AV_NOPTS_VALUE ? 0 : oc.start_time();
        } else {
            this.headerDurationMicros = -1;
            this.headerStartMicros = 0;
        }
    }

    /**
     * Opens a video file; reading it to the end checks that it was complete.
     *
     * @param file the video file (not null; must exist and be a readable regular file)
     * @return a new open source (close it)
     * @throws DecodeException if the file is missing, empty, not a file, unreadable, not a video FFmpeg can
     *     read, or has no video stream; the message names the file and what failed
     */
    public static VideoFileSource open(Path file) throws DecodeException {
        return open(file, false);
    }

    /**
     * Opens a video file.
     *
     * @param file the video file (not null; must exist and be a readable regular file)
     * @param allowShortRead true to accept a file that ends before the frame count or duration its header
     *     announces (the shortfall is then only logged); false to throw a {@link DecodeException} for it
     * @return a new open source (close it)
     * @throws DecodeException if the file is missing, empty, not a file, unreadable, not a video FFmpeg can
     *     read, or has no video stream; the message names the file and what failed
     */
    public static VideoFileSource open(Path file, boolean allowShortRead) throws DecodeException {
        Objects.requireNonNull(file, "file");
        Path path = file.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new DecodeException("video file " + path + " does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new DecodeException(path + " is a folder, not a video file; open it as an image folder "
                    + "(FrameSources.open or ImageFolderSource)");
        }
        if (!Files.isRegularFile(path)) {
            throw new DecodeException(path + " is not a regular file (a device or pipe?); webcams are opened "
                    + "as webcam:N or /dev/videoN");
        }
        if (!Files.isReadable(path)) {
            throw new DecodeException("video file " + path + " is not readable (check its permissions)");
        }
        try {
            if (Files.size(path) == 0) {
                throw new DecodeException("video file " + path + " is empty (0 bytes)");
            }
        } catch (java.io.IOException e) {
            throw new DecodeException("cannot read the size of video file " + path + ": " + e, e);
        }
        FfmpegSupport.init();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(path.toString());
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        FfmpegSupport.clearRecentErrors();
        try {
            g.start();
        } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
            releaseQuietly(g);
            throw new DecodeException("cannot open video file " + path + ": FFmpeg could not read it as a video ("
                    + FfmpegSupport.describe(e) + ")" + FfmpegSupport.recentErrors()
                    + ". Is it a complete video file (mp4, mkv, mov, avi, webm...)?", e);
        }
        if (!g.hasVideo() || g.getVideoStream() < 0 || g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
            releaseQuietly(g);
            throw new DecodeException("video file " + path + " has no video stream (audio only, or an unknown "
                    + "video codec)");
        }
        VideoFileSource source = new VideoFileSource(path, allowShortRead, g);
        LOG.log(Level.FINE, "opened {0}: {1}x{2} {3} at {4} fps, header frames {5}", new Object[] {
            path, source.width, source.height, source.codecName, source.frameRateHz, source.headerFrames});
        return source;
    }

    @Override
    public Frame grab() throws DecodeException {
        ensureOpen();
        if (failure != null) {
            throw new DecodeException(failure.getMessage(), failure);
        }
        if (ended) {
            return null;
        }
        org.bytedeco.javacv.Frame jf;
        try {
            jf = grabber.grabImage();
        } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
            throw fail("decoding frame " + delivered + " of " + file + " failed: " + FfmpegSupport.describe(e)
                    + FfmpegSupport.recentErrors(), e);
        }
        if (jf == null || jf.image == null || jf.image.length == 0) {
            checkComplete();
            ended = true;
            return null;
        }
        if (firstTimestampMicros == Long.MIN_VALUE) {
            firstTimestampMicros = jf.timestamp;
        }
        lastTimestampMicros = jf.timestamp;
        ByteBuffer pixels = ((ByteBuffer) jf.image[0]).duplicate();
        pixels.clear();
        long nanos = Math.max(0, jf.timestamp - firstTimestampMicros) * 1000L;
        return new Frame(jf.imageWidth, jf.imageHeight, jf.imageStride, pixels, nanos, delivered++);
    }

    /** Called at the end of the stream: an empty or shorter-than-announced file is an error, not an end. */
    private void checkComplete() throws DecodeException {
        if (delivered == 0) {
            throw fail("video file " + file + " yielded no frame: its video data is missing or damaged "
                    + "(truncated file?)" + FfmpegSupport.recentErrors(), null);
        }
        String shortfall = null;
        if (headerFrames > 0) {
            long slack = SLACK_FRAMES + headerFrames / 50;
            if (delivered + slack < headerFrames) {
                shortfall = "it ended after " + delivered + " of the " + headerFrames + " frames its header announces";
            }
        } else if (headerDurationMicros > 0) {
            double periodMicros = 1e6 / frameRateHz;
            long covered = lastTimestampMicros - headerStartMicros + Math.round(periodMicros);
            double slackMicros = SLACK_FRAMES * periodMicros + headerDurationMicros / 50.0;
            if (covered + slackMicros < headerDurationMicros) {
                shortfall = String.format(java.util.Locale.ROOT,
                        "it ended at %.3f s (%d frames) but its header announces %.3f s",
                        covered / 1e6, delivered, headerDurationMicros / 1e6);
            }
        }
        if (shortfall != null) {
            if (allowShortRead) {
                LOG.log(Level.WARNING, "{0}: {1}; accepted because short reads are allowed", new Object[] {file, shortfall});
            } else {
                throw fail("video file " + file + " is truncated or damaged: " + shortfall
                        + " (was it cut, or changed while being read?)" + FfmpegSupport.recentErrors(), null);
            }
        }
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
        return description;
    }

    /**
     * Returns the width of the decoded frames.
     *
     * @return the width (in pixels, &gt;0)
     */
    public int width() {
        ensureOpen();
        return width;
    }

    /**
     * Returns the height of the decoded frames.
     *
     * @return the height (in pixels, &gt;0)
     */
    public int height() {
        ensureOpen();
        return height;
    }

    /**
     * Returns the name of the video codec, as FFmpeg reports it.
     *
     * @return for example "h264" (not null)
     */
    public String codecName() {
        ensureOpen();
        return codecName == null ? "unknown" : codecName;
    }

    /**
     * Returns the frame count the file's header announces.
     *
     * @return the count, or 0 when the header has none (Matroska, WebM)
     */
    public long headerFrameCount() {
        ensureOpen();
        return headerFrames;
    }

    /**
     * Returns the video file.
     *
     * @return the absolute path (not null)
     */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        FFmpegFrameGrabber g = grabber;
        grabber = null;
        releaseQuietly(g);
    }

    private static void releaseQuietly(FFmpegFrameGrabber g) {
        try {
            g.stop();
            g.release();
        } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
            LOG.log(Level.WARNING, "releasing the FFmpeg grabber failed", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("VideoFileSource " + description + " is closed");
        }
    }
}
