package io.github.hourglassmocap.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.lift.ClipLifter;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.plugin.bake.BakeOptions;
import io.github.hourglassmocap.plugin.bake.BakeResult;
import io.github.hourglassmocap.plugin.bake.VideoBaker;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline render and recapture on held-out motion: the five salsa clips of {@link RenderedTake#HELD_OUT_SALSA} (takes
 * of the lifter's split by take that the model under test held out, each from its own camera) are baked as a user
 * bakes a video ({@link VideoBaker}: BlazePose, then the offline lifter), and the lifted joints must beat the lifter's
 * own mean pose held still on average over the clips. {@link BakeEndToEndTest} does the same on the walk, one clip;
 * this test scores the offline default on five views of a motion kind it did not train on. The lifter is the shipped
 * offline HoT or the one named by {@code -Dmocap.e2e.lifter} ({@link E2eLifter#offlineSalsaModel()}).
 */
@Timeout(600)
class OfflineHeldOutSalsaTest {
    private static final Logger LOG = Logger.getLogger(OfflineHeldOutSalsaTest.class.getName());
    /**
     * Offline, the lifter's limb bone-direction error must be at most this share of its static baseline's, on average
     * over the five clips. Measured 2026-12-04 (seventh session, this test): hot-f27 0.839 (PA 91.5 mm, limbs 19.7
     * degrees on average; hot-f81 0.824, hot-live-f27 0.847, htnet-f27 0.855). A pose held still scores 1. Issue 13's
     * offline target is 0.80.
     */
    static final double MAX_LIMB_RATIO_TO_STATIC = 0.90;
    /** The same for PA-MPJPE: hot-f27 0.851 (hot-f81 0.845); issue 13's offline target is 0.92. */
    static final double MAX_PA_RATIO_TO_STATIC = 0.90;
    static final double TARGET_LIMB_RATIO_TO_STATIC = BakeEndToEndTest.TARGET_LIMB_RATIO_TO_STATIC;
    static final double TARGET_PA_RATIO_TO_STATIC = BakeEndToEndTest.TARGET_PA_RATIO_TO_STATIC;

    @Test
    void offlineLiftingOnHeldOutSalsaBeatsItsOwnStaticPose(@TempDir Path tmp) throws Exception {
        String character = RenderedTake.configuredCharacter();
        Path model = E2eLifter.offlineSalsaModel();
        LiftAccuracy.ClipMeans means = new LiftAccuracy.ClipMeans();
        VideoBaker baker = new VideoBaker(BakeOptions.defaults().withLifterModel(model)
                .withPose2dModel(PoseModelFile.landmarkModel(BakeEndToEndTest.pose2dModelName())), (s, d, t) -> { });
        for (RenderedTake.Motion motion : RenderedTake.HELD_OUT_SALSA) {
            RenderedTake clip = RenderedTake.get(character, motion);
            Path out = tmp.resolve(motion.name());
            BakeResult result = baker.bake(clip.video, out);
            assertTrue(result.framesWithPerson() >= motion.frames() * 9 / 10, motion.name()
                    + ": the dancer must be found in 90% of the frames, found in " + result.framesWithPerson());
            Pose3dSequence poses = Pose3dSequence.read(out.resolve("pose3d.json"));
            int[] frames = LiftAccuracy.allFrames(motion.frames());
            means.add(String.format(Locale.ROOT, "offline (%s %s, %d frames, lifter %s, baked at %.2fx real time)",
                    character, motion.name(), frames.length, model.getFileName(), result.realTimeFactor()),
                    LiftAccuracy.diagnose(clip, model, ClipLifter.Mode.OFFLINE, 0, frames,
                            i -> poses.frames().get(i).joints()));
        }
        String figures = means.figures("offline on the held-out salsa clips", MAX_LIMB_RATIO_TO_STATIC,
                TARGET_LIMB_RATIO_TO_STATIC, MAX_PA_RATIO_TO_STATIC, TARGET_PA_RATIO_TO_STATIC);
        LOG.warning(figures);
        System.out.println(figures);
        // A pose held still scores exactly 1 x static on both, so both bounds (below 1) fail it.
        assertTrue(means.limbRatio() <= MAX_LIMB_RATIO_TO_STATIC, "offline limb directions are not "
                + MAX_LIMB_RATIO_TO_STATIC + " x the lifter's own mean pose held still or better, on average over the"
                + " held-out clips:\n" + figures);
        assertTrue(means.paRatio() <= MAX_PA_RATIO_TO_STATIC, "offline PA-MPJPE is not " + MAX_PA_RATIO_TO_STATIC
                + " x the lifter's own mean pose held still or better, on average over the held-out clips:\n"
                + figures);
    }
}
