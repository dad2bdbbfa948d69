package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mocap bench decode VIDEO}: how fast a video decodes, in two passes measured in the same run and
 * interleaved: FFmpeg's decoder alone (frames left in the codec's own pixel format, no conversion), and
 * {@link VideoFileSource} as the pipeline uses it (decoded and converted to BGR24 by FFmpeg). Prints
 * milliseconds per frame, frames per second and the ratio of the two; never fails on a number.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Time video decoding: FFmpeg decode alone vs decode + BGR conversion (VideoFileSource).")
public final class BenchDecodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "VIDEO", description = "The video file to decode.")
    Path video;

    @Option(names = "--frames", defaultValue = "0", description = "Decode at most this many frames per pass (0 = all).")
    int maxFrames;

    @Option(names = "--repeat", defaultValue = "3", description = "Passes of each kind, interleaved; the median is reported (default 3).")
    int repeat;

    /** One timed pass. */
    private record Pass(long frames, double openMs, double decodeMs) {
        double msPerFrame() {
            return frames == 0 ? Double.NaN : decodeMs / frames;
        }
    }

    @Override
    public Integer call() {
        if (maxFrames < 0 || repeat < 1) {
            System.err.println("mocap bench decode: --frames must be >= 0 and --repeat >= 1");
            return 1;
        }
        try {
            Pass[] raw = new Pass[repeat];
            Pass[] bgr = new Pass[repeat];
            String info;
            try (VideoFileSource probe = VideoFileSource.open(video)) {
                info = String.format(Locale.ROOT, "%s: %dx%d %s, %.3f fps, %d frames in the header",
                        probe.file(), probe.width(), probe.height(), probe.codecName(), probe.frameRateHz(),
                        probe.headerFrameCount());
            }
            for (int r = 0; r < repeat; r++) {
                raw[r] = rawPass();
                bgr[r] = bgrPass();
            }
            print(info, raw, bgr);
            return 0;
        } catch (DecodeException | FrameGrabber.Exception e) {
            System.err.println("mocap bench decode: " + e.getMessage());
            return 1;
        }
    }

    private Pass rawPass() throws FrameGrabber.Exception {
        long t0 = System.nanoTime();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toAbsolutePath().toString());
        g.setImageMode(FrameGrabber.ImageMode.RAW);
        try {
            g.start();
            long t1 = System.nanoTime();
            long n = 0;
            while ((maxFrames == 0 || n < maxFrames) && g.grabImage() != null) {
                n++;
            }
            long t2 = System.nanoTime();
            return new Pass(n, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        } finally {
            g.stop();
            g.release();
        }
    }

    private Pass bgrPass() throws DecodeException {
        long t0 = System.nanoTime();
        try (VideoFileSource src = VideoFileSource.open(video, maxFrames > 0)) {
            long t1 = System.nanoTime();
            long n = 0;
            long checksum = 0;
            Frame f;
            while ((maxFrames == 0 || n < maxFrames) && (f = src.grab()) != null) {
                checksum += f.pixels().get(0); // touch the result so the work cannot be skipped
                n++;
            }
            long t2 = System.nanoTime();
            assert checksum != Long.MIN_VALUE;
            return new Pass(n, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
    }

    private static double median(Pass[] passes, java.util.function.ToDoubleFunction<Pass> value) {
        double[] v = Arrays.stream(passes).mapToDouble(value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private void print(String info, Pass[] raw, Pass[] bgr) {
        double rawMs = median(raw, Pass::msPerFrame);
        double bgrMs = median(bgr, Pass::msPerFrame);
        System.out.println(info);
        System.out.printf(Locale.ROOT, "passes: %d of each, interleaved; FFmpeg decoder threads: auto (%d cores); median shown%n",
                repeat, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-34s %8s %9s %10s %8s%n", "pass", "frames", "open ms", "ms/frame", "fps");
        System.out.printf(Locale.ROOT, "%-34s %8d %9.1f %10.3f %8.1f%n", "decode only (native pixel format)",
                raw[0].frames(), median(raw, Pass::openMs), rawMs, 1000 / rawMs);
        System.out.printf(Locale.ROOT, "%-34s %8d %9.1f %10.3f %8.1f%n", "decode + BGR24 (VideoFileSource)",
                bgr[0].frames(), median(bgr, Pass::openMs), bgrMs, 1000 / bgrMs);
        System.out.printf(Locale.ROOT, "BGR conversion: %.3f ms/frame; decode+BGR / decode-only = %.2f%n",
                bgrMs - rawMs, bgrMs / rawMs);
    }
}
