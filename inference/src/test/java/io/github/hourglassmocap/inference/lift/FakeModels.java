package io.github.hourglassmocap.inference.lift;

/** Window models with known answers, for testing the windowing code without ONNX Runtime. */
final class FakeModels {
    private FakeModels() {
    }

    /** Per-frame: joint (x, y) maps to (x + bias, y, y + x*x) (mirror-equivariant when bias is 0), so the answer for each frame is known. */
    static WindowModel perFrame(int frames, int outputFrames, float bias) {
        return new WindowModel() {
            int calls;

            @Override
            public int frames() {
                return frames;
            }

            @Override
            public int outputFrames() {
                return outputFrames;
            }

            @Override
            public float[][][] run(float[][][] window) {
                calls++;
                if (window.length != frames) {
                    throw new IllegalArgumentException("bad window " + window.length);
                }
                float[][][] out = new float[outputFrames][17][3];
                int first = outputFrames == 1 ? frames / 2 : 0;
                for (int t = 0; t < outputFrames; t++) {
                    for (int j = 0; j < 17; j++) {
                        float[] p = window[first + t][j];
                        out[t][j][0] = p[0] + bias;
                        out[t][j][1] = p[1];
                        out[t][j][2] = p[1] + p[0] * p[0];
                    }
                }
                return out;
            }

            @Override
            public String toString() {
                return "calls=" + calls;
            }
        };
    }

    /** Expected output of {@link #perFrame} with no bias for one frame. */
    static float[] expected(float[] p) {
        return new float[] {p[0], p[1], p[1] + p[0] * p[0]};
    }

    /** A clip whose joints differ by frame and joint. */
    static float[][][] clip(int frames) {
        float[][][] c = new float[frames][17][2];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < 17; j++) {
                c[t][j][0] = (float) Math.sin(0.3 * t + j) * 0.5f;
                c[t][j][1] = (float) Math.cos(0.2 * t - j) * 0.4f;
            }
        }
        return c;
    }
}
