package io.github.hourglassmocap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.jme3.anim.AnimComposer;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.ClipLifter;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.inference.lift.PoseMetrics;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import io.github.hourglassmocap.plugin.Armatures;
import io.github.hourglassmocap.plugin.bake.BakeOptions;
import io.github.hourglassmocap.plugin.bake.BakeResult;
import io.github.hourglassmocap.plugin.bake.ClipBaking;
import io.github.hourglassmocap.plugin.bake.PreviewRenderer;
import io.github.hourglassmocap.plugin.bake.VideoBaker;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Render and recapture: a character (Ninja by default, see {@link RenderedTake}) performs a CMU walk in front of the
 * project's renderer, the video is baked onto Jaime, and the result is compared with the rendered truth. The
 * lifter must beat a static pose (its own mean output over the clip, held still) by a stated margin, and that
 * static pose must fail the lifter's bounds, so the bounds measure motion rather than proportions. The lifter is the
 * shipped HoT model or the one named by {@code -Dmocap.e2e.lifter} ({@link E2eLifter}); it must be trained. The
 * diagnosis table ({@link LiftAccuracy}) is printed on every run. See docs/plugin.md for the measured values.
 */
@Timeout(600)
class BakeEndToEndTest {
    private static final Logger LOG = Logger.getLogger(BakeEndToEndTest.class.getName());
    /*
     * Why these checks (measured 2026-12-04 with hot-f27, docs/plugin.md): on a walk seen from the front a pose held
     * still is a strong baseline, and PA-MPJPE is dominated by proportions (on Ninja the source motion's own joints,
     * exact motion on the CMU actor's proportions, score 65.6 mm PA against the truth; the truth's own mean pose held
     * still scores 52.6 mm). So the lifter is compared with its own mean pose held still (same proportions, so only
     * motion differs), on the limb bone-direction error (proportion-free; exact motion scores 5.5 deg) and on
     * PA-MPJPE, and the absolute bounds are set below what any pose held still scores.
     */
    /**
     * The lifter's limb bone-direction error must be at most this share of its static baseline's: hot-f27 scores
     * 13.0 against 14.6 deg (0.89; 0.91 before {@link io.github.hourglassmocap.inference.lift.SideSwaps} undid
     * BlazePose's brief left/right swaps), the same model on clean 2D 10.3 against 14.3 (0.72), exact motion 5.5
     * (0.38). Since the ninth session the offline default is hot-rendered-f27: 13.4 against 14.2 deg (0.945) on this
     * clip, better than hot-f27 on 11 of the 11 other held-out clips of {@link OfflineHeldOutTest} (whose bounds
     * were tightened to it), so this bound moved from 0.92 to 0.96. A guard at today's figure with a little room;
     * issue 13's target is {@link #TARGET_LIMB_RATIO_TO_STATIC}.
     */
    static final double MAX_LIMB_RATIO_TO_STATIC = 0.96;
    /** Issue 13's target for the limb ratio (not met by any model trained so far; printed on every run). */
    static final double TARGET_LIMB_RATIO_TO_STATIC = 0.80;
    /**
     * The lifter's PA-MPJPE must be at most this share of its static baseline's: hot-f27 scores 75.1 against 80.4 mm
     * (0.93; 77.6 against 81.2 before the side-swap fix), hot-rendered-f27 (the default since the ninth session) 78.7
     * against 83.7 (0.940), the same model on clean 2D 54.7 against 68.9 (0.79);
     * exact motion on human proportions 65.6 against 81.2 (0.81), so on PA the room between a perfect lifter and a
     * still one is about 20 %. A guard at today's figure with a little room; issue 13's target is
     * {@link #TARGET_PA_RATIO_TO_STATIC}.
     */
    static final double MAX_PA_RATIO_TO_STATIC = 0.96;
    /** Issue 13's target for the PA ratio (not met by any model trained so far; printed on every run). */
    static final double TARGET_PA_RATIO_TO_STATIC = 0.92;

    /**
     * Bounds for one character. Each lies below what the lifter's static baseline scores, which the test checks.
     *
     * @param maxPaMm PA-MPJPE of the lifted joints (mm)
     * @param maxLimbDeg mean limb bone-direction error of the lifted joints (degrees)
     * @param maxBakedDeg mean limb bone-direction error of the baked character against the truth (degrees)
     * @param minPck share of limb joints BlazePose finds within 0.2 torso lengths of the truth in 2D
     */
    record Bounds(double maxPaMm, double maxLimbDeg, double maxBakedDeg, double minPck) {
    }

    /**
     * Per character (docs/plugin.md has the tables). Ninja, hot-f27 with the side-swap fix: PA 75.1 mm, limbs 13.0
     * deg, baked 13.5 deg, PCK 0.909; its static baseline 80.4 mm, 14.6 deg; the truth's mean pose 52.6 mm, 13.7 deg
     * (so the limb bound stays under that too). The bounds were 77.5 mm and 13.4 deg until the ninth session; the
     * default since, hot-rendered-f27: PA 78.7 mm, limbs 13.4 deg, baked 13.9 deg; its static 83.7 mm, 14.2 deg.
     * Sinbad, hot-f27: PA 147.2 mm, limbs 32.0 deg, baked 31.5 deg, PCK 0.781; static 140.1 mm, 30.7 deg (the lifter does
     * worse than holding still); the PA bound is issue 13's target, 25 % under 147 mm.
     */
    static Bounds bounds(String character) {
        return switch (character) {
            case "ninja" -> new Bounds(79.5, 13.6, 14.5, 0.85);
            case "sinbad" -> new Bounds(110, 25, 27, 0.70);
            default -> throw new IllegalArgumentException("no bounds for character " + character + "; expected one of "
                    + RenderedTake.CHARACTERS);
        };
    }

    /**
     * Mean limb bone-direction error of the baked character against the lifted joints (degrees): measured 2.6 (p95
     * 6.7) since the clip is played without jME's default blend-in from the bind pose ({@code ClipBaking.play}); 5.7
     * (p95 21) with the blend-in, which this bound catches.
     */
    static final double MAX_RETARGET_ERROR_DEG = 4;

    /**
     * System property choosing the BlazePose landmark model of the bake ({@code lite}, the default and what the
     * bounds are for, {@code full} or {@code heavy}), so the 2D stage's share of the error can be measured:
     * {@code -Dmocap.e2e.pose2d=heavy}.
     */
    static final String POSE2D_PROPERTY = "mocap.e2e.pose2d";

    static String pose2dModelName() {
        String m = System.getProperty(POSE2D_PROPERTY, "lite").trim();
        return m.isEmpty() ? "lite" : m;
    }

    private static RenderedTake take;
    private static Path out;
    private static BakeResult result;

    @BeforeAll
    static void bake(@TempDir Path tmp) throws Exception {
        take = RenderedTake.get();
        out = tmp.resolve("bake");
        VideoBaker baker = new VideoBaker(BakeOptions.defaults().withLifterModel(E2eLifter.model())
                .withPose2dModel(PoseModelFile.landmarkModel(pose2dModelName())), (s, d, t) -> { });
        baker.setPreviewWriter(new PreviewRenderer());
        result = baker.bake(take.video, out);
    }

    @Test
    void writesEveryOutputAndEachLoadsBack() throws Exception {
        for (String name : List.of("keypoints.json", "pose3d.json", "clip.j3o", "clip.bvh", "clip.glb", "metrics.json",
                "preview.mp4")) {
            Path f = out.resolve(name);
            assertTrue(Files.size(f) > 100, name + " missing or empty");
            assertEquals(f, result.files().get(name));
        }
        assertEquals(RenderedTake.FRAMES, result.frames());
        assertEquals(RenderedTake.FRAMES, KeypointsFile.read(out.resolve("keypoints.json")).frames().size());
        assertEquals(RenderedTake.FRAMES, Pose3dSequence.read(out.resolve("pose3d.json")).frames().size());
        assertTrue(result.framesWithPerson() >= RenderedTake.FRAMES * 9 / 10,
                "the walker must be found in 90% of the frames, found in " + result.framesWithPerson());
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(1, m.get("version").getAsInt());
        assertTrue(m.getAsJsonObject("bake").get("realTimeFactor").getAsDouble() > 0);
        // BvhJme.fromClip samples floor(length x rate + 1e-6) + 1 frames; with a float clip length that can come out
        // one short (85 of 86 here), hence the tolerance of one frame.
        assertEquals(RenderedTake.FRAMES, BvhReader.readAll(out.resolve("clip.bvh")).frameCount(), 1);
        try (VideoFileSource preview = VideoFileSource.open(out.resolve("preview.mp4"))) {
            assertTrue(preview.width() > 640, "the preview holds the input and the character side by side");
            int n = 0;
            while (preview.grab() != null) {
                n++;
            }
            assertEquals(RenderedTake.FRAMES, n);
        }
        DesktopAssetManager assets = new DesktopAssetManager(true);
        assets.registerLocator(out.toString(), FileLocator.class);
        Spatial glb = assets.loadModel("clip.glb");
        assertNotNull(Armatures.findSkinning(glb), "clip.glb holds the skinned character");
    }

    @Test
    void liftedJointsBeatTheStaticPoseAndTheBakedCharacterMatchesTheTruth() throws Exception {
        Pose3dSequence poses = Pose3dSequence.read(out.resolve("pose3d.json"));
        int[] frames = LiftAccuracy.allFrames();
        List<LiftAccuracy.Row> rows = LiftAccuracy.diagnose(take, E2eLifter.model(), ClipLifter.Mode.OFFLINE, 0, frames,
                i -> poses.frames().get(i).joints());
        LiftAccuracy.Row lifted = rows.get(0);
        LiftAccuracy.Row still = rows.get(2);

        // The baked character, played from clip.j3o, against the truth: bone directions after a per-frame
        // similarity alignment (the character's size and facing are its own).
        double[] errors = boneErrors(take::truth17, true);
        double boneMean = Arrays.stream(errors).average().orElse(Double.NaN);
        double boneP95 = errors[(int) Math.round(0.95 * (errors.length - 1))];
        Bounds bounds = bounds(take.character);
        String figures = LiftAccuracy.table(String.format(Locale.ROOT, "render-and-recapture (%s %s, %d frames, 640x480,"
                + " lifter %s, offline): baked character limb bone-direction error mean %.1f deg, p95 %.1f deg; bake"
                + " %.2fx real time", take.character, RenderedTake.MOTION, RenderedTake.FRAMES,
                E2eLifter.model().getFileName(), boneMean, boneP95, result.realTimeFactor()), rows)
                + String.format(Locale.ROOT, "bounds: PA < %.1f mm and <= %.2f x static; limbs < %.1f deg and <= %.2f x"
                + " static; baked character < %.1f deg%n%s", bounds.maxPaMm(), MAX_PA_RATIO_TO_STATIC,
                bounds.maxLimbDeg(), MAX_LIMB_RATIO_TO_STATIC, bounds.maxBakedDeg(), targetLine(lifted, still,
                TARGET_LIMB_RATIO_TO_STATIC, TARGET_PA_RATIO_TO_STATIC));
        LOG.warning(figures);
        System.out.println(figures);
        // No pose held still may pass the bounds: not the lifter's own mean pose, and on limbs not even the truth's.
        LiftAccuracy.Row truthStill = rows.get(4);
        assertTrue(still.paMm() >= bounds.maxPaMm() && still.limbDeg() >= bounds.maxLimbDeg()
                && truthStill.limbDeg() >= bounds.maxLimbDeg(), "a static pose passes the lifter's bounds, so they"
                + " measure proportions rather than motion:\n" + figures);
        assertTrue(lifted.limbDeg() <= MAX_LIMB_RATIO_TO_STATIC * still.limbDeg(), "the lifter's limb directions are"
                + " not " + MAX_LIMB_RATIO_TO_STATIC + " x its own mean pose held still or better:\n" + figures);
        assertTrue(lifted.paMm() <= MAX_PA_RATIO_TO_STATIC * still.paMm(), "the lifter's PA-MPJPE is not "
                + MAX_PA_RATIO_TO_STATIC + " x its own mean pose held still or better:\n" + figures);
        assertTrue(lifted.limbDeg() < bounds.maxLimbDeg(), figures);
        assertTrue(lifted.paMm() < bounds.maxPaMm(), figures);
        assertTrue(boneMean < bounds.maxBakedDeg(), figures);
    }

    /**
     * One line comparing the lifter's ratios to its static pose with issue 13's targets (reported, not asserted).
     *
     * @param lifted the lifter's row (not null)
     * @param still its static baseline's row (not null)
     * @param limbTarget the target limb ratio (0..1)
     * @param paTarget the target PA ratio (0..1)
     * @return the line (new)
     */
    static String targetLine(LiftAccuracy.Row lifted, LiftAccuracy.Row still, double limbTarget, double paTarget) {
        double limb = lifted.limbDeg() / still.limbDeg();
        double pa = lifted.paMm() / still.paMm();
        return String.format(Locale.ROOT, "issue 13 targets: limbs %.3f x static (target %.2f: %s), PA %.3f x static"
                + " (target %.2f: %s)", limb, limbTarget, limb <= limbTarget ? "met" : "not met", pa, paTarget,
                pa <= paTarget ? "met" : "not met");
    }

    @Test
    void accuracyMeasureScoresTheTruthAsPerfectAndSeesRotationOnlyWithoutAlignment() {
        int[] frames = LiftAccuracy.allFrames();
        LiftAccuracy.Row self = LiftAccuracy.score("truth", take, frames, take::cameraTruth17);
        assertEquals(0, self.paMm(), 0.05);
        assertEquals(0, self.mpjpeMm(), 0.05);
        assertEquals(0, self.limbDeg(), 0.05);
        // The truth turned 90 degrees about the camera's vertical axis: the aligned metrics do not see it, MPJPE does.
        LiftAccuracy.Row turned = LiftAccuracy.score("turned", take, frames, i -> {
            float[][] t = take.cameraTruth17(i);
            float[][] r = new float[t.length][];
            for (int j = 0; j < t.length; j++) {
                r[j] = new float[] {t[j][2], t[j][1], -t[j][0]};
            }
            return r;
        });
        assertEquals(0, turned.paMm(), 0.05);
        assertEquals(0, turned.limbDeg(), 0.05);
        assertTrue(turned.mpjpeMm() > 50 && turned.depthMm() > 50, turned.line());
        // The clean 2D input is the truth's own projection: where a 17-joint sits on a rig joint, it lands on the
        // renderer's pixel for that joint.
        for (int i : frames) {
            double[][] uv = take.pixels17(i);
            for (int n = 0; n < RenderedTake.LIMB_JOINTS.length; n++) {
                double[] t = take.pixel(i, RenderedTake.LIMB_BONES[n]);
                assertEquals(t[0], uv[RenderedTake.LIMB_JOINTS[n]][0], 0.01, "u of joint " + n + " in frame " + i);
                assertEquals(t[1], uv[RenderedTake.LIMB_JOINTS[n]][1], 0.01, "v of joint " + n + " in frame " + i);
            }
        }
    }

    @Test
    void keypointsMatchTheRenderedJoints() throws Exception {
        var frames = KeypointsFile.read(out.resolve("keypoints.json")).frames();
        int hits = 0;
        int total = 0;
        double pixelSum = 0;
        for (int i = 0; i < RenderedTake.FRAMES; i++) {
            var k = frames.get(i);
            double[] lHip = take.pixel(i, io.github.hourglassmocap.retarget.humanoid.HumanoidBone.LEFT_UPPER_LEG);
            double[] lSh = take.pixel(i, io.github.hourglassmocap.retarget.humanoid.HumanoidBone.LEFT_UPPER_ARM);
            double torso = Math.hypot(lHip[0] - lSh[0], lHip[1] - lSh[1]);
            for (int n = 0; n < RenderedTake.LIMB_JOINTS.length; n++) {
                total++;
                if (!k.hasPerson()) {
                    continue;
                }
                double[] t = take.pixel(i, RenderedTake.LIMB_BONES[n]);
                double d = Math.hypot(k.jointX(RenderedTake.LIMB_JOINTS[n]) - t[0],
                        k.jointY(RenderedTake.LIMB_JOINTS[n]) - t[1]);
                pixelSum += d;
                if (d <= 0.2 * torso) {
                    hits++;
                }
            }
        }
        double pck = hits / (double) total;
        String figures = String.format(Locale.ROOT, "2D on the rendered take (%s): PCK@0.2 %.3f, mean limb-joint"
                + " error %.1f px", pose2dModelName(), pck, pixelSum / total);
        System.out.println(figures);
        assertTrue(pck >= bounds(take.character).minPck(), figures);
    }

    @Test
    void bakedCharacterFollowsTheLiftedJoints() throws Exception {
        Pose3dSequence poses = Pose3dSequence.read(out.resolve("pose3d.json"));
        double[] errors = boneErrors(i -> {
            float[][] j = poses.frames().get(i).joints();
            float[][] world = new float[H36mJoints.COUNT][];
            for (int n = 0; n < H36mJoints.COUNT; n++) {
                world[n] = new float[] {j[n][0], -j[n][1], -j[n][2]};
            }
            return world;
        }, true);
        double mean = Arrays.stream(errors).average().orElse(Double.NaN);
        String figures = String.format(Locale.ROOT, "baked character (clip.j3o played back) against the lifted joints, limbs:"
                + " bone-direction error mean %.1f deg, p95 %.1f deg", mean, errors[(int) Math.round(0.95 * (errors.length - 1))]);
        System.out.println(figures);
        assertTrue(mean < MAX_RETARGET_ERROR_DEG, figures);
    }

    @Test
    void unwritableOutputAndUnknownCharacterFailBeforeAnyWork() throws Exception {
        Path file = Files.createTempFile("not-a-folder", ".txt");
        VideoBaker baker = new VideoBaker(BakeOptions.defaults().withPreview(false), (s, d, t) -> { });
        MocapIOException e = assertThrows(MocapIOException.class, () -> baker.bake(take.video, file.resolve("out")));
        assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        VideoBaker bad = new VideoBaker(BakeOptions.defaults().withCharacter(file.toString()).withPreview(false),
                (s, d, t) -> { });
        // An existing file that is no model: the one character loader's ModelLoadException, before any work.
        io.github.hourglassmocap.inference.ModelLoadException e2 = assertThrows(
                io.github.hourglassmocap.inference.ModelLoadException.class,
                () -> bad.bake(take.video, Files.createTempDirectory("bake-bad")));
        assertTrue(e2.getMessage().contains("cannot be loaded"), e2.getMessage());
    }

    /**
     * Plays clip.j3o frame by frame and returns the sorted angles between the baked character's 8 limb bones and a
     * reference's, per frame.
     */
    private static double[] boneErrors(java.util.function.IntFunction<float[][]> reference, boolean align) {
        DesktopAssetManager assets = new DesktopAssetManager(true);
        assets.registerLocator(out.toString(), FileLocator.class);
        Spatial jaime = assets.loadModel("clip.j3o");
        CharacterRig rig = new CharacterRig(Armatures.getArmature(jaime), BuiltInCharacters.map("jaime"));
        AnimComposer composer = findComposer(jaime);
        ClipBaking.play(composer, VideoBaker.CLIP_NAME);
        composer.setGlobalSpeed(0);
        double[] errors = new double[RenderedTake.FRAMES * LiftAccuracy.LIMBS.length];
        int k = 0;
        for (int i = 0; i < RenderedTake.FRAMES; i++) {
            composer.setTime(AnimComposer.DEFAULT_LAYER, i / 30.0);
            jaime.updateLogicalState(0);
            Vector3f[] v = rig.view17(true);
            float[][] baked = new float[H36mJoints.COUNT][];
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                baked[j] = new float[] {v[j].x, v[j].y, v[j].z};
            }
            float[][] ref = reference.apply(i);
            float[][] aligned = align ? PoseMetrics.procrustes(baked, ref) : baked;
            for (int j : LiftAccuracy.LIMBS) {
                int p = H36mJoints.parent(j);
                errors[k++] = LiftAccuracy.angleDegrees(RenderedTake.sub(aligned[j], aligned[p]), RenderedTake.sub(ref[j], ref[p]));
            }
        }
        Arrays.sort(errors);
        return errors;
    }

    private static AnimComposer findComposer(Spatial s) {
        AnimComposer[] c = {null};
        s.depthFirstTraversal(x -> {
            if (c[0] == null && x.getControl(AnimComposer.class) != null) {
                c[0] = x.getControl(AnimComposer.class);
            }
        });
        return c[0];
    }
}
