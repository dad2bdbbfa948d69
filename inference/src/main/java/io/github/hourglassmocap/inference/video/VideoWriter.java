package io.github.hourglassmocap.inference.video;

import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * Writes BGR frames to a video file (mp4, mov, mkv, avi or webm) through JavaCV's FFmpeg recorder, atomically:
 * frames go to a hidden temporary file in the target's folder, which {@link #close()} renames onto the target.
 * A failure, or {@link #abort()}, deletes the temporary file, so the target is either complete or untouched.
 *
 * <p>Codec: by default H.264 (OpenH264) in mp4, mov and mkv, falling back to MPEG-4 part 2 where the FFmpeg
 * build has no H.264 encoder; MJPEG in avi; VP9 in webm. See {@link VideoCodec} and {@code docs/video.md}.
 * Frames are stored at a constant rate: frame {@code n} is shown at {@code n / frameRateHz}, whatever the
 * timestamps of the {@link Frame}s written.
 *
 * <p>Odd sizes: 4:2:0 video needs an even width and height, and JavaCV's recorder would rescale an odd-sized
 * picture. This writer instead pads an odd width or height by one column or row, repeating the last one, so
 * a 641x479 frame is stored as 642x480 whose top-left 641x479 pixels are the ones written (no rescaling; pixel
 * coordinates are unchanged). {@link #encodedWidth()} and {@link #encodedHeight()} give the stored size.
 *
 * <p>Not thread-safe: one thread writes. {@link #close()} is idempotent; any other call after close throws
 * {@link IllegalStateException}.
 */
public final class VideoWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(VideoWriter.class.getName());
    /** FFmpeg muxer name for each file extension the writer accepts. */
    private static final Map<String, String> MUXERS = Map.of(
            "mp4", "mp4", "mov", "mov", "mkv", "matroska", "avi", "avi", "webm", "webm");
    private static final int MAX_SIDE = 16384;

    private final Path target;
    private final Path temp;
    private final int width;
    private final int height;
    private final int encodedWidth;
    private final int encodedHeight;
    private final double frameRateHz;
    private final VideoCodec codec;
    private FFmpegFrameRecorder recorder;
    private ByteBuffer staging;
    private long framesWritten;
    private boolean closed;

    /**
     * Settings beyond the size and rate.
     *
     * @param codec the encoder (null: the container's default, see {@link VideoWriter#defaultCodec(String)})
     * @param bitRate target bits per second (0: chosen from the size, rate and codec; ignored by MJPEG and
     *     FFV1, which use a fixed quality; &ge;0)
     */
    public record Options(VideoCodec codec, int bitRate) {
        /** The defaults: container's codec, automatic bit rate. */
        public static final Options DEFAULT = new Options(null, 0);

        /**
         * Validates the bit rate.
         */
        public Options {
            if (bitRate < 0) {
                throw new IllegalArgumentException("bitRate " + bitRate + " must be >= 0 (0 = automatic)");
            }
        }
    }

    private VideoWriter(Path target, Path temp, int width, int height, double frameRateHz, VideoCodec codec) {
        this.target = target;
        this.temp = temp;
        this.width = width;
        this.height = height;
        this.encodedWidth = width + (width & 1);
        this.encodedHeight = height + (height & 1);
        this.frameRateHz = frameRateHz;
        this.codec = codec;
    }

    /**
     * Opens a writer with the container's default codec and an automatic bit rate.
     *
     * @param path the video file to create or replace; its extension picks the container: mp4, mov, mkv, avi
     *     or webm (not null; its folder must exist and be writable)
     * @param width frame width (in pixels, 1..16384; odd sizes are padded, see the class comment)
     * @param height frame height (in pixels, 1..16384)
     * @param frameRateHz frames per second (finite, &gt;0, &le;1000)
     * @return a new open writer (close it)
     * @throws MocapIOException if the folder is missing or not writable, or FFmpeg cannot start the encoder
     */
    public static VideoWriter open(Path path, int width, int height, double frameRateHz) throws MocapIOException {
        return open(path, width, height, frameRateHz, Options.DEFAULT);
    }

    /**
     * Opens a writer.
     *
     * @param path the video file to create or replace; its extension picks the container: mp4, mov, mkv, avi
     *     or webm (not null; its folder must exist and be writable)
     * @param width frame width (in pixels, 1..16384; odd sizes are padded, see the class comment)
     * @param height frame height (in pixels, 1..16384)
     * @param frameRateHz frames per second (finite, &gt;0, &le;1000)
     * @param options codec and bit rate (not null)
     * @return a new open writer (close it)
     * @throws MocapIOException if the folder is missing or not writable, or FFmpeg cannot start the encoder
     * @throws IllegalArgumentException for a bad size, rate or extension, an encoder this FFmpeg build lacks,
     *     or a codec the container cannot hold
     */
    public static VideoWriter open(Path path, int width, int height, double frameRateHz, Options options)
            throws MocapIOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE) {
            throw new IllegalArgumentException("frame size " + width + "x" + height + " must be within 1.." + MAX_SIDE);
        }
        if (!Double.isFinite(frameRateHz) || frameRateHz <= 0 || frameRateHz > 1000) {
            throw new IllegalArgumentException("frameRateHz " + frameRateHz + " must be finite, > 0 and <= 1000");
        }
        Path target = path.toAbsolutePath().normalize();
        String extension = extensionOf(target);
        String muxer = MUXERS.get(extension);
        if (muxer == null) {
            throw new IllegalArgumentException("unsupported video file extension '" + extension + "' in " + target
                    + "; expected one of " + new java.util.TreeSet<>(MUXERS.keySet()));
        }
        VideoCodec codec = options.codec() != null ? options.codec() : defaultCodec(extension);
        if (!codec.isAvailable()) {
            throw new IllegalArgumentException("codec " + codec + " (FFmpeg encoder '" + codec.encoderName()
                    + "') is not in this FFmpeg build; pick another VideoCodec");
        }
        checkContainerHolds(muxer, codec, extension);
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new MocapIOException("cannot write video " + target + ": folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder)) {
            throw new MocapIOException("cannot write video " + target + ": folder " + folder + " is not writable");
        }
        if (Files.isDirectory(target)) {
            throw new MocapIOException("cannot write video " + target + ": a folder of that name exists");
        }
        Path temp = AtomicFiles.temporarySibling(target);
        VideoWriter writer = new VideoWriter(target, temp, width, height, frameRateHz, codec);
        writer.start(muxer, options.bitRate());
        return writer;
    }

    /**
     * Returns the codec used when none is given, for a file extension.
     *
     * @param extension the file extension, without the dot, any case: mp4, mov, mkv, avi or webm (not null)
     * @return H.264 for mp4/mov/mkv (MPEG-4 part 2 if this FFmpeg build has no H.264 encoder), MJPEG for avi,
     *     VP9 for webm
     * @throws IllegalArgumentException for another extension
     */
    public static VideoCodec defaultCodec(String extension) {
        String ext = extension.toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "mp4", "mov", "mkv" -> VideoCodec.H264.isAvailable() ? VideoCodec.H264 : VideoCodec.MPEG4;
            case "avi" -> VideoCodec.MJPEG;
            case "webm" -> VideoCodec.VP9;
            default -> throw new IllegalArgumentException("unsupported video file extension '" + extension
                    + "'; expected one of " + new java.util.TreeSet<>(MUXERS.keySet()));
        };
    }

    private static String extensionOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void checkContainerHolds(String muxer, VideoCodec codec, String extension) {
        FfmpegSupport.init();
        AVOutputFormat format = avformat.av_guess_format(muxer, null, null);
        AVCodec encoder = avcodec.avcodec_find_encoder_by_name(codec.encoderName());
        if (format == null || format.isNull() || encoder == null || encoder.isNull()) {
            return;
        }
        if (avformat.avformat_query_codec(format, encoder.id(), avcodec.FF_COMPLIANCE_NORMAL) == 0) {
            throw new IllegalArgumentException("a ." + extension + " file cannot hold " + codec
                    + "; use another codec or container (mkv holds all of " + java.util.Arrays.toString(VideoCodec.values()) + ")");
        }
    }

    private void start(String muxer, int bitRate) throws MocapIOException {
        FfmpegSupport.init();
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(temp.toString(), encodedWidth, encodedHeight, 0);
        r.setFormat(muxer);
        r.setVideoCodecName(codec.encoderName());
        r.setPixelFormat(codec.pixelFormat());
        r.setFrameRate(frameRateHz);
        r.setGopSize(Math.max(1, (int) Math.round(frameRateHz)));
        switch (codec) {
            case MJPEG -> r.setVideoQuality(3);
            case FFV1 -> r.setVideoBitrate(0);
            case VP9 -> {
                r.setVideoBitrate(bitRate > 0 ? bitRate : automaticBitRate(0.10));
                // Real-time speed settings: the default "good" deadline is an order of magnitude slower.
                r.setVideoOption("deadline", "realtime");
                r.setVideoOption("cpu-used", "8");
            }
            case H264 -> r.setVideoBitrate(bitRate > 0 ? bitRate : automaticBitRate(0.10));
            case MPEG4 -> r.setVideoBitrate(bitRate > 0 ? bitRate : automaticBitRate(0.20));
            default -> throw new AssertionError(codec);
        }
        FfmpegSupport.clearRecentErrors();
        try {
            r.start();
        } catch (FFmpegFrameRecorder.Exception | RuntimeException e) {
            releaseQuietly(r);
            deleteTemp();
            throw new MocapIOException("cannot start writing video " + target + " with " + codec + ": "
                    + FfmpegSupport.describe(e) + FfmpegSupport.recentErrors(), e);
        }
        recorder = r;
        LOG.log(Level.FINE, "writing {0} ({1}x{2} stored as {3}x{4}, {5} fps, {6})", new Object[] {
            target, width, height, encodedWidth, encodedHeight, frameRateHz, codec});
    }

    private int automaticBitRate(double bitsPerPixel) {
        double bits = bitsPerPixel * encodedWidth * encodedHeight * frameRateHz;
        return (int) Math.max(200_000, Math.min(50_000_000, bits));
    }

    /**
     * Appends one frame.
     *
     * @param frame a frame of exactly this writer's width and height (not null, unaffected; its timestamp is
     *     ignored: frames are stored at a constant rate)
     * @throws MocapIOException if encoding or writing fails; the temporary file is then deleted and the
     *     writer closed
     * @throws IllegalArgumentException if the frame size differs from the writer's
     */
    public void write(Frame frame) throws MocapIOException {
        Objects.requireNonNull(frame, "frame");
        ensureOpen();
        checkSize(frame.width(), frame.height());
        writePixels(frame.pixels(), frame.strideBytes());
    }

    /**
     * Appends one frame given as packed BGR bytes (rows 3 x width bytes apart, top row first).
     *
     * @param bgr the pixels (not null, unaffected; length exactly 3 x width x height)
     * @throws MocapIOException if encoding or writing fails (the writer is then closed and the file discarded)
     * @throws IllegalArgumentException if the length does not match the writer's size
     */
    public void write(byte[] bgr) throws MocapIOException {
        Objects.requireNonNull(bgr, "bgr");
        ensureOpen();
        long expected = 3L * width * height;
        if (bgr.length != expected) {
            throw new IllegalArgumentException("bgr has " + bgr.length + " bytes; a packed " + width + "x" + height
                    + " BGR frame has " + expected);
        }
        writePixels(ByteBuffer.wrap(bgr), 3 * width);
    }

    /**
     * Appends one frame given as BGR bytes in a buffer, from index 0 (the position is ignored and unaffected).
     *
     * @param bgr the pixels (not null, unaffected; capacity &ge; strideBytes x (height-1) + 3 x width)
     * @param strideBytes bytes from one row to the next (&ge; 3 x width)
     * @throws MocapIOException if encoding or writing fails (the writer is then closed and the file discarded)
     * @throws IllegalArgumentException if the stride or capacity is too small
     */
    public void write(ByteBuffer bgr, int strideBytes) throws MocapIOException {
        Objects.requireNonNull(bgr, "bgr");
        ensureOpen();
        if (strideBytes < 3 * width) {
            throw new IllegalArgumentException("strideBytes " + strideBytes + " < 3 x width " + width);
        }
        long needed = (long) strideBytes * (height - 1) + 3L * width;
        if (bgr.capacity() < needed) {
            throw new IllegalArgumentException("bgr holds " + bgr.capacity() + " bytes; " + width + "x" + height
                    + " at stride " + strideBytes + " needs " + needed);
        }
        writePixels(bgr, strideBytes);
    }

    private void checkSize(int w, int h) {
        if (w != width || h != height) {
            throw new IllegalArgumentException("frame is " + w + "x" + h + " but the writer for " + target + " is "
                    + width + "x" + height);
        }
    }

    private void writePixels(ByteBuffer source, int strideBytes) throws MocapIOException {
        ByteBuffer pixels;
        int stride;
        boolean fullRows = (long) strideBytes * height <= source.capacity();
        if (encodedWidth == width && encodedHeight == height && source.isDirect() && fullRows) {
            // Fast path: JavaCV reads the caller's native memory directly; duplicate() keeps its position untouched.
            pixels = source.duplicate();
            stride = strideBytes;
        } else {
            pixels = stage(source, strideBytes);
            stride = 3 * encodedWidth;
        }
        try {
            recorder.recordImage(encodedWidth, encodedHeight, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3, stride,
                    avutil.AV_PIX_FMT_BGR24, pixels);
            framesWritten++;
        } catch (FFmpegFrameRecorder.Exception | RuntimeException e) {
            String what = FfmpegSupport.describe(e) + FfmpegSupport.recentErrors();
            discard();
            throw new MocapIOException("writing frame " + framesWritten + " of video " + target + " failed: " + what
                    + "; nothing was saved", e);
        }
    }

    /** Copies into a packed, direct, even-sized buffer, repeating the last column and row where padding. */
    private ByteBuffer stage(ByteBuffer source, int strideBytes) {
        int row = 3 * width;
        int encodedRow = 3 * encodedWidth;
        if (staging == null) {
            staging = ByteBuffer.allocateDirect(encodedRow * encodedHeight);
        }
        ByteBuffer src = source.duplicate();
        for (int y = 0; y < height; y++) {
            src.limit(y * strideBytes + row).position(y * strideBytes);
            staging.position(y * encodedRow);
            staging.put(src);
            if (encodedWidth != width) {
                int last = y * encodedRow + row - 3;
                staging.put(staging.get(last)).put(staging.get(last + 1)).put(staging.get(last + 2));
            }
        }
        if (encodedHeight != height) {
            ByteBuffer lastRow = staging.duplicate();
            lastRow.limit((height - 1) * encodedRow + encodedRow).position((height - 1) * encodedRow);
            staging.position(height * encodedRow);
            staging.put(lastRow);
        }
        staging.clear();
        return staging;
    }

    /**
     * Finishes the file and renames it onto the target. Idempotent: later calls do nothing.
     *
     * @throws MocapIOException if no frame was written, or the encoder, the trailer or the rename failed; in
     *     every case the temporary file is deleted and the target left as it was
     */
    @Override
    public void close() throws MocapIOException {
        if (closed) {
            return;
        }
        if (framesWritten == 0) {
            discard();
            throw new MocapIOException("no frame was written to video " + target + "; no file was created");
        }
        closed = true;
        FFmpegFrameRecorder r = recorder;
        recorder = null;
        try {
            r.stop();
        } catch (FFmpegFrameRecorder.Exception | RuntimeException e) {
            releaseQuietly(r);
            deleteTemp();
            throw new MocapIOException("finishing video " + target + " failed: " + FfmpegSupport.describe(e)
                    + FfmpegSupport.recentErrors()
                    + "; nothing was saved", e);
        }
        releaseQuietly(r);
        try {
            AtomicFiles.moveIntoPlace(temp, target);
        } catch (IOException e) {
            deleteTemp();
            throw new MocapIOException("cannot rename " + temp + " to " + target + ": " + e, e);
        }
        LOG.log(Level.FINE, "wrote {0}: {1} frames", new Object[] {target, framesWritten});
    }

    /**
     * Stops writing and deletes the temporary file, leaving the target untouched. Idempotent; does nothing
     * after {@link #close()}.
     */
    public void abort() {
        if (!closed) {
            discard();
        }
    }

    private void discard() {
        closed = true;
        FFmpegFrameRecorder r = recorder;
        recorder = null;
        if (r != null) {
            releaseQuietly(r);
        }
        deleteTemp();
    }

    private static void releaseQuietly(FFmpegFrameRecorder r) {
        try {
            r.release();
        } catch (FFmpegFrameRecorder.Exception | RuntimeException e) {
            LOG.log(Level.WARNING, "releasing the FFmpeg recorder failed", e);
        }
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete temporary video file " + temp, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("VideoWriter for " + target + " is closed");
        }
    }

    /**
     * Returns the file this writer creates.
     *
     * @return the absolute target path (not null)
     */
    public Path path() {
        return target;
    }

    /**
     * Returns the width frames must have.
     *
     * @return the width given to {@code open} (in pixels)
     */
    public int width() {
        return width;
    }

    /**
     * Returns the height frames must have.
     *
     * @return the height given to {@code open} (in pixels)
     */
    public int height() {
        return height;
    }

    /**
     * Returns the width stored in the file: the frame width rounded up to even.
     *
     * @return the stored width (in pixels)
     */
    public int encodedWidth() {
        return encodedWidth;
    }

    /**
     * Returns the height stored in the file: the frame height rounded up to even.
     *
     * @return the stored height (in pixels)
     */
    public int encodedHeight() {
        return encodedHeight;
    }

    /**
     * Returns the frame rate.
     *
     * @return frames per second (&gt;0)
     */
    public double frameRateHz() {
        return frameRateHz;
    }

    /**
     * Returns the codec in use.
     *
     * @return the codec (not null)
     */
    public VideoCodec codec() {
        return codec;
    }

    /**
     * Returns how many frames were written so far.
     *
     * @return the count (&ge;0)
     */
    public long framesWritten() {
        return framesWritten;
    }
}
