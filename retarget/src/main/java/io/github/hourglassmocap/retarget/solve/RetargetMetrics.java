package io.github.hourglassmocap.retarget.solve;

import static io.github.hourglassmocap.inference.joints.H36mJoints.*;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Quality figures of one retargeted clip (docs/formats.md "Retarget metrics"): bone-direction error between
 * the source limbs and the same limbs on the posed character, foot skate before and after locking, jitter,
 * the source's bone-length variance and its share of low-confidence frames. Immutable.
 */
public final class RetargetMetrics {
    /** The limbs compared, as joint pairs (from, to). */
    public static final int[][] LIMBS = {{L_SHOULDER, L_ELBOW}, {L_ELBOW, L_WRIST}, {R_SHOULDER, R_ELBOW},
        {R_ELBOW, R_WRIST}, {L_HIP, L_KNEE}, {L_KNEE, L_ANKLE}, {R_HIP, R_KNEE}, {R_KNEE, R_ANKLE},
        {PELVIS, THORAX}, {THORAX, HEAD}};
    /** Names of {@link #LIMBS}, in order. */
    public static final String[] LIMB_NAMES = {"l_upper_arm", "l_forearm", "r_upper_arm", "r_forearm", "l_thigh",
        "l_shin", "r_thigh", "r_shin", "torso", "neck_head"};

    private final int frames;
    private final double frameRateHz;
    private final double meanErrorDegrees;
    private final double p95ErrorDegrees;
    private final double[] limbMeanDegrees;
    private final double skateBeforeCm;
    private final double skateAfterCm;
    private final int contactCount;
    private final double sourceJitter;
    private final double outputJitter;
    private final double boneLengthVarianceCm2;
    private final double lowConfidenceShare;

    private RetargetMetrics(int frames, double frameRateHz, double meanErrorDegrees, double p95ErrorDegrees,
            double[] limbMeanDegrees, double skateBeforeCm, double skateAfterCm, int contactCount, double sourceJitter,
            double outputJitter, double boneLengthVarianceCm2, double lowConfidenceShare) {
        this.frames = frames;
        this.frameRateHz = frameRateHz;
        this.meanErrorDegrees = meanErrorDegrees;
        this.p95ErrorDegrees = p95ErrorDegrees;
        this.limbMeanDegrees = limbMeanDegrees;
        this.skateBeforeCm = skateBeforeCm;
        this.skateAfterCm = skateAfterCm;
        this.contactCount = contactCount;
        this.sourceJitter = sourceJitter;
        this.outputJitter = outputJitter;
        this.boneLengthVarianceCm2 = boneLengthVarianceCm2;
        this.lowConfidenceShare = lowConfidenceShare;
    }

    /**
     * Computes the figures of a clip.
     *
     * @param sequence the source clip (not null)
     * @param before the character's 17-joint view per frame before foot locking (model space; not null)
     * @param after the same after foot locking, the final result (model space; not null)
     * @param contacts the source foot contacts, [2][frames] (not null)
     * @param scale character model units per actor metre (&gt;0)
     * @param lowConfidence the mean-confidence threshold under which a frame counts as low-confidence
     * @return new metrics
     */
    public static RetargetMetrics compute(SourceSequence sequence, Vector3f[][] before, Vector3f[][] after,
            boolean[][] contacts, float scale, float lowConfidence) {
        int n = sequence.size();
        double fps = sequence.getFrameRateHz();
        double[] errors = new double[n * LIMBS.length];
        double[] limbSum = new double[LIMBS.length];
        int e = 0;
        for (int i = 0; i < n; i++) {
            Vector3f[] src = sequence.get(i).getJoints();
            for (int l = 0; l < LIMBS.length; l++) {
                Vector3f a = src[LIMBS[l][1]].subtract(src[LIMBS[l][0]]);
                Vector3f b = after[i][LIMBS[l][1]].subtract(after[i][LIMBS[l][0]]);
                double deg = Rotations.angle(a, b) * FastMath.RAD_TO_DEG;
                errors[e++] = deg;
                limbSum[l] += deg;
            }
        }
        double mean = Arrays.stream(errors).average().orElse(0);
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        double p95 = sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
        double[] limbMean = new double[LIMBS.length];
        for (int l = 0; l < LIMBS.length; l++) {
            limbMean[l] = limbSum[l] / n;
        }
        int[] segments = new int[1];
        double skateBefore = skate(before, contacts, segments) / scale * 100;
        double skateAfter = skate(after, contacts, segments) / scale * 100;
        int contactsFound = segments[0];
        double perContactBefore = contactsFound == 0 ? 0 : skateBefore / contactsFound;
        double perContactAfter = contactsFound == 0 ? 0 : skateAfter / contactsFound;
        Vector3f[][] sourceWorld = new Vector3f[n][];
        for (int i = 0; i < n; i++) {
            sourceWorld[i] = sequence.get(i).getWorldJoints();
        }
        double jitterSource = jitter(sourceWorld, fps, 1f);
        double jitterOut = jitter(after, fps, scale);
        double variance = 0;
        int valid = 0;
        double[][] lengths = new double[n][];
        int low = 0;
        for (int i = 0; i < n; i++) {
            SourceFrame f = sequence.get(i);
            if (!f.isValid() || f.getMeanConfidence() < lowConfidence) {
                low++;
            }
            if (f.isValid()) {
                float[] l = SkeletonFit.boneLengths(f.getJoints());
                lengths[valid++] = new double[l.length];
                for (int j = 0; j < l.length; j++) {
                    lengths[valid - 1][j] = l[j];
                }
            }
        }
        if (valid > 1) {
            for (int j = 1; j < COUNT; j++) {
                double s = 0;
                double s2 = 0;
                for (int i = 0; i < valid; i++) {
                    s += lengths[i][j];
                    s2 += lengths[i][j] * lengths[i][j];
                }
                double m = s / valid;
                variance += Math.max(0, s2 / valid - m * m);
            }
            variance = variance / (COUNT - 1) * 1e4;
        }
        return new RetargetMetrics(n, fps, mean, p95, limbMean, perContactBefore, perContactAfter, contactsFound,
                jitterSource, jitterOut, variance, (double) low / n);
    }

    /** Total horizontal ankle travel while in contact (model units); counts contact runs into segments[0]. */
    private static double skate(Vector3f[][] poses, boolean[][] contacts, int[] segments) {
        double total = 0;
        segments[0] = 0;
        int[] ankle = FootContacts.ANKLE;
        for (int f = 0; f < 2; f++) {
            for (int i = 0; i < poses.length; i++) {
                if (!contacts[f][i]) {
                    continue;
                }
                if (i == 0 || !contacts[f][i - 1]) {
                    segments[0]++;
                } else {
                    Vector3f d = poses[i][ankle[f]].subtract(poses[i - 1][ankle[f]]);
                    total += Math.hypot(d.x, d.z);
                }
            }
        }
        return total;
    }

    /** Mean second difference of every joint, in metres per second squared after dividing by scale. */
    private static double jitter(Vector3f[][] poses, double fps, float scale) {
        if (poses.length < 3) {
            return 0;
        }
        double sum = 0;
        int count = 0;
        for (int i = 1; i + 1 < poses.length; i++) {
            for (int j = 0; j < COUNT; j++) {
                Vector3f acc = poses[i + 1][j].add(poses[i - 1][j]).subtractLocal(poses[i][j].mult(2));
                sum += acc.length() * fps * fps / scale;
                count++;
            }
        }
        return sum / count;
    }

    /** @return frames measured */
    public int getFrames() {
        return frames;
    }

    /** @return mean bone-direction error over frames and limbs (degrees) */
    public double getMeanErrorDegrees() {
        return meanErrorDegrees;
    }

    /** @return 95th percentile of the bone-direction error over frames and limbs (degrees) */
    public double getP95ErrorDegrees() {
        return p95ErrorDegrees;
    }

    /** @return mean error of each limb of {@link #LIMBS} (degrees; new array) */
    public double[] getLimbMeanDegrees() {
        return limbMeanDegrees.clone();
    }

    /** @return mean horizontal slide of a foot per contact before locking (centimetres, actor scale) */
    public double getSkateBeforeCm() {
        return skateBeforeCm;
    }

    /** @return the same after locking (centimetres, actor scale) */
    public double getSkateAfterCm() {
        return skateAfterCm;
    }

    /** @return number of foot contacts (runs) detected */
    public int getContactCount() {
        return contactCount;
    }

    /** @return mean joint acceleration of the source (metres per second squared) */
    public double getSourceJitter() {
        return sourceJitter;
    }

    /** @return mean joint acceleration of the character's 17-joint view (actor-scale metres per second squared) */
    public double getOutputJitter() {
        return outputJitter;
    }

    /** @return mean variance of the source's 16 bone lengths over valid frames (square centimetres) */
    public double getBoneLengthVarianceCm2() {
        return boneLengthVarianceCm2;
    }

    /** @return share of frames that are invalid or below the confidence threshold (0..1) */
    public double getLowConfidenceShare() {
        return lowConfidenceShare;
    }

    /**
     * Returns the metrics as the JSON object of docs/formats.md (version 1).
     *
     * @param extra further top-level string fields, such as the character and the source file (not null)
     * @return a new JSON object
     */
    public JsonObject toJson(Map<String, String> extra) {
        JsonObject o = new JsonObject();
        o.addProperty("version", 1);
        extra.forEach(o::addProperty);
        o.addProperty("frames", frames);
        o.addProperty("frameRateHz", frameRateHz);
        JsonObject err = new JsonObject();
        err.addProperty("mean", round(meanErrorDegrees));
        err.addProperty("p95", round(p95ErrorDegrees));
        JsonObject per = new JsonObject();
        for (int l = 0; l < LIMBS.length; l++) {
            per.addProperty(LIMB_NAMES[l], round(limbMeanDegrees[l]));
        }
        err.add("perLimbMean", per);
        o.add("boneDirectionErrorDegrees", err);
        JsonObject skate = new JsonObject();
        skate.addProperty("contacts", contactCount);
        skate.addProperty("beforeLockingCmPerContact", round(skateBeforeCm));
        skate.addProperty("afterLockingCmPerContact", round(skateAfterCm));
        o.add("footSkate", skate);
        JsonObject jit = new JsonObject();
        jit.addProperty("sourceMetresPerSecond2", round(sourceJitter));
        jit.addProperty("outputMetresPerSecond2", round(outputJitter));
        o.add("jitter", jit);
        o.addProperty("boneLengthVarianceCm2", round(boneLengthVarianceCm2));
        o.addProperty("lowConfidenceShare", round(lowConfidenceShare));
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /**
     * Formats the figures for a terminal, one per line.
     *
     * @return a new multi-line string
     */
    public String format() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("frames", frames + " at " + String.format(Locale.ROOT, "%.2f Hz", frameRateHz));
        lines.put("bone-direction error", String.format(Locale.ROOT, "mean %.2f deg, p95 %.2f deg (targets < 3, < 8)",
                meanErrorDegrees, p95ErrorDegrees));
        lines.put("foot skate", String.format(Locale.ROOT, "%.2f cm/contact before locking, %.2f cm/contact after (%d contacts)",
                skateBeforeCm, skateAfterCm, contactCount));
        lines.put("jitter", String.format(Locale.ROOT, "source %.2f m/s^2, output %.2f m/s^2 (mean joint acceleration)",
                sourceJitter, outputJitter));
        lines.put("bone-length variance", String.format(Locale.ROOT, "%.3f cm^2 (source, before the skeleton fit)",
                boneLengthVarianceCm2));
        lines.put("low-confidence frames", String.format(Locale.ROOT, "%.1f %%", 100 * lowConfidenceShare));
        StringBuilder sb = new StringBuilder();
        lines.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-22s %s%n", k, v)));
        return sb.toString();
    }

    /**
     * Pretty JSON text of {@link #toJson}.
     *
     * @param extra further top-level string fields (not null)
     * @return the text
     */
    public String toJsonText(Map<String, String> extra) {
        return new GsonBuilder().setPrettyPrinting().create().toJson(toJson(extra));
    }
}
