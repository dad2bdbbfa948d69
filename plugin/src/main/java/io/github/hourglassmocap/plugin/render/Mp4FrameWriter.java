package io.github.hourglassmocap.plugin.render;

import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.video.Frame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes BGR frames to an H.264 MP4 file through JavaCV's FFmpeg recorder, into a temporary file in the same
 * folder that is renamed onto the destination when {@link #finish()} succeeds (a failed or abandoned write
 * leaves no partial video behind).
 *
 * <p>Stand-in until the project's shared video writer lands in {@code inference.video}.
 */
final class Mp4FrameWriter implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(Mp4FrameWriter.class.getName());

    private final Path destination;
    private final Path temporary;
    private final int width;
    private final int height;
    private final FFmpegFrameRecorder recorder;
    private final org.bytedeco.javacv.Frame buffer;
    private boolean closed;

    /**
     * Opens a writer.
     *
     * @param destination the MP4 file (not null; its folder must exist)
     * @param width frame width (in pixels, even, &gt;0: H.264 with 4:2:0 chroma needs even sizes)
     * @param height frame height (in pixels, even, &gt;0)
     * @param frameRateHz frames per second (&gt;0)
     * @param bitrateKbps target bit rate (in kbit/s, &gt;0)
     * @throws MocapIOException if the file or the encoder cannot be opened
     */
    Mp4FrameWriter(Path destination, int width, int height, double frameRateHz, int bitrateKbps) throws MocapIOException {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("video size " + width + "x" + height + " must be positive and even");
        }
        if (!(frameRateHz > 0) || Double.isInfinite(frameRateHz)) {
            throw new IllegalArgumentException("frameRateHz " + frameRateHz + " must be positive and finite");
        }
        if (bitrateKbps <= 0) {
            throw new IllegalArgumentException("bitrateKbps " + bitrateKbps + " must be positive");
        }
        this.destination = destination.toAbsolutePath();
        this.width = width;
        this.height = height;
        try {
            this.temporary = Files.createTempFile(this.destination.getParent(), "." + this.destination.getFileName(), ".tmp");
        } catch (IOException e) {
            throw new MocapIOException("cannot create a temporary file next to " + this.destination + ": " + e.getMessage(), e);
        }
        recorder = new FFmpegFrameRecorder(temporary.toFile(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(frameRateHz);
        recorder.setGopSize((int) Math.max(1, Math.round(frameRateHz * 2)));
        // The LGPL FFmpeg build JavaCV ships encodes H.264 with OpenH264, which is rate-controlled by bit rate.
        recorder.setVideoBitrate(bitrateKbps * 1000);
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            deleteQuietly();
            throw new MocapIOException("cannot open an H.264 encoder for " + this.destination + ": " + e.getMessage(), e);
        }
        buffer = new org.bytedeco.javacv.Frame(width, height, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3);
    }

    /**
     * Returns a bit rate that keeps rendered characters clean: 0.2 bits per pixel per frame.
     *
     * @param width frame width (in pixels)
     * @param height frame height (in pixels)
     * @param frameRateHz frames per second
     * @return the bit rate (in kbit/s, &ge;200)
     */
    static int defaultBitrateKbps(int width, int height, double frameRateHz) {
        return (int) Math.max(200, Math.round(0.2 * width * height * frameRateHz / 1000.0));
    }

    /**
     * Appends a frame.
     *
     * @param frame a BGR frame of the writer's size (not null, unaffected)
     * @throws MocapIOException if encoding fails
     */
    void write(Frame frame) throws MocapIOException {
        if (closed) {
            throw new IllegalStateException("Mp4FrameWriter is closed");
        }
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height() + "; the video is "
                    + width + "x" + height);
        }
        ByteBuffer dst = (ByteBuffer) buffer.image[0];
        int row = width * 3;
        for (int y = 0; y < height; y++) {
            ByteBuffer src = frame.pixels().duplicate();
            src.position(y * frame.strideBytes()).limit(y * frame.strideBytes() + row);
            dst.position(y * buffer.imageStride);
            dst.put(src);
        }
        dst.rewind();
        try {
            recorder.record(buffer, avutil.AV_PIX_FMT_BGR24);
        } catch (FrameRecorder.Exception e) {
            throw new MocapIOException("encoding frame " + frame.frameIndex() + " of " + destination + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Flushes the encoder and moves the finished file onto the destination.
     *
     * @throws MocapIOException if flushing or the rename fails
     */
    void finish() throws MocapIOException {
        if (closed) {
            throw new IllegalStateException("Mp4FrameWriter is closed");
        }
        closed = true;
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            deleteQuietly();
            throw new MocapIOException("finishing " + destination + " failed: " + e.getMessage(), e);
        }
        buffer.close();
        try {
            GroundTruthFile.makeReadable(temporary);
            try {
                Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly();
            throw new MocapIOException("cannot move the finished video onto " + destination + ": " + e.getMessage(), e);
        }
    }

    /**
     * Abandons an unfinished video (deleting its temporary file); after {@link #finish()} does nothing.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            LOGGER.log(Level.FINE, "closing an abandoned recorder failed", e);
        }
        buffer.close();
        deleteQuietly();
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot delete the temporary video " + temporary, e);
        }
    }
}
