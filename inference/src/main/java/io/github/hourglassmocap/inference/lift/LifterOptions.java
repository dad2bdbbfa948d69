package io.github.hourglassmocap.inference.lift;

import java.util.Arrays;
import java.util.Locale;

/**
 * How {@link PoseLifter} runs a model: device, what to do when that device is missing, CPU threads.
 * Immutable; the {@code with...} methods return new instances.
 */
public final class LifterOptions {
    /** Where the model runs. */
    public enum Device {
        /** ONNX Runtime's default CPU provider. */
        CPU,
        /** ONNX Runtime's CUDA provider (the {@code onnxruntime_gpu} artifact: build with {@code -Pcuda}). */
        CUDA;

        /**
         * Parses a device name, case-insensitively.
         *
         * @param text "cpu" or "cuda" (not null)
         * @return the device
         */
        public static Device parse(String text) {
            return parseEnum(Device.class, values(), text, "device");
        }
    }

    /** What to do when the requested device is not available. */
    public enum Fallback {
        /** Log a warning and run on the CPU. */
        CPU,
        /** Stop with a {@link io.github.hourglassmocap.inference.ModelLoadException}. */
        FAIL;

        /**
         * Parses a fallback name, case-insensitively.
         *
         * @param text "cpu" or "fail" (not null)
         * @return the fallback
         */
        public static Fallback parse(String text) {
            return parseEnum(Fallback.class, values(), text, "fallback");
        }
    }

    private static final LifterOptions DEFAULTS = new LifterOptions(Device.CPU, Fallback.FAIL,
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), true);

    private final Device device;
    private final Fallback fallback;
    private final int threads;
    private final boolean verifyChecksum;

    private LifterOptions(Device device, Fallback fallback, int threads, boolean verifyChecksum) {
        this.device = device;
        this.fallback = fallback;
        this.threads = threads;
        this.verifyChecksum = verifyChecksum;
    }

    /**
     * Returns the defaults: CPU, fail when a device is missing, min(4, cores) threads, checksum verified.
     *
     * @return the shared default instance
     */
    public static LifterOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with another device.
     *
     * @param device the device (not null)
     * @return a new instance
     */
    public LifterOptions withDevice(Device device) {
        if (device == null) {
            throw new IllegalArgumentException("device must not be null; expected one of " + Arrays.toString(Device.values()));
        }
        return new LifterOptions(device, fallback, threads, verifyChecksum);
    }

    /**
     * Returns a copy with another fallback.
     *
     * @param fallback what to do when the device is missing (not null)
     * @return a new instance
     */
    public LifterOptions withFallback(Fallback fallback) {
        if (fallback == null) {
            throw new IllegalArgumentException("fallback must not be null; expected one of " + Arrays.toString(Fallback.values()));
        }
        return new LifterOptions(device, fallback, threads, verifyChecksum);
    }

    /**
     * Returns a copy with another CPU thread count (ONNX Runtime intra-op threads).
     *
     * @param threads the thread count (1..256)
     * @return a new instance
     */
    public LifterOptions withThreads(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads " + threads + " out of range; expected 1..256");
        }
        return new LifterOptions(device, fallback, threads, verifyChecksum);
    }

    /**
     * Returns a copy that does or does not check the model's SHA-256 against its manifest.
     *
     * @param verify true to check (the default)
     * @return a new instance
     */
    public LifterOptions withVerifyChecksum(boolean verify) {
        return new LifterOptions(device, fallback, threads, verify);
    }

    /**
     * Returns the requested device.
     *
     * @return the device (not null)
     */
    public Device device() {
        return device;
    }

    /**
     * Returns the fallback.
     *
     * @return the fallback (not null)
     */
    public Fallback fallback() {
        return fallback;
    }

    /**
     * Returns the CPU thread count.
     *
     * @return threads (&ge;1)
     */
    public int threads() {
        return threads;
    }

    /**
     * Returns whether the model checksum is verified.
     *
     * @return true to verify
     */
    public boolean verifyChecksum() {
        return verifyChecksum;
    }

    @Override
    public String toString() {
        return "LifterOptions[device=" + device + ", fallback=" + fallback + ", threads=" + threads + "]";
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, E[] values, String text, String what) {
        if (text != null) {
            for (E e : values) {
                if (e.name().equalsIgnoreCase(text.trim())) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "'; expected one of "
                + Arrays.toString(Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toArray()));
    }
}
