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
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.inference.lift.PoseMetrics;
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
 * Render and recapture: Sinbad performs a CMU walk in front of the project's renderer, the video is baked onto
 * Jaime, and the result is compared with the rendered truth. Figures are printed; the thresholds below fail the build if the
 * whole pipeline regresses past them (see docs/plugin.md for the measured values and margins).
 */
@Timeout(600)
class BakeEndToEndTest {
    private static final Logger LOG = Logger.getLogger(BakeEndToEndTest.class.getName());
    /*
     * Thresholds: measured value plus a margin (docs/plugin.md). With the trained lifter (manifest "trained": true,
     * hot-f27) the bounds are the figures measured on 2026-11-22 (the second-round hot-f27: TPC + time-keyed TRA trained on
     * `mocap dataset` output) plus 25%; with an untrained placeholder (manifest
     * "trained": false) they are the placeholder's figures plus a margin, so only a pipeline that gets worse fails.
     * Note the truth is Sinbad's rig, whose proportions (short legs, wide hips, long torso) are not human: the
     * source motion's own 17 joints (the CMU actor, exact motion) score 125 mm PA-MPJPE against it, so the PA
     * figure cannot go near the lifter's 40 mm on CMU; the limb-direction figures are proportion-free (the source
     * motion scores 5.2 degrees).
     */
    private static final boolean TRAINED = lifterTrained();
    /** Procrustes-aligned MPJPE of the lifted 17 joints against the truth (mm): trained measured 147.4, untrained 440. */
    static final double MAX_PA_MPJPE_MM = TRAINED ? 185 : 600;
    /** Mean limb bone-direction error of the baked character against the truth (degrees): trained 31.7, untrained 94. */
    static final double MAX_BONE_ERROR_DEG = TRAINED ? 40 : 110;
    /**
     * Mean limb bone-direction error of the lifted 17 joints against the truth (degrees): trained measured 32.3 (the
     * first-round model scored 25.1; the difference is in the forearms, where BlazePose's wrist is ~30 px off on
     * Sinbad's stylised hands: docs/plugin.md).
     */
    static final double MAX_LIFTED_LIMB_ERROR_DEG = TRAINED ? 40 : 110;
    /**
     * Mean limb bone-direction error of the baked character against the lifted joints (degrees): measured 2.6 (p95
     * 6.7) since the clip is played without jME's default blend-in from the bind pose ({@code ClipBaking.play}); 5.7
     * (p95 21) with the blend-in, which this bound catches.
     */
    static final double MAX_RETARGET_ERROR_DEG = 4;
    /** Share of limb joints found within 0.2 torso lengths of the truth in 2D (PCK@0.2): measured 0.774. */
    static final double MIN_PCK = 0.70;

    private static boolean lifterTrained() {
        try {
            Path m = io.github.hourglassmocap.inference.lift.LifterManifest.manifestPathFor(
                    io.github.hourglassmocap.inference.lift.ShippedLifters.get(
                            io.github.hourglassmocap.inference.lift.ShippedLifters.modelsFolder(),
                            io.github.hourglassmocap.inference.lift.ShippedLifters.HOT));
            JsonObject o = JsonParser.parseString(Files.readString(m)).getAsJsonObject();
            return o.has("trained") && o.get("trained").getAsBoolean();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the shipped lifter's manifest: " + e, e);
        }
    }

    private static RenderedTake take;
    private static Path out;
    private static BakeResult result;

    @BeforeAll
    static void bake(@TempDir Path tmp) throws Exception {
        take = RenderedTake.get();
        out = tmp.resolve("bake");
        VideoBaker baker = new VideoBaker(BakeOptions.defaults(), (s, d, t) -> { });
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
    void liftedJointsAndTheBakedCharacterMatchTheTruth() throws Exception {
        Pose3dSequence poses = Pose3dSequence.read(out.resolve("pose3d.json"));
        PoseMetrics lifted = new PoseMetrics();
        PoseMetrics meanPose = new PoseMetrics();
        PoseMetrics source = new PoseMetrics();
        float[][] average = new float[H36mJoints.COUNT][3];
        for (int i = 0; i < RenderedTake.FRAMES; i++) {
            float[][] t = centred(take.truth17(i));
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                for (int d = 0; d < 3; d++) {
                    average[j][d] += t[j][d] / RenderedTake.FRAMES;
                }
            }
        }
        for (int i = 0; i < RenderedTake.FRAMES; i++) {
            float[][] truth = take.truth17(i);
            lifted.add(poses.frames().get(i).joints(), truth);
            meanPose.add(average, truth);
            source.add(take.source17(i), truth);
        }
        double pa = lifted.mean(true) * 1000;
        double paMean = meanPose.mean(true) * 1000;
        // The same motion on the CMU actor's skeleton against Sinbad's: what proportions alone cost under PA.
        double paSource = source.mean(true) * 1000;
        // Proportion-free: the lifted joints' limb directions against the truth's.
        double liftedLimbs = limbErrorMean(i -> poses.frames().get(i).joints());
        double sourceLimbs = limbErrorMean(take::source17);

        // The baked character, played from clip.j3o, against the truth: bone directions after a per-frame
        // similarity alignment (the character's size and facing are its own).
        double[] errors = boneErrors(take::truth17, true);
        double boneMean = Arrays.stream(errors).average().orElse(Double.NaN);
        double boneP95 = errors[(int) Math.round(0.95 * (errors.length - 1))];
        String figures = String.format(Locale.ROOT, "render-and-recapture (%s %s, %d frames, 640x480): PA-MPJPE %.1f mm"
                + " (constant mean-pose baseline %.1f mm; the source BVH's own joints, same motion on human proportions,"
                + " %.1f mm); lifted limb bone-direction error mean %.1f deg (source BVH %.1f deg); baked character limb bone-direction error mean %.1f deg,"
                + " p95 %.1f deg; bake %.2fx real time; lifter trained: %s", RenderedTake.CHARACTER, RenderedTake.MOTION, RenderedTake.FRAMES,
                pa, paMean, paSource, liftedLimbs, sourceLimbs, boneMean, boneP95, result.realTimeFactor(), TRAINED);
        LOG.warning(figures);
        System.out.println(figures);
        assertTrue(pa < MAX_PA_MPJPE_MM, figures);
        assertTrue(liftedLimbs < MAX_LIFTED_LIMB_ERROR_DEG, figures);
        assertTrue(boneMean < MAX_BONE_ERROR_DEG, figures);
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
        String figures = String.format(Locale.ROOT, "2D on the rendered take (lite): PCK@0.2 %.3f, mean limb-joint"
                + " error %.1f px", pck, pixelSum / total);
        System.out.println(figures);
        assertTrue(pck >= MIN_PCK, figures);
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

    /** The eight limb bones, named by their end joint: upper and lower arms and legs. */
    private static final int[] LIMBS = {H36mJoints.R_KNEE, H36mJoints.R_ANKLE, H36mJoints.L_KNEE, H36mJoints.L_ANKLE,
        H36mJoints.L_ELBOW, H36mJoints.L_WRIST, H36mJoints.R_ELBOW, H36mJoints.R_WRIST};

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
        double[] errors = new double[RenderedTake.FRAMES * LIMBS.length];
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
            for (int j : LIMBS) {
                int p = H36mJoints.parent(j);
                errors[k++] = angleDegrees(RenderedTake.sub(aligned[j], aligned[p]), RenderedTake.sub(ref[j], ref[p]));
            }
        }
        Arrays.sort(errors);
        return errors;
    }

    /** Mean angle (degrees) between the 8 limb bones of a pose and the truth's, after a per-frame similarity alignment. */
    private static double limbErrorMean(java.util.function.IntFunction<float[][]> pose) {
        double sum = 0;
        for (int i = 0; i < RenderedTake.FRAMES; i++) {
            float[][] ref = take.truth17(i);
            float[][] aligned = PoseMetrics.procrustes(pose.apply(i), ref);
            for (int j : LIMBS) {
                int p = H36mJoints.parent(j);
                sum += angleDegrees(RenderedTake.sub(aligned[j], aligned[p]), RenderedTake.sub(ref[j], ref[p]));
            }
        }
        return sum / (RenderedTake.FRAMES * LIMBS.length);
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

    private static float[][] centred(float[][] p) {
        float[][] c = new float[p.length][];
        for (int j = 0; j < p.length; j++) {
            c[j] = RenderedTake.sub(p[j], p[0]);
        }
        return c;
    }

    private static double angleDegrees(float[] a, float[] b) {
        double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        double na = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        double nb = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / (na * nb)))));
    }
}
