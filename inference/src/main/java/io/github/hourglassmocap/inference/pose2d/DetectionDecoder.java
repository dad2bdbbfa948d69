package io.github.hourglassmocap.inference.pose2d;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the BlazePose detector's raw outputs into person detections: anchor-relative box and keypoint
 * decoding, sigmoid scores, a score threshold and weighted non-maximum suppression, as MediaPipe's
 * BlazePose detector graph configures them. Pure: no model, no image.
 *
 * <p>Each anchor has 12 regressed values: box centre x, y, width, height, then 4 keypoints (x, y), all in
 * input pixels (224) relative to the anchor centre. Outputs are normalised to the letterboxed square input.
 */
final class DetectionDecoder {
    /** Values per anchor in the regression output. */
    public static final int COORDS = 12;
    /** MediaPipe's score threshold for the pose detector. */
    public static final float DEFAULT_MIN_SCORE = 0.5f;
    /** MediaPipe's IoU threshold for the pose detector's weighted NMS. */
    public static final float DEFAULT_MIN_SUPPRESSION_IOU = 0.3f;
    private static final float SCORE_CLIP = 100f;

    private final SsdAnchors anchors;
    private final float inputSize;
    private final float minScore;
    private final float minSuppressionIou;

    /**
     * Creates a decoder.
     *
     * @param anchors the detector's anchors (not null)
     * @param inputSize the detector's square input side (in pixels, &gt;0; 224 for BlazePose)
     * @param minScore the lowest score kept (0..1)
     * @param minSuppressionIou overlap above which detections are merged (0..1)
     */
    public DetectionDecoder(SsdAnchors anchors, int inputSize, float minScore, float minSuppressionIou) {
        if (anchors == null || inputSize <= 0 || !(minScore >= 0 && minScore <= 1) || !(minSuppressionIou >= 0 && minSuppressionIou <= 1)) {
            throw new IllegalArgumentException("invalid decoder options: inputSize " + inputSize + ", minScore " + minScore
                    + ", minSuppressionIou " + minSuppressionIou + " (thresholds must lie in 0..1)");
        }
        this.anchors = anchors;
        this.inputSize = inputSize;
        this.minScore = minScore;
        this.minSuppressionIou = minSuppressionIou;
    }

    /**
     * A detection in the detector's normalised input square (0..1 both ways).
     *
     * @param score the confidence (0..1)
     * @param box xMin, yMin, xMax, yMax (normalised)
     * @param keypoints 4 x (x, y) (normalised)
     */
    public record Normalized(float score, float[] box, float[] keypoints) {
    }

    /**
     * Decodes and merges detections.
     *
     * @param regressors the box/keypoint output (not null, anchors x {@value #COORDS} values, unaffected)
     * @param logits the score output before the sigmoid (not null, one per anchor, unaffected)
     * @return a new list, best first; empty when nobody scores above the threshold
     */
    public List<Normalized> decode(float[] regressors, float[] logits) {
        int n = anchors.count();
        if (regressors.length < n * COORDS || logits.length < n) {
            throw new IllegalArgumentException("expected " + n * COORDS + " regressors and " + n + " scores, got "
                    + regressors.length + " and " + logits.length);
        }
        List<Normalized> raw = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float l = logits[i];
            if (!Float.isFinite(l)) {
                continue;
            }
            float score = (float) (1 / (1 + Math.exp(-Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, l)))));
            if (score < minScore) {
                continue;
            }
            int o = i * COORDS;
            float ax = anchors.x(i);
            float ay = anchors.y(i);
            float xc = regressors[o] / inputSize + ax;
            float yc = regressors[o + 1] / inputSize + ay;
            float w = regressors[o + 2] / inputSize;
            float h = regressors[o + 3] / inputSize;
            if (!(w > 0 && h > 0) || !Float.isFinite(xc) || !Float.isFinite(yc)) {
                continue;
            }
            float[] kp = new float[2 * Detection.KEYPOINTS];
            boolean finite = true;
            for (int k = 0; k < Detection.KEYPOINTS; k++) {
                kp[2 * k] = regressors[o + 4 + 2 * k] / inputSize + ax;
                kp[2 * k + 1] = regressors[o + 5 + 2 * k] / inputSize + ay;
                finite &= Float.isFinite(kp[2 * k]) && Float.isFinite(kp[2 * k + 1]);
            }
            if (finite) {
                raw.add(new Normalized(score, new float[] {xc - w / 2, yc - h / 2, xc + w / 2, yc + h / 2}, kp));
            }
        }
        return weightedNms(raw, minSuppressionIou);
    }

    /**
     * Weighted non-maximum suppression: the best remaining detection and every other one overlapping it by
     * more than the threshold are merged into one, their boxes and keypoints averaged with the scores as
     * weights; the merged detection keeps the best score.
     *
     * @param detections candidates (not null, unaffected)
     * @param minIou overlap above which detections are merged (0..1)
     * @return a new list, best first
     */
    static List<Normalized> weightedNms(List<Normalized> detections, float minIou) {
        List<Normalized> remaining = new ArrayList<>(detections);
        remaining.sort((a, b) -> Float.compare(b.score(), a.score()));
        List<Normalized> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Normalized best = remaining.get(0);
            float[] box = new float[4];
            float[] kp = new float[best.keypoints().length];
            float total = 0;
            List<Normalized> rest = new ArrayList<>();
            for (Normalized d : remaining) {
                if (d == best || iou(best.box(), d.box()) > minIou) {
                    float w = d.score();
                    total += w;
                    for (int j = 0; j < 4; j++) {
                        box[j] += w * d.box()[j];
                    }
                    for (int j = 0; j < kp.length; j++) {
                        kp[j] += w * d.keypoints()[j];
                    }
                } else {
                    rest.add(d);
                }
            }
            for (int j = 0; j < 4; j++) {
                box[j] /= total;
            }
            for (int j = 0; j < kp.length; j++) {
                kp[j] /= total;
            }
            out.add(new Normalized(best.score(), box, kp));
            remaining = rest;
        }
        return out;
    }

    /**
     * Returns the intersection over union of two boxes.
     *
     * @param a xMin, yMin, xMax, yMax (not null)
     * @param b xMin, yMin, xMax, yMax (not null)
     * @return 0..1 (0 for empty boxes)
     */
    static float iou(float[] a, float[] b) {
        float ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        float iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        float inter = ix * iy;
        float union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return union > 0 ? inter / union : 0;
    }

    /**
     * Maps a normalised detection from the letterboxed square input back to image pixels.
     *
     * @param d the detection (not null, unaffected)
     * @param letterbox the letterbox used for the input (not null)
     * @return a new detection in image pixels
     */
    public static Detection toImage(Normalized d, Letterbox letterbox) {
        float x0 = letterbox.toImageX(d.box()[0]);
        float y0 = letterbox.toImageY(d.box()[1]);
        float x1 = letterbox.toImageX(d.box()[2]);
        float y1 = letterbox.toImageY(d.box()[3]);
        float[] kp = Arrays.copyOf(d.keypoints(), d.keypoints().length);
        for (int k = 0; k < kp.length; k += 2) {
            kp[k] = letterbox.toImageX(kp[k]);
            kp[k + 1] = letterbox.toImageY(kp[k + 1]);
        }
        return new Detection(d.score(), x0, y0, x1 - x0, y1 - y0, kp);
    }
}
