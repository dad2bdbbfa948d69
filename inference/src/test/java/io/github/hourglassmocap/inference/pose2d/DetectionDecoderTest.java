package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionDecoderTest {
    private static final float EPS = 1e-5f;
    private final SsdAnchors anchors = SsdAnchors.blazePose();
    private final DetectionDecoder decoder = new DetectionDecoder(anchors, 224, 0.5f, 0.3f);

    private float[] regressors() {
        return new float[anchors.count() * 12];
    }

    private float[] logits() {
        float[] l = new float[anchors.count()];
        java.util.Arrays.fill(l, -10f);
        return l;
    }

    /** Sets an anchor's box (offsets in input pixels) and keypoints. */
    private static void put(float[] reg, int anchor, float dx, float dy, float w, float h, float... kp) {
        int o = anchor * 12;
        reg[o] = dx;
        reg[o + 1] = dy;
        reg[o + 2] = w;
        reg[o + 3] = h;
        System.arraycopy(kp, 0, reg, o + 4, 8);
    }

    @Test
    void decodesBoxAndKeypointsRelativeToTheAnchor() {
        float[] reg = regressors();
        float[] log = logits();
        int a = 1568 + 14 * 2 * 7 + 2 * 7; // stride 16, row 7, column 7
        put(reg, a, 22.4f, -11.2f, 44.8f, 67.2f, 0, 56, 0, -22.4f, 0, 11.2f, 0, -44.8f);
        log[a] = 2f;
        List<DetectionDecoder.Normalized> d = decoder.decode(reg, log);
        assertEquals(1, d.size());
        float ax = anchors.x(a);
        float ay = anchors.y(a);
        assertEquals(7.5f / 14, ax, EPS);
        DetectionDecoder.Normalized n = d.get(0);
        assertEquals(1 / (1 + Math.exp(-2)), n.score(), 1e-6);
        float cx = ax + 0.1f;
        float cy = ay - 0.05f;
        assertEquals(cx - 0.1f, n.box()[0], EPS);
        assertEquals(cy - 0.15f, n.box()[1], EPS);
        assertEquals(cx + 0.1f, n.box()[2], EPS);
        assertEquals(cy + 0.15f, n.box()[3], EPS);
        assertEquals(ax, n.keypoints()[0], EPS);
        assertEquals(ay + 0.25f, n.keypoints()[1], EPS);
        assertEquals(ay - 0.1f, n.keypoints()[3], EPS);
    }

    @Test
    void weightedNmsMergesOverlapsAndKeepsSeparatePeople() {
        float[] reg = regressors();
        float[] log = logits();
        // two neighbouring anchors seeing the same person, one far away
        put(reg, 700, 0, 0, 40, 80, 0, 20, 0, -30, 0, 0, 0, 0);
        log[700] = 3f; // score 0.9526
        put(reg, 702, 0, 0, 40, 80, 0, 20, 0, -30, 0, 0, 0, 0);
        log[702] = 1f; // score 0.7311
        put(reg, 100, 0, 0, 20, 40, 0, 10, 0, -10, 0, 0, 0, 0);
        log[100] = 0.5f;
        List<DetectionDecoder.Normalized> d = decoder.decode(reg, log);
        assertEquals(2, d.size());
        DetectionDecoder.Normalized merged = d.get(0);
        float s1 = (float) (1 / (1 + Math.exp(-3)));
        float s2 = (float) (1 / (1 + Math.exp(-1)));
        assertEquals(s1, merged.score(), 1e-6);
        float expectedX = (s1 * anchors.x(700) + s2 * anchors.x(702)) / (s1 + s2);
        assertEquals(expectedX, merged.keypoints()[0], EPS);
        assertTrue(d.get(1).score() < merged.score());
    }

    @Test
    void dropsLowScoresAndNonFiniteValues() {
        float[] reg = regressors();
        float[] log = logits();
        put(reg, 5, 0, 0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0);
        log[5] = -0.1f; // score below 0.5
        put(reg, 6, Float.NaN, 0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0);
        log[6] = 5f;
        put(reg, 7, 0, 0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0);
        log[7] = Float.NaN;
        put(reg, 8, 0, 0, -10, 10, 0, 0, 0, 0, 0, 0, 0, 0); // negative width
        log[8] = 5f;
        assertTrue(decoder.decode(reg, log).isEmpty());
        assertTrue(decoder.decode(regressors(), logits()).isEmpty());
    }

    @Test
    void iouOfBoxes() {
        assertEquals(1f, DetectionDecoder.iou(new float[] {0, 0, 1, 1}, new float[] {0, 0, 1, 1}), EPS);
        assertEquals(0f, DetectionDecoder.iou(new float[] {0, 0, 1, 1}, new float[] {2, 2, 3, 3}), EPS);
        assertEquals(1f / 7, DetectionDecoder.iou(new float[] {0, 0, 2, 2}, new float[] {1, 1, 3, 3}), EPS);
    }

    @Test
    void mapsToImagePixelsThroughTheLetterbox() {
        DetectionDecoder.Normalized n = new DetectionDecoder.Normalized(0.9f, new float[] {0.25f, 0.25f, 0.75f, 0.75f},
                new float[] {0.5f, 0.5f, 0.5f, 0.25f, 0, 0, 0, 0});
        Detection d = DetectionDecoder.toImage(n, new Letterbox(641, 479));
        assertEquals(160.25f, d.xMin(), 1e-3f);
        assertEquals(641 * 0.25f - 81, d.yMin(), 1e-3f);
        assertEquals(320.5f, d.width(), 1e-3f);
        assertEquals(320.5f, d.keypoints()[0], 1e-3f);
        assertEquals(239.5f, d.keypoints()[1], 1e-3f);
        Roi r = d.toRoi();
        assertEquals(2.5 * 641 * 0.25, r.size(), 1e-3);
        assertEquals(0, r.rotationRadians(), 1e-6);
    }

    @Test
    void rejectsWrongSizesAndOptions() {
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(new float[10], new float[10]));
        assertThrows(IllegalArgumentException.class, () -> new DetectionDecoder(anchors, 224, 1.5f, 0.3f));
    }
}
