package io.github.hourglassmocap.plugin.bake;

import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.SkeletonOverlay;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.VideoCodec;
import io.github.hourglassmocap.inference.video.VideoWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The left half of preview.mp4: the input video with its 2D skeleton drawn on, scaled to the preview's height
 * (at most {@link #MAX_HEIGHT} pixels), recorded into a temporary video while the bake's 2D pass decodes the input,
 * so that the bake opens the input once and the preview, which can only be rendered once the clip is baked, does
 * not decode it again. {@link #close()} deletes the temporary video (idempotent).
 */
public final class PreviewInput implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PreviewInput.class.getName());
    /** The preview's height at most, in pixels. */
    public static final int MAX_HEIGHT = 480;
    /** Joints below this confidence are not drawn. */
    private static final float MIN_CONFIDENCE = 0.3f;

    private final Path folder;
    private final Path video;
    private final int width;
    private final int height;
    private final double frameRateHz;
    private final long[] timestampsNanos;

    private PreviewInput(Path folder, Path video, int width, int height, double frameRateHz, long[] timestampsNanos) {
        this.folder = folder;
        this.video = video;
        this.width = width;
        this.height = height;
        this.frameRateHz = frameRateHz;
        this.timestampsNanos = timestampsNanos;
    }

    /**
     * Starts recording the preview's input half for a video.
     *
     * @param inputWidth the input's width, upright (in pixels, &gt;0)
     * @param inputHeight the input's height, upright (in pixels, &gt;0)
     * @param frameRateHz the input's frame rate (finite, &gt;0)
     * @return a new recorder (finish or abort it)
     * @throws MocapIOException if the temporary folder or the encoder cannot be made
     */
    static Recorder record(int inputWidth, int inputHeight, double frameRateHz) throws MocapIOException {
        if (inputWidth < 1 || inputHeight < 1) {
            throw new IllegalArgumentException("input size " + inputWidth + "x" + inputHeight + " must be positive");
        }
        int h = even(Math.min(MAX_HEIGHT, inputHeight));
        int w = even((int) Math.round((double) inputWidth * h / inputHeight));
        Path folder;
        try {
            folder = Files.createTempDirectory("mocap-preview-input-");
        } catch (IOException e) {
            throw new MocapIOException("cannot create a temporary folder for the preview's input half: " + e, e);
        }
        try {
            // MPEG-4 part 2 (FFmpeg's own encoder), intra-only: the cheapest to run inside the 2D pass (about 1.4 ms
            // a 640x480 frame, against 2.7 with motion search, 3.5 for H.264 and 1.5-3 for MJPEG, measured in the
            // same runs), at a generous rate (0.3 bit per pixel) since the preview encodes it once more.
            VideoWriter writer = VideoWriter.open(folder.resolve("input.mkv"), w, h, frameRateHz,
                    new VideoWriter.Options(VideoCodec.MPEG4, (int) Math.min(20_000_000, 0.3 * w * h * frameRateHz),
                            true));
            return new Recorder(folder, writer, w, h, frameRateHz);
        } catch (MocapIOException | RuntimeException e) {
            deleteFolder(folder);
            throw e;
        }
    }

    static int even(int v) {
        return Math.max(2, v & ~1);
    }

    /** Records the frames of the 2D pass; used by one thread. */
    static final class Recorder {
        private final Path folder;
        private final VideoWriter writer;
        private final int width;
        private final int height;
        private final double frameRateHz;
        private final ByteBuffer panel;
        private long[] timestamps = new long[256];
        private int count;
        private boolean done;

        private Recorder(Path folder, VideoWriter writer, int width, int height, double frameRateHz) {
            this.folder = folder;
            this.writer = writer;
            this.width = width;
            this.height = height;
            this.frameRateHz = frameRateHz;
            this.panel = ByteBuffer.allocateDirect(width * height * 3);
        }

        /**
         * Adds a frame: scaled to the panel, its skeleton drawn on.
         *
         * @param frame the decoded frame (not null, unaffected)
         * @param keypoints its 2D result, in the frame's pixels (not null)
         * @throws MocapIOException if encoding fails (the recording is then discarded)
         */
        void add(Frame frame, Keypoints2D keypoints) throws MocapIOException {
            if (done) {
                throw new IllegalStateException("PreviewInput.Recorder is finished");
            }
            int row = width * 3;
            if (frame.width() == width && frame.height() == height) {
                // Already the panel's size (an input up to 480 high): a row copy, no scaling.
                ByteBuffer src = frame.pixels().duplicate();
                for (int y = 0; y < height; y++) {
                    src.limit(y * frame.strideBytes() + row).position(y * frame.strideBytes());
                    panel.position(y * row);
                    panel.put(src);
                }
                panel.clear();
            } else {
                blitScaled(frame.pixels(), frame.width(), frame.height(), frame.strideBytes(), panel, row, 0,
                        width, height);
            }
            SkeletonOverlay.drawOnto(panel, width, height, row, keypoints, (double) width / frame.width(),
                    (double) height / frame.height(), MIN_CONFIDENCE);
            writer.write(panel, row);
            if (count == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, count * 2);
            }
            timestamps[count++] = frame.timestampNanos();
        }

        /**
         * Finishes the recording.
         *
         * @return the recorded input half (close it to delete its file)
         * @throws MocapIOException if no frame was added or the file cannot be finished (it is then deleted)
         */
        PreviewInput finish() throws MocapIOException {
            done = true;
            try {
                writer.close();
            } catch (MocapIOException e) {
                deleteFolder(folder);
                throw e;
            }
            return new PreviewInput(folder, writer.path(), width, height, frameRateHz,
                    Arrays.copyOf(timestamps, count));
        }

        /** Discards the recording and its temporary folder (idempotent). */
        void abort() {
            done = true;
            writer.abort();
            deleteFolder(folder);
        }
    }

    /**
     * Nearest-neighbour scale of a BGR image into a region of another.
     *
     * @param src the source pixels from index 0 (not null, unaffected)
     * @param sw the source width (in pixels)
     * @param sh the source height (in pixels)
     * @param stride the source's bytes per row
     * @param dst the destination (not null; modified in the region only)
     * @param dstStride the destination's bytes per row
     * @param x0 the region's left column in the destination
     * @param w the region's width (in pixels)
     * @param h the region's height (in pixels, from the top row)
     */
    static void blitScaled(ByteBuffer src, int sw, int sh, int stride, ByteBuffer dst, int dstStride, int x0, int w,
            int h) {
        int[] sxs = new int[w];
        for (int x = 0; x < w; x++) {
            sxs[x] = Math.min(sw - 1, (int) ((x + 0.5) * sw / w)) * 3;
        }
        for (int y = 0; y < h; y++) {
            int srow = Math.min(sh - 1, (int) ((y + 0.5) * sh / h)) * stride;
            int drow = y * dstStride + x0 * 3;
            for (int x = 0; x < w; x++) {
                int si = srow + sxs[x];
                int di = drow + x * 3;
                dst.put(di, src.get(si));
                dst.put(di + 1, src.get(si + 1));
                dst.put(di + 2, src.get(si + 2));
            }
        }
    }

    /**
     * Returns the recorded video: the panels, at a constant rate.
     *
     * @return a temporary file, deleted by {@link #close()}
     */
    public Path video() {
        return video;
    }

    /**
     * Returns the panel width.
     *
     * @return in pixels, even
     */
    public int width() {
        return width;
    }

    /**
     * Returns the panel height.
     *
     * @return in pixels, even, at most {@link #MAX_HEIGHT}
     */
    public int height() {
        return height;
    }

    /**
     * Returns the input's frame rate.
     *
     * @return frames per second
     */
    public double frameRateHz() {
        return frameRateHz;
    }

    /**
     * Returns how many frames were recorded: one per frame of the 2D pass.
     *
     * @return the frame count (&ge;1)
     */
    public int frameCount() {
        return timestampsNanos.length;
    }

    /**
     * Returns when a frame was shown in the input, from its first frame (a variable frame rate kept).
     *
     * @param frame the frame's index in the recording (0..frameCount-1; later frames are clamped to the last)
     * @return seconds from the first frame (&ge;0)
     */
    public double secondsAt(int frame) {
        int i = Math.max(0, Math.min(timestampsNanos.length - 1, frame));
        return Math.max(0, (timestampsNanos[i] - timestampsNanos[0]) / 1e9);
    }

    /** Deletes the recorded video (idempotent). */
    @Override
    public void close() {
        deleteFolder(folder);
    }

    private static void deleteFolder(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete the preview's temporary folder " + folder, e);
        }
    }

    @Override
    public String toString() {
        return "PreviewInput[" + width + "x" + height + ", " + frameCount() + " frames, " + video + "]";
    }
}
