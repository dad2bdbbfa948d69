package io.github.hourglassmocap.tests;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.ClipLifter;
import io.github.hourglassmocap.inference.lift.KeypointTrack;
import io.github.hourglassmocap.inference.lift.LifterOptions;
import io.github.hourglassmocap.inference.lift.PoseLifter;
import io.github.hourglassmocap.inference.lift.PoseMetrics;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Accuracy of 17-joint pose sequences against a rendered take's truth, and the diagnosis table the end-to-end tests
 * print: the lifter on BlazePose's 2D, the lifter on the truth's own projected 2D (clean), the lifter's own mean pose
 * held still (a static baseline with the lifter's proportions, so only motion differs), the truth's mean pose held
 * still (an oracle: it has the character's proportions), and the source BVH's joints (exact motion, the actor's
 * proportions). Together they say whether an error comes from the 2D, from proportions or from the lifter.
 *
 * <p>Poses are compared in the camera frame of each truth frame (x right, y down, z forward; the lifter's output
 * frame), pelvis at the origin. Metrics: PA-MPJPE (per-frame similarity alignment), MPJPE (root-relative, no
 * alignment), its depth part (mean |dz|) and image-plane part (mean of the x-y distance), and the limb
 * bone-direction error (the 8 upper and lower limb bones after the per-frame alignment; proportion-free).
 */
final class LiftAccuracy {
    /** The eight limb bones, named by their end joint: upper and lower arms and legs. */
    static final int[] LIMBS = {H36mJoints.R_KNEE, H36mJoints.R_ANKLE, H36mJoints.L_KNEE, H36mJoints.L_ANKLE,
        H36mJoints.L_ELBOW, H36mJoints.L_WRIST, H36mJoints.R_ELBOW, H36mJoints.R_WRIST};

    /**
     * One row of scores.
     *
     * @param name what was scored
     * @param frames how many frames were compared
     * @param paMm PA-MPJPE (in millimetres)
     * @param mpjpeMm root-relative MPJPE in the camera frame (in millimetres)
     * @param depthMm the mean depth (camera z) error of the root-relative joints (in millimetres)
     * @param planeMm the mean image-plane (camera x-y) error of the root-relative joints (in millimetres)
     * @param limbDeg the mean limb bone-direction error after the per-frame alignment (in degrees)
     */
    record Row(String name, int frames, double paMm, double mpjpeMm, double depthMm, double planeMm, double limbDeg) {
        /** The row as one table line. */
        String line() {
            return String.format(Locale.ROOT, "| %-46s | %6.1f | %6.1f | %6.1f | %6.1f | %5.1f |", name, paMm, mpjpeMm,
                    depthMm, planeMm, limbDeg);
        }
    }

    private LiftAccuracy() {
    }

    /**
     * Scores a pose sequence against the truth.
     *
     * @param name the row's name (not null)
     * @param take the rendered take (not null)
     * @param frames the truth frame indices to compare (not null, not empty)
     * @param pose frame index to pose [17][3], camera frame, metres (any root; it is re-centred on the pelvis)
     * @return a new row
     */
    static Row score(String name, RenderedTake take, int[] frames, IntFunction<float[][]> pose) {
        PoseMetrics m = new PoseMetrics();
        double depth = 0;
        double plane = 0;
        double limbs = 0;
        for (int i : frames) {
            float[][] truth = take.cameraTruth17(i);
            float[][] p = centred(pose.apply(i));
            m.add(p, truth);
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                depth += Math.abs(p[j][2] - truth[j][2]);
                plane += Math.hypot(p[j][0] - truth[j][0], p[j][1] - truth[j][1]);
            }
            float[][] aligned = PoseMetrics.procrustes(p, truth);
            for (int j : LIMBS) {
                int parent = H36mJoints.parent(j);
                limbs += angleDegrees(RenderedTake.sub(aligned[j], aligned[parent]),
                        RenderedTake.sub(truth[j], truth[parent]));
            }
        }
        double n = frames.length * (double) H36mJoints.COUNT;
        return new Row(name, frames.length, m.mean(true) * 1000, m.mean(false) * 1000, depth / n * 1000,
                plane / n * 1000, limbs / (frames.length * (double) LIMBS.length));
    }

    /** Every frame of the walk, 0..FRAMES-1. */
    static int[] allFrames() {
        return allFrames(RenderedTake.FRAMES);
    }

    /** The frame indices 0..n-1. */
    static int[] allFrames(int n) {
        int[] f = new int[n];
        for (int i = 0; i < f.length; i++) {
            f[i] = i;
        }
        return f;
    }

    /**
     * Returns the mean of a sequence's pelvis-centred poses over some frames: held still, a static baseline.
     *
     * @param frames the frame indices (not null, not empty)
     * @param pose frame index to pose [17][3] (not null)
     * @return a new pose [17][3]
     */
    static float[][] meanPose(int[] frames, IntFunction<float[][]> pose) {
        float[][] mean = new float[H36mJoints.COUNT][3];
        for (int i : frames) {
            float[][] p = centred(pose.apply(i));
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                for (int d = 0; d < 3; d++) {
                    mean[j][d] += p[j][d] / frames.length;
                }
            }
        }
        return mean;
    }

    /**
     * Lifts the truth's projected 2D joints (clean 2D, confidence 1) with a model.
     *
     * @param take the rendered take (not null)
     * @param model the lifter .onnx, manifest beside it (not null)
     * @param mode offline, or streaming with {@code lookahead} frames of look-ahead (not null)
     * @param lookahead the streaming look-ahead (in frames, &ge;0; ignored offline)
     * @return the lifted sequence, one frame per take frame
     * @throws MocapException if the model cannot be loaded or fails
     */
    static Pose3dSequence liftClean2d(RenderedTake take, Path model, ClipLifter.Mode mode, int lookahead)
            throws MocapException {
        int t = take.motion.frames();
        long[] ts = new long[t];
        boolean[] person = new boolean[t];
        float[][][] joints = new float[t][H36mJoints.COUNT][3];
        for (int i = 0; i < t; i++) {
            ts[i] = Math.round(i * 1e9 / 30);
            person[i] = true;
            double[][] uv = take.pixels17(i);
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                joints[i][j] = new float[] {(float) uv[j][0], (float) uv[j][1], 1f};
            }
        }
        KeypointTrack track = new KeypointTrack("truth:" + take.truthFile.getFileName(), take.truth.header().width(),
                take.truth.header().height(), 30, 0, ts, person, joints);
        try (PoseLifter lifter = PoseLifter.open(model, LifterOptions.defaults())) {
            return new ClipLifter(mode, lookahead, 0, false, 0).lift(track, lifter, lifter.manifest().name());
        }
    }

    /**
     * The diagnosis rows for one lifted sequence from BlazePose's 2D: (a) that sequence, (b) the same model on the
     * truth's clean 2D in the same mode, (c) the mean of (a) held still, (c') the mean of (b) held still, (d) the
     * truth's mean pose held still (an oracle), (e) the source BVH's joints.
     *
     * @param take the rendered take (not null)
     * @param model the lifter used for (a) (not null)
     * @param mode the mode (a) was lifted in (not null)
     * @param lookahead the streaming look-ahead of (a) (in frames, &ge;0; ignored offline)
     * @param frames the frames (a) has poses for (not null, not empty)
     * @param lifted frame index to (a)'s pose (not null)
     * @return the rows, in that order
     * @throws MocapException if the clean-2D lift fails
     */
    static List<Row> diagnose(RenderedTake take, Path model, ClipLifter.Mode mode, int lookahead, int[] frames,
            IntFunction<float[][]> lifted) throws MocapException {
        Pose3dSequence clean = liftClean2d(take, model, mode, lookahead);
        IntFunction<float[][]> cleanPose = i -> clean.frames().get(i).joints();
        float[][] ownMean = meanPose(frames, lifted);
        float[][] cleanMean = meanPose(frames, cleanPose);
        float[][] truthMean = meanPose(frames, take::cameraTruth17);
        List<Row> rows = new ArrayList<>();
        rows.add(score("(a) lifter, BlazePose 2D", take, frames, lifted));
        rows.add(score("(b) lifter, clean 2D (truth projected)", take, frames, cleanPose));
        rows.add(score("(c) static: lifter's own mean pose of (a)", take, frames, i -> ownMean));
        rows.add(score("(c') static: lifter's own mean pose of (b)", take, frames, i -> cleanMean));
        rows.add(score("(d) static: truth's mean pose (oracle)", take, frames, i -> truthMean));
        rows.add(score("(e) source BVH joints (exact motion)", take, frames, take::cameraSource17));
        return rows;
    }

    /**
     * The mean over several clips of a lifter's ratios to its own static pose (row (a) over row (c) of
     * {@link #diagnose}), with each clip's table: what the held-out salsa tests assert on. A pose held still scores
     * exactly 1 on both.
     */
    static final class ClipMeans {
        private final StringBuilder tables = new StringBuilder();
        private double limbSum;
        private double paSum;
        private int clips;

        /**
         * Adds one clip's diagnosis.
         *
         * @param title the clip's line above its table (not null; the ratios are appended)
         * @param rows the rows of {@link #diagnose} (not null)
         */
        void add(String title, List<Row> rows) {
            Row lifted = rows.get(0);
            Row still = rows.get(2);
            double limb = lifted.limbDeg() / still.limbDeg();
            double pa = lifted.paMm() / still.paMm();
            limbSum += limb;
            paSum += pa;
            clips++;
            tables.append(table(String.format(Locale.ROOT, "%s: limbs %.3f x static, PA %.3f x static", title, limb,
                    pa), rows));
        }

        /** The mean limb ratio over the clips added. */
        double limbRatio() {
            return limbSum / clips;
        }

        /** The mean PA ratio over the clips added. */
        double paRatio() {
            return paSum / clips;
        }

        /**
         * Every clip's table, then one line with the means, the bounds and issue 13's targets.
         *
         * @param what what was measured, for the last line (not null)
         * @param maxLimb the asserted bound on the limb ratio
         * @param targetLimb the target limb ratio (reported)
         * @param maxPa the asserted bound on the PA ratio
         * @param targetPa the target PA ratio (reported)
         * @return the text
         */
        String figures(String what, double maxLimb, double targetLimb, double maxPa, double targetPa) {
            return tables + String.format(Locale.ROOT, "%s, mean over %d clips: limbs %.3f x static (bound <= %.2f;"
                    + " issue 13's target %.2f), PA %.3f x static (bound <= %.2f; target %.2f)%n", what, clips,
                    limbRatio(), maxLimb, targetLimb, paRatio(), maxPa, targetPa);
        }
    }

    /**
     * Formats rows as a Markdown table.
     *
     * @param title the line above the table (not null)
     * @param rows the rows (not null)
     * @return the table text
     */
    static String table(String title, List<Row> rows) {
        StringBuilder b = new StringBuilder(title).append('\n');
        b.append(String.format(Locale.ROOT, "| %-46s | %6s | %6s | %6s | %6s | %5s |%n", "what (mm; limbs in deg)",
                "PA", "MPJPE", "depth", "plane", "limbs"));
        b.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(r.line()).append('\n');
        }
        return b.toString();
    }

    private static float[][] centred(float[][] p) {
        float[][] c = new float[p.length][];
        for (int j = 0; j < p.length; j++) {
            c[j] = RenderedTake.sub(p[j], p[H36mJoints.PELVIS]);
        }
        return c;
    }

    static double angleDegrees(float[] a, float[] b) {
        double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        double na = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        double nb = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / (na * nb)))));
    }
}
