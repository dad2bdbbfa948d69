package io.github.hourglassmocap.inference.video;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Writes the small synthetic clips the video tests read: smooth gradients (blue over x, green over y) and a
 * red level that changes with the frame index, so a frame's index can be read back from a lossy decode.
 */
final class TestClips {
    private TestClips() {
    }

    /** The red level of frame {@code i}: steps of 9 so lossy codecs keep neighbours apart. */
    static int red(long i) {
        return (int) (20 + 9 * (i % 25));
    }

    static int blue(int x, int width) {
        return width == 1 ? 0 : x * 255 / (width - 1);
    }

    static int green(int y, int height) {
        return height == 1 ? 0 : y * 255 / (height - 1);
    }

    /** Packed BGR pixels of frame {@code i}. */
    static byte[] pattern(int width, int height, long i) {
        byte[] bgr = new byte[3 * width * height];
        int red = red(i);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = 3 * (y * width + x);
                bgr[o] = (byte) blue(x, width);
                bgr[o + 1] = (byte) green(y, height);
                bgr[o + 2] = (byte) red;
            }
        }
        return bgr;
    }

    /** Writes {@code count} pattern frames with the given codec; returns the path. */
    static Path write(Path file, VideoCodec codec, int width, int height, int count, double fps) throws Exception {
        try (VideoWriter w = VideoWriter.open(file, width, height, fps, new VideoWriter.Options(codec, 0))) {
            for (int i = 0; i < count; i++) {
                w.write(pattern(width, height, i));
            }
        }
        return file;
    }

    /** Mean absolute difference, over the first width x height pixels and three channels, from pattern i. */
    static double meanAbsError(Frame f, int width, int height, long i) {
        byte[] expected = pattern(width, height, i);
        ByteBuffer p = f.pixels();
        long sum = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < 3 * width; x++) {
                sum += Math.abs((p.get(y * f.strideBytes() + x) & 0xff) - (expected[3 * y * width + x] & 0xff));
            }
        }
        return sum / (3.0 * width * height);
    }

    /** Mean of the red channel over the frame. */
    static double meanRed(Frame f) {
        long sum = 0;
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                sum += f.pixels().get(y * f.strideBytes() + 3 * x + 2) & 0xff;
            }
        }
        return sum / ((double) f.width() * f.height());
    }
}
