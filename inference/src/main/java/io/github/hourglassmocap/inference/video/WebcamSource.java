package io.github.hourglassmocap.inference.video;

import io.github.hourglassmocap.inference.DecodeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Frames from a webcam, through FFmpeg's capture-device input (the same {@link FFmpegFrameGrabber} that reads
 * files): {@code video4linux2} on Linux ({@code webcam:N} is {@code /dev/videoN}), {@code avfoundation} on
 * macOS (by index) and {@code dshow} on Windows (by name, {@code video=Camera Name}). FFmpeg converts each
 * picture to BGR24 itself, whatever the camera sends (YUYV, MJPEG...).
 *
 * <p>Why FFmpeg and not OpenCV's {@code VideoCapture}: one decoding path for files and cameras (same frame
 * conversion, timestamps and error handling), FFmpeg's device options (size, rate, {@code input_format=mjpeg}
 * for high resolutions), and FFmpeg's error text ("Cannot open video device /dev/video3: No such file or
 * directory") where OpenCV only answers {@code isOpened() == false}.
 *
 * <p>Never hangs: opening and every grab run on a worker thread and are awaited for a bounded time
 * ({@link Settings#openTimeout()}, {@link Settings#frameTimeout()}); a missing device fails before FFmpeg is
 * even asked. A camera that stops delivering frames (unplugged, or stalled) ends in a {@link DecodeException}
 * naming it, never in a silent end: a webcam has no end. <b>Buffer reuse:</b> as for files, frames share the
 * grabber's buffer until the next grab. Timestamps are the device's, counted from the first frame. Not
 * thread-safe (one consumer thread).
 */
final class WebcamSource implements FrameSource {
    private static final Logger LOG = Logger.getLogger(WebcamSource.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final double FALLBACK_RATE_HZ = 30;

    private final String description;
    private final Settings settings;
    private FrameGrabber grabber;
    private final ExecutorService worker;
    private double frameRateHz;
    private long firstTimestampMicros = Long.MIN_VALUE;
    private long delivered;
    private Future<?> stuck;
    private DecodeException failure;
    private boolean closed;

    /**
     * What to ask of the camera, and how long to wait for it.
     *
     * @param width requested width (in pixels, 0 for the camera's default; &ge;0)
     * @param height requested height (in pixels, 0 for the camera's default; &ge;0)
     * @param frameRateHz requested rate (0 for the camera's default; finite, &ge;0)
     * @param inputFormat the camera's transfer format, for example "mjpeg" or "yuyv422" (null for its default)
     * @param openTimeout longest wait for the device to open (not null, positive)
     * @param frameTimeout longest wait for any one frame, the first included (not null, positive)
     */
    public record Settings(int width, int height, double frameRateHz, String inputFormat, Duration openTimeout,
            Duration frameTimeout) {
        /** The camera's defaults; 10 s to open, 5 s per frame. */
        public static final Settings DEFAULT = new Settings(0, 0, 0, null, Duration.ofSeconds(10), Duration.ofSeconds(5));

        /**
         * Validates the settings.
         */
        public Settings {
            if (width < 0 || height < 0) {
                throw new IllegalArgumentException("webcam size " + width + "x" + height + " must be >= 0 (0 = default)");
            }
            if (!Double.isFinite(frameRateHz) || frameRateHz < 0) {
                throw new IllegalArgumentException("webcam frameRateHz " + frameRateHz + " must be finite and >= 0");
            }
            Objects.requireNonNull(openTimeout, "openTimeout");
            Objects.requireNonNull(frameTimeout, "frameTimeout");
            if (openTimeout.isNegative() || openTimeout.isZero() || frameTimeout.isNegative() || frameTimeout.isZero()) {
                throw new IllegalArgumentException("webcam timeouts must be positive");
            }
        }
    }

    private WebcamSource(String description, FrameGrabber grabber, Settings settings) {
        this.description = description;
        this.grabber = grabber;
        this.settings = settings;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mocap-webcam-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens webcam number {@code index} with the camera's defaults.
     *
     * @param index the camera number (&ge;0): /dev/video{index} on Linux, the AVFoundation index on macOS
     * @return a new open source (close it)
     * @throws DecodeException if there is no such camera, it cannot be opened, or it does not open in time
     */
    public static WebcamSource open(int index) throws DecodeException {
        return open(index, Settings.DEFAULT);
    }

    /**
     * Opens webcam number {@code index}.
     *
     * @param index the camera number (&ge;0): /dev/video{index} on Linux, the AVFoundation index on macOS
     * @param settings size, rate, format and timeouts (not null)
     * @return a new open source (close it)
     * @throws DecodeException if there is no such camera, it cannot be opened, or it does not open in time
     */
    public static WebcamSource open(int index, Settings settings) throws DecodeException {
        if (index < 0) {
            throw new IllegalArgumentException("webcam index " + index + " must be >= 0");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            throw new DecodeException("webcam:" + index + ": on Windows a camera is opened by name, as "
                    + "webcam:video=<camera name> (FFmpeg's dshow input has no numbers)");
        }
        if (os.contains("mac")) {
            return openDevice("webcam:" + index, index + ":none", "avfoundation", settings);
        }
        return openDevice("webcam:" + index, "/dev/video" + index, "video4linux2", settings);
    }

    /**
     * Opens a webcam by device: a path such as /dev/video2 on Linux, an index on macOS, or
     * "video=Camera Name" on Windows.
     *
     * @param device the device (not null, not empty)
     * @param settings size, rate, format and timeouts (not null)
     * @return a new open source (close it)
     * @throws DecodeException if there is no such device, it cannot be opened, or it does not open in time
     */
    public static WebcamSource open(String device, Settings settings) throws DecodeException {
        Objects.requireNonNull(device, "device");
        if (device.isBlank()) {
            throw new IllegalArgumentException("webcam device must not be empty");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String format = os.contains("win") ? "dshow" : os.contains("mac") ? "avfoundation" : "video4linux2";
        return openDevice("webcam:" + device, device, format, settings);
    }

    private static WebcamSource openDevice(String description, String device, String format, Settings settings)
            throws DecodeException {
        Objects.requireNonNull(settings, "settings");
        if ("video4linux2".equals(format)) {
            checkLinuxDevice(description, Path.of(device));
        }
        FfmpegSupport.init();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(device);
        g.setFormat(format);
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        if (settings.width() > 0 && settings.height() > 0) {
            g.setImageWidth(settings.width());
            g.setImageHeight(settings.height());
        }
        if (settings.frameRateHz() > 0) {
            g.setFrameRate(settings.frameRateHz());
        }
        if (settings.inputFormat() != null) {
            g.setOption("input_format", settings.inputFormat());
        }
        return open(description, g, settings);
    }

    /** Fails fast, with the devices that do exist, before FFmpeg is asked. */
    private static void checkLinuxDevice(String description, Path device) throws DecodeException {
        if (!Files.exists(device)) {
            throw new DecodeException(description + ": " + device + " does not exist; video devices on this machine: "
                    + listLinuxDevices() + " (is the camera plugged in?)");
        }
        if (Files.isDirectory(device) || Files.isRegularFile(device)) {
            throw new DecodeException(description + ": " + device + " is not a device; a webcam is a /dev/videoN node");
        }
        if (!Files.isReadable(device)) {
            throw new DecodeException(description + ": " + device + " is not readable by this user (on most "
                    + "systems: add the user to the 'video' group)");
        }
    }

    private static List<String> listLinuxDevices() {
        try (Stream<Path> s = Files.list(Path.of("/dev"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("video\\d+"))
                    .sorted(NaturalOrder.INSTANCE).map(n -> "/dev/" + n).toList();
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Opens a webcam source over any JavaCV grabber; the seam the tests use to stand in for a camera.
     *
     * @param description how messages name the source (not null)
     * @param grabber a grabber not yet started, set to deliver 8-bit BGR (not null; owned)
     * @param settings the timeouts (not null)
     * @return a new open source
     * @throws DecodeException if the grabber fails to start, or does not start in time
     */
    static WebcamSource open(String description, FrameGrabber grabber, Settings settings) throws DecodeException {
        WebcamSource source = new WebcamSource(description, grabber, settings);
        source.start();
        return source;
    }

    private void start() throws DecodeException {
        try {
            await(() -> {
                FfmpegSupport.clearRecentErrors();
                try {
                    grabber.start();
                } catch (FrameGrabber.Exception e) {
                    throw new DecodeException(description + ": cannot open the camera: " + FfmpegSupport.describe(e)
                            + FfmpegSupport.recentErrors() + " (is it in use by another program?)", e);
                }
                return null;
            }, settings.openTimeout(), "open");
        } catch (DecodeException e) {
            close();
            throw e;
        }
        double rate = grabber.getFrameRate();
        if (!(rate > 0) || !Double.isFinite(rate) || rate > 1000) {
            rate = settings.frameRateHz() > 0 ? settings.frameRateHz() : FALLBACK_RATE_HZ;
        }
        frameRateHz = rate;
        failure = null;
        LOG.log(Level.FINE, "{0} opened at {1} fps", new Object[] {description, frameRateHz});
    }

    @Override
    public Frame grab() throws DecodeException {
        ensureOpen();
        if (failure != null) {
            throw new DecodeException(failure.getMessage(), failure);
        }
        return await(() -> {
            FfmpegSupport.clearRecentErrors();
            org.bytedeco.javacv.Frame jf;
            try {
                jf = grabber.grab();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw new DecodeException(description + " failed after " + delivered + " frames: "
                        + FfmpegSupport.describe(e) + FfmpegSupport.recentErrors(), e);
            }
            if (jf == null || jf.image == null || jf.image.length == 0) {
                throw new DecodeException(description + " stopped delivering frames after " + delivered
                        + " (unplugged, or taken by another program?)" + FfmpegSupport.recentErrors());
            }
            if (firstTimestampMicros == Long.MIN_VALUE) {
                firstTimestampMicros = jf.timestamp;
            }
            ByteBuffer pixels = ((ByteBuffer) jf.image[0]).duplicate();
            pixels.clear();
            long nanos = Math.max(0, jf.timestamp - firstTimestampMicros) * 1000L;
            return new Frame(jf.imageWidth, jf.imageHeight, jf.imageStride, pixels, nanos, delivered++);
        }, settings.frameTimeout(), "frame " + delivered);
    }

    /** Runs a task on the worker and waits a bounded time; every failure is recorded and sticks. */
    private <T> T await(Callable<T> task, Duration timeout, String what) throws DecodeException {
        Future<T> future = worker.submit(task);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            stuck = future;
            throw fail(new DecodeException(description + ": no " + what + " within " + seconds(timeout)
                    + " (camera stalled, or busy?)", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            stuck = future;
            throw fail(new DecodeException(description + ": interrupted while waiting for " + what, e));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DecodeException d) {
                throw fail(d);
            }
            throw fail(new DecodeException(description + " failed on " + what + ": " + cause, cause));
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }

    private DecodeException fail(DecodeException e) {
        failure = e;
        return e;
    }

    @Override
    public double frameRateHz() {
        ensureOpen();
        return frameRateHz;
    }

    @Override
    public boolean isLive() {
        ensureOpen();
        return true;
    }

    @Override
    public String describe() {
        return description;
    }

    /**
     * Stops the camera and frees it. If a grab is still stuck in the driver, the release is queued behind it
     * on the worker thread (freeing the grabber under a running read could crash the JVM), and close returns
     * after a short wait regardless. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        FrameGrabber g = grabber;
        grabber = null;
        worker.submit(() -> {
            try {
                g.stop();
                g.release();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                LOG.log(Level.WARNING, "releasing " + description + " failed", e);
            }
        });
        worker.shutdown();
        try {
            if (!worker.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "{0}: a read is still stuck in the driver; the device is released when it returns",
                        description);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stuck != null && !stuck.isDone()) {
            LOG.log(Level.FINE, "{0}: closed with a grab still pending", description);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("WebcamSource " + description + " is closed");
        }
    }
}
