package io.github.hourglassmocap.plugin.internal.render;

import java.util.Random;

/**
 * Procedural RGBA textures drawn from a seed: smooth multi-octave value noise between a few random colours,
 * with random rectangles and discs on top. Pure functions of their arguments (java.util.Random's sequence is
 * specified), so a seed gives the same pixels on every machine.
 */
public final class RandomTextures {
    private RandomTextures() {
    }

    /**
     * Draws a cluttered texture for a backdrop or a floor.
     *
     * @param seed the seed (any value)
     * @param size the width and height (in pixels, 8..4096)
     * @param shapes how many rectangles and discs to draw on the noise (&ge;0)
     * @return a new array of size x size x 4 bytes, RGBA, row 0 first
     */
    public static byte[] clutter(long seed, int size, int shapes) {
        if (size < 8 || size > 4096) {
            throw new IllegalArgumentException("texture size " + size + " must be within 8..4096");
        }
        if (shapes < 0) {
            throw new IllegalArgumentException("shapes " + shapes + " must be >= 0");
        }
        Random random = new Random(seed);
        float[][] palette = new float[4][];
        for (int i = 0; i < palette.length; i++) {
            palette[i] = randomColour(random);
        }
        float[] value = new float[size * size];
        float amplitude = 1f;
        float total = 0f;
        for (int octave = 0, cells = 2 + random.nextInt(3); octave < 4; octave++, cells *= 2) {
            addValueNoise(value, size, cells, amplitude, random);
            total += amplitude;
            amplitude *= 0.5f;
        }
        float[] rgb = new float[size * size * 3];
        for (int i = 0; i < value.length; i++) {
            float v = Math.min(0.9999f, Math.max(0f, value[i] / total)) * (palette.length - 1);
            int k = (int) v;
            float f = v - k;
            for (int c = 0; c < 3; c++) {
                rgb[3 * i + c] = palette[k][c] * (1 - f) + palette[k + 1][c] * f;
            }
        }
        for (int s = 0; s < shapes; s++) {
            float[] colour = randomColour(random);
            int w = 4 + random.nextInt(size / 4);
            int h = 4 + random.nextInt(size / 4);
            int x0 = random.nextInt(size);
            int y0 = random.nextInt(size);
            boolean disc = random.nextBoolean();
            for (int y = y0; y < y0 + h; y++) {
                for (int x = x0; x < x0 + w; x++) {
                    if (disc) {
                        float dx = (x - x0 - w / 2f) / (w / 2f);
                        float dy = (y - y0 - h / 2f) / (h / 2f);
                        if (dx * dx + dy * dy > 1f) {
                            continue;
                        }
                    }
                    int i = 3 * ((y % size) * size + (x % size));
                    rgb[i] = colour[0];
                    rgb[i + 1] = colour[1];
                    rgb[i + 2] = colour[2];
                }
            }
        }
        byte[] out = new byte[size * size * 4];
        for (int i = 0; i < size * size; i++) {
            for (int c = 0; c < 3; c++) {
                out[4 * i + c] = (byte) Math.round(Math.min(1f, Math.max(0f, rgb[3 * i + c])) * 255f);
            }
            out[4 * i + 3] = (byte) 255;
        }
        return out;
    }

    private static float[] randomColour(Random random) {
        return new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat()};
    }

    /** Adds bilinearly interpolated random values on a cells x cells lattice that wraps around (tileable). */
    private static void addValueNoise(float[] value, int size, int cells, float amplitude, Random random) {
        float[] lattice = new float[cells * cells];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = random.nextFloat();
        }
        for (int y = 0; y < size; y++) {
            float gy = (float) y * cells / size;
            int y0 = (int) gy;
            float fy = smooth(gy - y0);
            int y1 = (y0 + 1) % cells;
            for (int x = 0; x < size; x++) {
                float gx = (float) x * cells / size;
                int x0 = (int) gx;
                float fx = smooth(gx - x0);
                int x1 = (x0 + 1) % cells;
                float a = lattice[y0 * cells + x0] * (1 - fx) + lattice[y0 * cells + x1] * fx;
                float b = lattice[y1 * cells + x0] * (1 - fx) + lattice[y1 * cells + x1] * fx;
                value[y * size + x] += amplitude * (a * (1 - fy) + b * fy);
            }
        }
    }

    private static float smooth(float t) {
        return t * t * (3 - 2 * t);
    }
}
