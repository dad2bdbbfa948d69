package io.github.hourglassmocap.inference.video;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * Process-wide FFmpeg helpers shared by the video classes: native loading, log level, encoder lookup and
 * turning FFmpeg's numeric error codes into words.
 */
final class FfmpegSupport {
    private static final Logger LOG = Logger.getLogger(FfmpegSupport.class.getName());
    /** System property that sets FFmpeg's own log level (quiet, panic, fatal, error, warning, info, verbose, debug). */
    static final String LOG_LEVEL_PROPERTY = "mocap.ffmpeg.loglevel";
    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");
    /** System property: "stderr" leaves FFmpeg's own log output alone instead of routing it to JUL. */
    static final String LOG_PROPERTY = "mocap.ffmpeg.log";
    private static final Logger FFMPEG_LOG = Logger.getLogger("io.github.hourglassmocap.inference.video.ffmpeg");
    private static final int MAX_RECENT = 4;
    private static final Pattern CONTEXT_PREFIX = Pattern.compile("^\\[([^\\]]*) @ 0x[0-9a-fA-F]+\\] ");
    /** Name prefix JavaCPP gives the native threads it attaches to the JVM (FFmpeg's decoder threads). */
    private static final String NATIVE_THREAD_PREFIX = "JavaCPP";
    /** Error lines logged on FFmpeg's own threads, per context name (a decoder's name, such as "h264"). */
    private static final ConcurrentHashMap<String, AtomicLong> NATIVE_THREAD_ERRORS = new ConcurrentHashMap<>();
    /** The last error line logged on FFmpeg's own threads, per context name. */
    private static final ConcurrentHashMap<String, String> NATIVE_THREAD_LAST = new ConcurrentHashMap<>();
    private static final ThreadLocal<ArrayDeque<String>> RECENT = ThreadLocal.withInitial(ArrayDeque::new);
    /** Error lines FFmpeg logged on each thread, ever (never reset, so callers compare two readings). */
    private static final ThreadLocal<long[]> ERROR_COUNT = ThreadLocal.withInitial(() -> new long[1]);
    private static volatile boolean initialised;
    /** Held so the native side's function pointer is never collected. */
    @SuppressWarnings("unused")
    private static LogCallback callback;

    private FfmpegSupport() {
    }

    /**
     * Loads the FFmpeg natives once and sets FFmpeg's log level: "error" unless the system property
     * {@value #LOG_LEVEL_PROPERTY} says otherwise, so decoding does not fill stderr with informational lines.
     */
    static void init() {
        if (initialised) {
            return;
        }
        synchronized (FfmpegSupport.class) {
            if (initialised) {
                return;
            }
            String name = System.getProperty(LOG_LEVEL_PROPERTY, "error");
            int level = switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "quiet" -> avutil.AV_LOG_QUIET;
                case "panic" -> avutil.AV_LOG_PANIC;
                case "fatal" -> avutil.AV_LOG_FATAL;
                case "warning" -> avutil.AV_LOG_WARNING;
                case "info" -> avutil.AV_LOG_INFO;
                case "verbose" -> avutil.AV_LOG_VERBOSE;
                case "debug" -> avutil.AV_LOG_DEBUG;
                default -> avutil.AV_LOG_ERROR;
            };
            avutil.av_log_set_level(level);
            if (!"stderr".equalsIgnoreCase(System.getProperty(LOG_PROPERTY, ""))) {
                callback = new JulLogCallback();
                avutil.setLogCallback(callback);
            }
            initialised = true;
            LOG.log(Level.FINE, "FFmpeg {0} loaded, log level {1}", new Object[] {avutil.av_version_info().getString(), name});
        }
    }

    /**
     * Returns whether the bundled FFmpeg has an encoder of that name.
     *
     * @param name the FFmpeg encoder name, for example "libopenh264" (not null)
     * @return true if {@code avcodec_find_encoder_by_name} finds it
     */
    static boolean hasEncoder(String name) {
        init();
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(name);
        return codec != null && !codec.isNull();
    }

    /**
     * Describes an FFmpeg failure in words: JavaCV's message plus, when it carries a numeric FFmpeg error
     * code, what {@code av_strerror} says about it.
     *
     * @param e the failure from JavaCV (not null)
     * @return a one-line description
     */
    static String describe(Exception e) {
        String message = String.valueOf(e.getMessage());
        int cut = message.indexOf(" (For more details");
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        message = message.replace(" (Has setFormat() been called?)", "");
        Matcher m = ERROR_CODE.matcher(message);
        if (m.find()) {
            try {
                String words = errorText(Integer.parseInt(m.group(1)));
                if (!words.isEmpty()) {
                    message = message + " [" + words + "]";
                }
            } catch (NumberFormatException ignored) {
                // Not an int: keep JavaCV's text as it is.
            }
        }
        return message;
    }

    /**
     * Returns FFmpeg's text for an error code.
     *
     * @param code a negative AVERROR code
     * @return the text, or "" when FFmpeg has none
     */
    static String errorText(int code) {
        init();
        byte[] buf = new byte[256];
        if (avutil.av_strerror(code, buf, buf.length) < 0) {
            return "";
        }
        int end = 0;
        while (end < buf.length && buf[end] != 0) {
            end++;
        }
        return new String(buf, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Forgets the FFmpeg error lines this thread has collected, before an operation whose errors we report. */
    static void clearRecentErrors() {
        RECENT.get().clear();
    }

    /**
     * Returns the error lines FFmpeg logged on this thread since {@link #clearRecentErrors()}, for messages.
     *
     * @return "" when there were none, else " (FFmpeg said: line; line)"
     */
    static String recentErrors() {
        ArrayDeque<String> lines = RECENT.get();
        if (lines.isEmpty()) {
            return "";
        }
        return " (FFmpeg said: " + String.join("; ", new LinkedHashSet<>(lines)) + ")";
    }

    /**
     * Returns how many error lines FFmpeg has logged on this thread so far. Only lines logged while the
     * java.util.logging route is installed are counted (not with {@value #LOG_PROPERTY}=stderr), and only those
     * logged on the calling thread: the demuxer, the parser and a decoder without frame threads; errors of
     * FFmpeg's own decoder threads are not seen here.
     *
     * @return the count (&ge;0, never decreasing)
     */
    static long errorCount() {
        return ERROR_COUNT.get()[0];
    }

    /**
     * Returns how many error lines FFmpeg's own threads (a decoder's frame or slice threads, which JavaCPP
     * attaches to the JVM when they log) have logged for contexts of one name, process-wide. Errors of two
     * decoders of the same codec working at the same time cannot be told apart.
     *
     * @param contextName the name FFmpeg prefixes the lines with: a decoder's name such as "h264" (not null)
     * @return the count (&ge;0, never decreasing)
     */
    static long nativeThreadErrorCount(String contextName) {
        AtomicLong n = NATIVE_THREAD_ERRORS.get(contextName);
        return n == null ? 0 : n.get();
    }

    /**
     * Returns the last error line FFmpeg's own threads logged for contexts of one name.
     *
     * @param contextName a decoder's name such as "h264" (not null)
     * @return the line, or null if there was none
     */
    static String lastNativeThreadError(String contextName) {
        return NATIVE_THREAD_LAST.get(contextName);
    }

    /**
     * Returns the last error lines FFmpeg logged on this thread (at most four), oldest first.
     *
     * @return a new list (may be empty)
     */
    static java.util.List<String> recentErrorLines() {
        return java.util.List.copyOf(RECENT.get());
    }

    /**
     * Routes FFmpeg's log lines to java.util.logging (errors at FINE, the rest finer) instead of stderr, and
     * keeps this thread's last error lines so exceptions can quote them. Installed process-wide by
     * {@link #init()} unless the system property {@value #LOG_PROPERTY} is "stderr".
     */
    private static final class JulLogCallback extends LogCallback {
        @Override
        public void call(int level, BytePointer msg) {
            // Drop the "[mov,mp4,... @ 0x55d0c0] " context prefix: it varies per call and means little to a user.
            String raw = msg == null ? "" : msg.getString().strip();
            Matcher prefix = CONTEXT_PREFIX.matcher(raw);
            String context = prefix.find() ? prefix.group(1) : "";
            String line = prefix.replaceFirst("");
            if (line.isEmpty()) {
                return;
            }
            if (level <= avutil.AV_LOG_ERROR && Thread.currentThread().getName().startsWith(NATIVE_THREAD_PREFIX)) {
                NATIVE_THREAD_ERRORS.computeIfAbsent(context, k -> new AtomicLong()).incrementAndGet();
                NATIVE_THREAD_LAST.put(context, line);
            }
            if (level <= avutil.AV_LOG_ERROR) {
                ArrayDeque<String> lines = RECENT.get();
                if (lines.size() == MAX_RECENT) {
                    lines.removeFirst();
                }
                lines.addLast(line);
                ERROR_COUNT.get()[0]++;
                FFMPEG_LOG.log(Level.FINE, line);
            } else if (level <= avutil.AV_LOG_WARNING) {
                FFMPEG_LOG.log(Level.FINER, line);
            } else {
                FFMPEG_LOG.log(Level.FINEST, line);
            }
        }
    }
}
