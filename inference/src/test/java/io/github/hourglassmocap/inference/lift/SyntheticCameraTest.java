package io.github.hourglassmocap.inference.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticCameraTest {
    /** A standing person (H36M order), world metres, Y up, pelvis at (x, 1, z), drifting in x. */
    static float[][][] standing(int frames, float x, float z) {
        float[][] body = {
            {0, 1.0f, 0}, {-0.1f, 0.98f, 0}, {-0.1f, 0.55f, 0.02f}, {-0.1f, 0.1f, 0}, {0.1f, 0.98f, 0},
            {0.1f, 0.55f, 0.02f}, {0.1f, 0.1f, 0}, {0, 1.25f, 0}, {0, 1.5f, 0}, {0, 1.6f, 0.05f}, {0, 1.75f, 0},
            {0.18f, 1.45f, 0}, {0.22f, 1.2f, 0.05f}, {0.2f, 0.95f, 0.1f}, {-0.18f, 1.45f, 0}, {-0.22f, 1.2f, 0.05f},
            {-0.2f, 0.95f, 0.1f}};
        float[][][] w = new float[frames][17][3];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < 17; j++) {
                w[t][j][0] = body[j][0] + x + 0.01f * t;
                w[t][j][1] = body[j][1];
                w[t][j][2] = body[j][2] + z + 0.02f * (float) Math.sin(0.3 * t + j);
            }
        }
        return w;
    }

    @Test
    void sampledCamerasFollowTheTrainingDistribution() {
        Random rng = new Random(5);
        double[] centre = {1, 1, -2};
        for (int i = 0; i < 300; i++) {
            SyntheticCamera cam = SyntheticCamera.sample(rng, centre);
            double hfov = Math.toDegrees(2 * Math.atan(cam.width() / 2.0 / cam.focalPixels()));
            assertTrue(hfov >= 35 - 1e-6 && hfov <= 90 + 1e-6, "hfov " + hfov);
            float[][][] pc = cam.toCamera(standing(1, 1, -2));
            double depth = pc[0][0][2];
            // 2.5..9 m scaled by 0.6..2.0, plus the look-at jitter
            assertTrue(depth > 1.0 && depth < 19, "depth " + depth);
            // Upright camera (roll ~3 deg): the head (world +Y) is above the pelvis in the image (y down).
            float[][][] uv = cam.project(pc);
            assertTrue(uv[0][10][1] < uv[0][0][1], "head below pelvis in the image");
            // The pelvis lands inside a generous image border.
            assertTrue(uv[0][0][0] > -cam.width() && uv[0][0][0] < 2 * cam.width());
        }
    }

    @Test
    void projectionIsAPinhole() {
        double[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        SyntheticCamera cam = new SyntheticCamera(identity, new double[] {0, 0, -5}, 500, 641, 479);
        float[][][] w = new float[1][17][3];
        w[0][3] = new float[] {1, -0.5f, 0};
        float[][][] pc = cam.toCamera(w);
        assertEquals(5f, pc[0][3][2], 1e-6f);
        float[][][] uv = cam.project(pc);
        assertEquals(500 * 1 / 5f + 320.5f, uv[0][3][0], 1e-4f);
        assertEquals(500 * -0.5f / 5f + 239.5f, uv[0][3][1], 1e-4f);
    }

    @Test
    void seededAndNoiseIsSizedLikeTraining() {
        SyntheticCamera a = SyntheticCamera.sample(new Random(9), new double[3]);
        SyntheticCamera b = SyntheticCamera.sample(new Random(9), new double[3]);
        assertEquals(a.focalPixels(), b.focalPixels(), 0);
        float[][][] uv = a.project(a.toCamera(standing(200, 0, 0)));
        float[][][] noisy = SyntheticCamera.detectorNoise(uv, new Random(3), 27);
        double sum = 0;
        int n = 0;
        for (int t = 0; t < uv.length; t++) {
            for (int j = 0; j < 17; j++) {
                sum += Math.hypot(noisy[t][j][0] - uv[t][j][0], noisy[t][j][1] - uv[t][j][1]);
                n++;
            }
        }
        double mean = sum / n;
        double size = Math.abs(uv[0][10][1] - uv[0][3][1]);
        assertTrue(mean > 0.001 * size && mean < 0.2 * size, "mean noise " + mean + " px for a body of " + size + " px");
    }
}
