package io.github.hourglassmocap.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.lift.ClipLifter;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.plugin.bake.BakeOptions;
import io.github.hourglassmocap.plugin.bake.BakeResult;
import io.github.hourglassmocap.plugin.bake.VideoBaker;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline render and recapture on held-out motion, two sets of clips: the five salsa clips of
 * {@link RenderedTake#HELD_OUT_SALSA} and the six {@code cmu-daz} clips of {@link RenderedTake#HELD_OUT_DAZ} (walks,
 * a run, a jump, reaching), takes of the lifter's split by take that the model under test held out, each from its own
 * camera. Each clip is baked as a user bakes a video ({@link VideoBaker}: BlazePose, then the offline lifter), and the
 * lifted joints must beat the lifter's own mean pose held still on average over each set. {@link BakeEndToEndTest}
 * does the same on the walk, one clip. The lifter is the shipped offline HoT or the one named by
 * {@code -Dmocap.e2e.lifter} ({@link E2eLifter#offlineSalsaModel()}, {@link E2eLifter#offlineDazModel()}).
 */
@Timeout(900)
class OfflineHeldOutTest {
    private static final Logger LOG = Logger.getLogger(OfflineHeldOutTest.class.getName());
    /**
     * Offline, the lifter's limb bone-direction error must be at most this share of its static baseline's, on average
     * over the five salsa clips. Measured 2026-12-04 (seventh session, this test): hot-f27 0.839 (PA 91.5 mm, limbs
     * 19.7 degrees on average; hot-f81 0.824, hot-live-f27 0.847, htnet-f27 0.855); 2026-12-05 (eighth session)
     * hot-rendered-f27, the offline default since the ninth session, 0.805 (86.0 mm, 17.9 degrees). A pose held still
     * scores 1. Issue 13's offline target is 0.80. The bound was 0.90 until the default changed.
     */
    static final double MAX_LIMB_RATIO_TO_STATIC = 0.86;
    /**
     * The same for PA-MPJPE: hot-f27 0.851 (hot-f81 0.845, hot-rendered-f27 0.851); issue 13's offline target is
     * 0.92.
     */
    static final double MAX_PA_RATIO_TO_STATIC = 0.90;
    /**
     * The limb bound on the six {@code cmu-daz} clips. Measured 2026-12-05 (ninth session, this test): hot-f27 0.734
     * (PA 92.5 mm, limbs 18.5 degrees on average), hot-rendered-f27 0.708 (84.1 mm, 16.4 degrees), hot-f81 0.738
     * (91.7 mm, 18.1 degrees; its ninth-session weights 0.724, 84.8 mm, 16.9 degrees), htnet-f27 0.702 (83.7 mm,
     * 16.7 degrees). The bounds leave the offline default,
     * hot-rendered-f27, about 0.05 of room.
     */
    static final double MAX_DAZ_LIMB_RATIO_TO_STATIC = 0.76;
    /**
     * The PA-MPJPE bound on the {@code cmu-daz} clips: hot-f27 0.802, hot-rendered-f27 0.774, hot-f81 0.795,
     * htnet-f27 0.766.
     */
    static final double MAX_DAZ_PA_RATIO_TO_STATIC = 0.83;
    static final double TARGET_LIMB_RATIO_TO_STATIC = BakeEndToEndTest.TARGET_LIMB_RATIO_TO_STATIC;
    static final double TARGET_PA_RATIO_TO_STATIC = BakeEndToEndTest.TARGET_PA_RATIO_TO_STATIC;

    @Test
    void offlineLiftingOnHeldOutSalsaBeatsItsOwnStaticPose(@TempDir Path tmp) throws Exception {
        bakeAndScore(tmp, RenderedTake.HELD_OUT_SALSA, E2eLifter.offlineSalsaModel(), "the held-out salsa clips",
                MAX_LIMB_RATIO_TO_STATIC, MAX_PA_RATIO_TO_STATIC);
    }

    /** The six {@code cmu-daz} clips: walks, a run, a jump, reaching (bounds measured as their constants say). */
    @Test
    void offlineLiftingOnHeldOutDazClipsBeatsItsOwnStaticPose(@TempDir Path tmp) throws Exception {
        bakeAndScore(tmp, RenderedTake.HELD_OUT_DAZ, E2eLifter.offlineDazModel(), "the held-out cmu-daz clips",
                MAX_DAZ_LIMB_RATIO_TO_STATIC, MAX_DAZ_PA_RATIO_TO_STATIC);
    }

    private static void bakeAndScore(Path tmp, List<RenderedTake.Motion> clips, Path model, String what,
            double maxLimbRatio, double maxPaRatio) throws Exception {
        String character = RenderedTake.configuredCharacter();
        LiftAccuracy.ClipMeans means = new LiftAccuracy.ClipMeans();
        VideoBaker baker = new VideoBaker(BakeOptions.defaults().withLifterModel(model)
                .withPose2dModel(PoseModelFile.landmarkModel(BakeEndToEndTest.pose2dModelName())), (s, d, t) -> { });
        for (RenderedTake.Motion motion : clips) {
            RenderedTake clip = RenderedTake.get(character, motion);
            Path out = tmp.resolve(motion.name());
            BakeResult result = baker.bake(clip.video, out);
            assertTrue(result.framesWithPerson() >= motion.frames() * 9 / 10, motion.name()
                    + ": the person must be found in 90% of the frames, found in " + result.framesWithPerson());
            Pose3dSequence poses = Pose3dSequence.read(out.resolve("pose3d.json"));
            int[] frames = LiftAccuracy.allFrames(motion.frames());
            means.add(String.format(Locale.ROOT, "offline (%s %s, %d frames, lifter %s, baked at %.2fx real time)",
                    character, motion.name(), frames.length, model.getFileName(), result.realTimeFactor()),
                    LiftAccuracy.diagnose(clip, model, ClipLifter.Mode.OFFLINE, 0, frames,
                            i -> poses.frames().get(i).joints()));
        }
        String figures = means.figures("offline on " + what, maxLimbRatio, TARGET_LIMB_RATIO_TO_STATIC, maxPaRatio,
                TARGET_PA_RATIO_TO_STATIC);
        LOG.warning(figures);
        System.out.println(figures);
        // A pose held still scores exactly 1 x static on both, so both bounds (below 1) fail it.
        assertTrue(means.limbRatio() <= maxLimbRatio, "offline limb directions are not " + maxLimbRatio
                + " x the lifter's own mean pose held still or better, on average over " + what + ":\n" + figures);
        assertTrue(means.paRatio() <= maxPaRatio, "offline PA-MPJPE is not " + maxPaRatio
                + " x the lifter's own mean pose held still or better, on average over " + what + ":\n" + figures);
    }
}
