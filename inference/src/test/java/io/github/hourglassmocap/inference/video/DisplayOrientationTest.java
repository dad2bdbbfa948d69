package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DisplayOrientationTest {
    private static final int ONE = 1 << 16;

    /** FFmpeg's nine values with the given 2x2 part (in units of 1.0). */
    private static int[] matrix(int a, int b, int c, int d) {
        return new int[] {a * ONE, b * ONE, 0, c * ONE, d * ONE, 0, 0, 0, 1 << 30};
    }

    /** The 2x2 part of each orientation, as the display matrix writes it (x' = a x + c y, y' = b x + d y). */
    private static int[] partOf(DisplayOrientation o) {
        return switch (o) {
            case UPRIGHT -> new int[] {1, 0, 0, 1};
            case ROTATE_90_CLOCKWISE -> new int[] {0, 1, -1, 0};
            case ROTATE_180 -> new int[] {-1, 0, 0, -1};
            case ROTATE_90_COUNTERCLOCKWISE -> new int[] {0, -1, 1, 0};
            case FLIP_HORIZONTAL -> new int[] {-1, 0, 0, 1};
            case FLIP_VERTICAL -> new int[] {1, 0, 0, -1};
            case TRANSPOSE -> new int[] {0, 1, 1, 0};
            case TRANSVERSE -> new int[] {0, -1, -1, 0};
        };
    }

    @Test
    void readsTheMatricesFfmpegWritesForRotatedFiles() {
        // As ffprobe prints them for the test files rot90/rot180/rot270.mp4 (README in the test resources).
        assertEquals(DisplayOrientation.ROTATE_90_COUNTERCLOCKWISE,
                DisplayOrientation.fromDisplayMatrix(new int[] {0, -65536, 0, 65536, 0, 0, 0, 0, 1073741824}));
        assertEquals(DisplayOrientation.ROTATE_180,
                DisplayOrientation.fromDisplayMatrix(new int[] {-65536, 0, 0, 0, -65536, 0, 0, 0, 1073741824}));
        assertEquals(DisplayOrientation.ROTATE_90_CLOCKWISE,
                DisplayOrientation.fromDisplayMatrix(new int[] {0, 65536, 0, -65536, 0, 0, 0, 0, 1073741824}));
        assertEquals(DisplayOrientation.UPRIGHT, DisplayOrientation.fromDisplayMatrix(matrix(1, 0, 0, 1)));
    }

    @ParameterizedTest
    @EnumSource(DisplayOrientation.class)
    void eachOrientationIsFoundFromItsMatrixAndMapsPixelsAsTheMatrixSays(DisplayOrientation o) {
        int[] p = partOf(o);
        assertEquals(o, DisplayOrientation.fromDisplayMatrix(matrix(p[0], p[1], p[2], p[3])));
        // Scaled matrices (a phone may store 2.0 instead of 1.0) give the same orientation.
        int[] scaled = matrix(p[0], p[1], p[2], p[3]);
        for (int i = 0; i < 9; i++) {
            scaled[i] *= i == 8 ? 1 : 2;
        }
        assertEquals(o, DisplayOrientation.fromDisplayMatrix(scaled));
        int w = 5;
        int h = 3;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        for (int[] corner : new int[][] {{0, 0}, {w - 1, 0}, {0, h - 1}, {w - 1, h - 1}}) {
            minX = Math.min(minX, p[0] * corner[0] + p[2] * corner[1]);
            minY = Math.min(minY, p[1] * corner[0] + p[3] * corner[1]);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] expected = {p[0] * x + p[2] * y - minX, p[1] * x + p[3] * y - minY};
                assertArrayEquals(expected, o.uprightPixel(x, y, w, h), o + " at " + x + "," + y);
            }
        }
        assertEquals(o.swapsSides() ? h : w, o.uprightWidth(w, h));
        assertEquals(o.swapsSides() ? w : h, o.uprightHeight(w, h));
    }

    @Test
    void otherAnglesAndEmptyMatricesAreNotApplied() {
        int c = (int) Math.round(Math.cos(Math.toRadians(30)) * ONE);
        int s = (int) Math.round(Math.sin(Math.toRadians(30)) * ONE);
        assertNull(DisplayOrientation.fromDisplayMatrix(new int[] {c, -s, 0, s, c, 0, 0, 0, 1 << 30}));
        assertNull(DisplayOrientation.fromDisplayMatrix(new int[9]));
        assertThrows(IllegalArgumentException.class, () -> DisplayOrientation.fromDisplayMatrix(new int[3]));
    }

    @ParameterizedTest
    @EnumSource(DisplayOrientation.class)
    void applyTurnsAnOddSizedPaddedFrameExactly(DisplayOrientation o) {
        int w = 7;
        int h = 5;
        int stride = 3 * w + 4;
        ByteBuffer px = ByteBuffer.allocate(stride * h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px.put(y * stride + 3 * x, (byte) x);
                px.put(y * stride + 3 * x + 1, (byte) y);
                px.put(y * stride + 3 * x + 2, (byte) (x * 16 + y));
            }
        }
        Frame in = new Frame(w, h, stride, px, 123_000L, 4);
        try (Mat out = new Mat(); Mat scratch = new Mat()) {
            Frame up = o.apply(in, out, scratch);
            assertEquals(o.uprightWidth(w, h), up.width());
            assertEquals(o.uprightHeight(w, h), up.height());
            assertEquals(123_000L, up.timestampNanos());
            assertEquals(4, up.frameIndex());
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int[] q = o.uprightPixel(x, y, w, h);
                    assertEquals(in.rgbAt(x, y), up.rgbAt(q[0], q[1]), o + ": source pixel " + x + "," + y);
                }
            }
        }
    }
}
