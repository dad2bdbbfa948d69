package io.github.hourglassmocap.inference.video;

import io.github.hourglassmocap.inference.DecodeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frames of a video file, decoded by JavaCV's {@link FFmpegFrameGrabber}: any container and codec the bundled
 * FFmpeg reads (mp4, mkv, mov, avi, webm; H.264, H.265, VP8/VP9, AV1, MPEG-4, MJPEG and more).
 *
 * <p>FFmpeg converts each decoded picture straight to BGR24 (the grabber's pixel format is set to
 * {@code AV_PIX_FMT_BGR24}, so swscale writes BGR into the grabber's own buffer and no Java-side conversion
 * follows). <b>Buffer reuse:</b> every {@link Frame} returned shares one native buffer, which the next
 * {@link #grab()} overwrites; {@link Frame#copy()} keeps a frame. Rows are padded for alignment, so
 * {@link Frame#strideBytes()} is usually larger than 3 x width.
 *
 * <p><b>Rotation:</b> a file whose display matrix turns or mirrors the picture (phone videos shot in portrait)
 * is delivered upright, as a player shows it: each frame is turned with OpenCV into a second reused buffer, and
 * {@link #width()}/{@link #height()} give the upright size ({@link #orientation()} says what was applied).
 *
 * <p>Timestamps are each frame's own presentation time (FFmpeg's, microsecond resolution) counted from the
 * first decoded frame, so frame 0 is at 0 ns and a variable-frame-rate file keeps its real timing. Frame
 * indices count the frames delivered, from 0.
 *
 * <p>Completeness is judged by the presented duration, not by the number of samples the header lists (an
 * MP4 cut without re-encoding keeps samples before its edit list's start that FFmpeg decodes but never
 * presents). A file that cannot be opened, has no video stream, yields no frame, or whose frames end before
 * the duration its header announces (a truncated file, or one cut while being read) ends in a
 * {@link DecodeException} naming the file. A file that plays to its end but with FFmpeg errors or missing
 * frames is accepted with a warning (logged, and kept in {@link #findDamage()}). After a failure every
 * further grab throws again. Not thread-safe.
 */
public final class VideoFileSource implements FrameSource {
    private static final Logger LOG = Logger.getLogger(VideoFileSource.class.getName());
    /** Frames the decoder may lose at the end without the file counting as truncated, plus 2% of the count. */
    private static final int SLACK_FRAMES = 2;

    /** Distinct FFmpeg error lines quoted in a damage warning. */
    private static final int QUOTED_ERRORS = 3;

    private final Path file;
    private final String description;
    private final boolean allowShortRead;
    private FFmpegFrameGrabber grabber;
    private final double frameRateHz;
    private final DisplayOrientation orientation;
    private Mat upright;
    private Mat uprightScratch;
    private final int width;
    private final int height;
    private final String codecName;
    /** Frame count in the header (samples listed, presented or not), or 0 when it has none. */
    private final long headerFrames;
    /**
     * Whether the header's frame count is what a player presents: not for MP4/MOV, whose sample table also
     * lists samples an edit list hides; yes for AVI, whose duration FFmpeg re-derives from the data it finds
     * when the file's index is lost (a cut file), leaving the header's count the only record of its length.
     */
    private final boolean headerFramesPresented;
    /** Presented video duration in microseconds from the header (edit lists applied), or -1 when unknown. */
    private final long headerDurationMicros;
    /** Start of the header duration in microseconds (stream or container start time). */
    private final long headerStartMicros;
    private long firstTimestampMicros = Long.MIN_VALUE;
    private long lastTimestampMicros;
    private long largestGapMicros;
    private long largestGapAtMicros;
    private long delivered;
    /** FfmpegSupport's error count on the grabbing thread when this source last looked, or -1 before the first grab. */
    private long errorMark = -1;
    /** FfmpegSupport's count of errors on FFmpeg's own threads for this codec when this source last looked. */
    private long nativeErrorMark;
    private long errors;
    private final LinkedHashSet<String> errorLines = new LinkedHashSet<>();
    /** Written by the reading thread, read by any (a pipeline reads on its own thread). */
    private volatile Damage damage;
    private boolean ended;
    private DecodeException failure;
    private boolean closed;

    private VideoFileSource(Path file, boolean allowShortRead, FFmpegFrameGrabber grabber, long openErrors) {
        this.file = file;
        this.description = "file:" + file;
        this.allowShortRead = allowShortRead;
        this.grabber = grabber;
        this.errors = openErrors;
        this.codecName = grabber.getVideoCodecName();
        double rate = grabber.getVideoFrameRate();
        if (!(rate > 0) || !Double.isFinite(rate) || rate > 1000) {
            LOG.log(Level.WARNING, "{0} has no usable frame rate ({1}); assuming 30 fps", new Object[] {file, rate});
            rate = 30;
        }
        this.frameRateHz = rate;
        AVFormatContext oc = grabber.getFormatContext();
        AVStream stream = oc.streams(grabber.getVideoStream());
        this.orientation = orientationOf(file, stream);
        this.width = orientation.uprightWidth(grabber.getImageWidth(), grabber.getImageHeight());
        this.height = orientation.uprightHeight(grabber.getImageWidth(), grabber.getImageHeight());
        AVRational tb = stream.time_base();
        this.headerFrames = Math.max(0, stream.nb_frames());
        String formatName = oc.iformat() == null || oc.iformat().name() == null ? "" : oc.iformat().name().getString();
        this.headerFramesPresented = !formatName.contains("mov") && !formatName.contains("mp4");
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

    /** The stream's display matrix as an orientation; UPRIGHT (with a warning) for one that cannot be applied. */
    private static DisplayOrientation orientationOf(Path file, AVStream stream) {
        AVCodecParameters par = stream.codecpar();
        AVPacketSideData sd = par.nb_coded_side_data() > 0
                ? avcodec.av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
                        avcodec.AV_PKT_DATA_DISPLAYMATRIX)
                : null;
        if (sd == null || sd.isNull() || sd.data() == null || sd.size() < 9 * Integer.BYTES) {
            return DisplayOrientation.UPRIGHT;
        }
        int[] matrix = new int[9];
        new IntPointer(sd.data()).get(matrix);
        DisplayOrientation o = DisplayOrientation.fromDisplayMatrix(matrix);
        if (o == null) {
            LOG.log(Level.WARNING, "{0}: its display matrix {1} is not a quarter turn or mirror; frames are used as "
                    + "decoded", new Object[] {file, java.util.Arrays.toString(matrix)});
            return DisplayOrientation.UPRIGHT;
        }
        return o;
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
     * @param allowShortRead true to accept a file whose frames end before the duration its header announces
     *     (the shortfall is then only logged); false to throw a {@link DecodeException} for it
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
        long errorsBefore = FfmpegSupport.errorCount();
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
        VideoFileSource source;
        try {
            source = new VideoFileSource(path, allowShortRead, g, FfmpegSupport.errorCount() - errorsBefore);
        } catch (RuntimeException e) {
            releaseQuietly(g);
            throw new DecodeException("cannot read the stream header of video file " + path + ": " + e, e);
        }
        if (source.errors > 0) {
            source.quoteErrors();
        }
        LOG.log(Level.FINE, "opened {0}: {1}x{2} {3} at {4} fps, header frames {5}, duration {6} us, orientation {7}",
                new Object[] {path, source.width, source.height, source.codecName, source.frameRateHz,
                    source.headerFrames, source.headerDurationMicros, source.orientation.describe()});
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
        if (errorMark < 0) {
            errorMark = FfmpegSupport.errorCount();
            nativeErrorMark = FfmpegSupport.nativeThreadErrorCount(codecName());
        }
        org.bytedeco.javacv.Frame jf;
        try {
            jf = grabber.grabImage();
        } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
            throw fail("decoding frame " + delivered + " of " + file + " failed: " + FfmpegSupport.describe(e)
                    + FfmpegSupport.recentErrors(), e);
        } finally {
            countErrors();
        }
        if (jf == null || jf.image == null || jf.image.length == 0) {
            checkComplete();
            ended = true;
            return null;
        }
        if (firstTimestampMicros == Long.MIN_VALUE) {
            firstTimestampMicros = jf.timestamp;
        } else if (jf.timestamp - lastTimestampMicros > largestGapMicros) {
            largestGapMicros = jf.timestamp - lastTimestampMicros;
            largestGapAtMicros = lastTimestampMicros - firstTimestampMicros;
        }
        lastTimestampMicros = jf.timestamp;
        ByteBuffer pixels = ((ByteBuffer) jf.image[0]).duplicate();
        pixels.clear();
        long nanos = Math.max(0, jf.timestamp - firstTimestampMicros) * 1000L;
        Frame decoded = new Frame(jf.imageWidth, jf.imageHeight, jf.imageStride, pixels, nanos, delivered++);
        if (orientation == DisplayOrientation.UPRIGHT) {
            return decoded;
        }
        if (upright == null) {
            upright = new Mat();
            uprightScratch = new Mat();
        }
        return orientation.apply(decoded, upright, uprightScratch);
    }

    /**
     * Goes back to the first frame on the file already open: a second decoding pass without opening the file again
     * (the bake decodes its input for the 2D pass, then again for the preview). Frame indices and timestamps start
     * from 0 again, as in the first pass. {@link #findDamage()} keeps the first pass's finding until this pass
     * reaches the end; FFmpeg errors of both passes are counted.
     *
     * @throws DecodeException if the source had failed, or seeking back fails
     * @throws IllegalStateException if closed
     */
    public void rewind() throws DecodeException {
        ensureOpen();
        if (failure != null) {
            throw new DecodeException(failure.getMessage(), failure);
        }
        try {
            // JavaCV counts from the stream's start time and decodes forward to the first frame at or after it.
            grabber.setTimestamp(0L);
        } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
            throw fail("seeking back to the start of " + file + " failed: " + FfmpegSupport.describe(e)
                    + FfmpegSupport.recentErrors(), e);
        }
        firstTimestampMicros = Long.MIN_VALUE;
        lastTimestampMicros = 0;
        largestGapMicros = 0;
        largestGapAtMicros = 0;
        delivered = 0;
        ended = false;
    }

    /** Adds the FFmpeg errors logged on this thread since the last look. */
    private void countErrors() {
        long now = FfmpegSupport.errorCount();
        long added = now - errorMark;
        errorMark = now;
        if (added > 0) {
            errors += added;
            quoteErrors();
        }
        // A decoder with frame threads logs its errors on its own threads.
        long nativeNow = FfmpegSupport.nativeThreadErrorCount(codecName());
        if (nativeNow > nativeErrorMark) {
            errors += nativeNow - nativeErrorMark;
            String line = FfmpegSupport.lastNativeThreadError(codecName());
            if (line != null && errorLines.size() < QUOTED_ERRORS) {
                errorLines.add(line);
            }
        }
        nativeErrorMark = nativeNow;
    }

    private void quoteErrors() {
        for (String line : FfmpegSupport.recentErrorLines()) {
            if (errorLines.size() >= QUOTED_ERRORS) {
                break;
            }
            errorLines.add(line);
        }
    }

    /**
     * Called at the end of the stream: an empty file, or one whose frames stop before its presented duration, is
     * an error (a truncated file); one that reached its end with FFmpeg errors or missing frames is a warning.
     */
    private void checkComplete() throws DecodeException {
        if (delivered == 0) {
            throw fail("video file " + file + " yielded no frame: its video data is missing or damaged "
                    + "(truncated file?)" + FfmpegSupport.recentErrors(), null);
        }
        double periodMicros = 1e6 / frameRateHz;
        long expected = expectedFrameCount();
        String shortfall = null;
        if (headerDurationMicros > 0) {
            long covered = lastTimestampMicros - headerStartMicros + Math.round(periodMicros);
            double slackMicros = SLACK_FRAMES * periodMicros + headerDurationMicros / 50.0;
            if (covered + slackMicros < headerDurationMicros) {
                shortfall = String.format(Locale.ROOT,
                        "its frames end at %.3f s (%d frames) but its header announces %.3f s",
                        covered / 1e6, delivered, headerDurationMicros / 1e6);
            }
        }
        if (shortfall == null && (headerFramesPresented || headerDurationMicros <= 0) && headerFrames > 0
                && delivered + SLACK_FRAMES + headerFrames / 50 < headerFrames) {
            shortfall = "it ended after " + delivered + " of the " + headerFrames + " frames its header announces";
        }
        List<String> problems = new ArrayList<>();
        if (shortfall != null) {
            problems.add(shortfall);
        }
        long missing = expected > 0 ? Math.max(0, expected - delivered) : 0;
        boolean framesMissing = expected > 0 && missing > SLACK_FRAMES + expected / 50;
        if (framesMissing && shortfall == null) {
            problems.add("about " + missing + " of its " + expected + " frames are missing");
        }
        if (framesMissing && shortfall == null && largestGapMicros > 1.5 * periodMicros) {
            problems.add(String.format(Locale.ROOT, "the largest gap between frames is %.3f s (after %.3f s)",
                    largestGapMicros / 1e6, largestGapAtMicros / 1e6));
        }
        if (errors > 0) {
            problems.add("FFmpeg reported " + errors + " error" + (errors == 1 ? "" : "s") + " ("
                    + String.join("; ", errorLines) + ")");
        }
        if (problems.isEmpty()) {
            return;
        }
        String survived = expected > 0 ? delivered + " of about " + expected + " frames" : delivered + " frames";
        damage = new Damage(shortfall != null, errors, delivered, expected,
                "video file " + file + " is " + (shortfall != null ? "truncated or damaged" : "damaged") + ": "
                + String.join("; ", problems) + "; " + survived + " decoded");
        if (shortfall != null && !allowShortRead) {
            throw fail(damage.message() + " (was it cut, or changed while being read?)", null);
        }
        LOG.log(Level.WARNING, "{0}{1}", new Object[] {damage.message(),
            shortfall != null ? "; accepted because short reads are allowed" : "; using the frames that decoded"});
    }

    /**
     * What was wrong with a file that was read to its end anyway.
     *
     * @param truncated true if its frames stopped before its presented duration (accepted only with short reads
     *     allowed)
     * @param ffmpegErrors error lines FFmpeg logged while opening and decoding it: on the reading thread, and on
     *     FFmpeg's decoder threads for this codec (&ge;0)
     * @param framesDecoded the frames delivered (&gt;0)
     * @param framesExpected the frames its presented duration and frame rate promise, or 0 when unknown
     * @param message one line naming the file, what was wrong and how many frames survived (not null)
     */
    public record Damage(boolean truncated, long ffmpegErrors, long framesDecoded, long framesExpected,
            String message) {
    }

    /**
     * Returns what was wrong with the file, once it has been read to its end. Unlike the other methods this may
     * be called after {@link #close()} and from another thread (it is a record of the read, not a use of the
     * decoder).
     *
     * @return the damage found, or null while the end is not reached or when the file was clean
     */
    public Damage findDamage() {
        return damage;
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
     * Returns the width of the frames delivered (upright: a quarter-turned file's decoded height).
     *
     * @return the width (in pixels, &gt;0)
     */
    public int width() {
        ensureOpen();
        return width;
    }

    /**
     * Returns the height of the frames delivered (upright: a quarter-turned file's decoded width).
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
     * Returns the frame count the file's header announces: the samples its index lists, which for an MP4 cut
     * without re-encoding includes samples before its edit list's start that are never shown; see
     * {@link #expectedFrameCount()} for the frames a player presents.
     *
     * @return the count, or 0 when the header has none (Matroska, WebM)
     */
    public long headerFrameCount() {
        ensureOpen();
        return headerFrames;
    }

    /**
     * Returns about how many frames the file presents: its presented duration times its frame rate, or the
     * header's frame count when that is larger and the container has no edit lists (AVI), or when there is no
     * duration. An estimate for progress and for counting lost frames
     * (a variable-frame-rate file's average rate makes it approximate).
     *
     * @return the estimate (&ge;0; 0 when unknown)
     */
    public long expectedFrameCount() {
        ensureOpen();
        long fromDuration = headerDurationMicros > 0 ? Math.max(1, Math.round(headerDurationMicros * frameRateHz / 1e6)) : 0;
        if (fromDuration == 0 || headerFramesPresented) {
            return Math.max(fromDuration, headerFrames);
        }
        return fromDuration;
    }

    /**
     * Returns how the decoded pictures are turned to be upright (from the file's display matrix).
     *
     * @return the orientation applied to every frame ({@link DisplayOrientation#UPRIGHT} when none)
     */
    public DisplayOrientation orientation() {
        ensureOpen();
        return orientation;
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
        if (upright != null) {
            upright.close();
            uprightScratch.close();
            upright = null;
            uprightScratch = null;
        }
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
