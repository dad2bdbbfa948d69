package io.github.hourglassmocap.tests;

import static io.github.hourglassmocap.plugin.AppHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.AnimClip;
import com.jme3.anim.Armature;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.math.Quaternion;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.ClipLifter;
import io.github.hourglassmocap.inference.lift.LifterOptions;
import io.github.hourglassmocap.inference.lift.LiveLifter;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.pipeline.PipelineResult;
import io.github.hourglassmocap.inference.pipeline.StageFactory;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.FrameSource;
import io.github.hourglassmocap.inference.video.ReplayAsLiveSource;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import io.github.hourglassmocap.plugin.AppHarness;
import io.github.hourglassmocap.plugin.Armatures;
import io.github.hourglassmocap.plugin.MocapAppState;
import io.github.hourglassmocap.plugin.MocapControl;
import io.github.hourglassmocap.plugin.MocapListener;
import io.github.hourglassmocap.plugin.MocapStages;
import io.github.hourglassmocap.plugin.internal.ScreenCapture;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AppState with the real stages (BlazePose lite, the HoT lifter streaming with no look-ahead, the live retargeter
 * on Jaime) on the rendered take replayed as live, in a real jME window (under Xvfb in CI). The lifter is the shipped
 * live HoT (the plugin's default at look-ahead 0) or the one named by {@code -Dmocap.e2e.lifter}
 * ({@link E2eLifter#liveModel()}); its live accuracy is checked against the truth and against its own mean pose held
 * still, as {@link BakeEndToEndTest} does offline, on five held-out salsa clips ({@link RenderedTake#HELD_OUT_SALSA}).
 */
@Timeout(300)
class MocapAppStateEndToEndTest {
    private static final Logger LOG = Logger.getLogger(MocapAppStateEndToEndTest.class.getName());
    /** The live lifter's look-ahead (frames): none, the lowest latency and the hardest case. */
    static final int LOOKAHEAD = 0;
    /**
     * Live, the lifter's limb bone-direction error must be at most this share of its own static baseline's (its mean
     * pose held still), on average over the five held-out salsa clips ({@link RenderedTake#HELD_OUT_SALSA}; salsa
     * takes that neither shipped HoT trained on). Measured 2026-12-04 (sixth session) at look-ahead 0: hot-live-f27
     * 0.882 (PA 89.7 mm, limbs 21.2 degrees on average), hot-f27 0.903 (98.6 mm, 22.7 degrees); 2026-12-05 (ninth
     * session) with hot-live-f27's new weights (trained partly on BlazePose's 2D of rendered training takes) 0.829
     * (PA 87.2 mm, limbs 18.9 degrees), meeting issue 13's target for the first time. A pose held still
     * scores 1. Until the sixth session this test measured the walk, on which hot-live-f27 had trained (the split
     * erratum of docs/training.md). Issue 13's target is 0.85.
     */
    static final double MAX_LIMB_RATIO_TO_STATIC = 0.92;
    /**
     * Live, the lifter's PA-MPJPE must be at most this share of its own static baseline's, on average over the same
     * clips: measured 0.877 with hot-live-f27 (0.875 with its ninth-session weights), 0.894 with hot-f27; issue 13's
     * target is 0.95.
     */
    static final double MAX_PA_RATIO_TO_STATIC = 0.92;
    /** Issue 13's live targets for the limb and PA ratios (reported on every run, not asserted). */
    static final double TARGET_LIMB_RATIO_TO_STATIC = 0.85;
    static final double TARGET_PA_RATIO_TO_STATIC = 0.95;
    private static AppHarness app;
    private static RenderedTake take;
    private MocapAppState state;
    private Spatial jaime;
    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        take = RenderedTake.get();
        // Rendered before the app's window opens: two GL contexts in one JVM at once crash Mesa.
        for (RenderedTake.Motion m : RenderedTake.HELD_OUT_SALSA) {
            RenderedTake.get(RenderedTake.configuredCharacter(), m);
        }
        app = AppHarness.start(800, 600);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void detach() throws Exception {
        if (state != null) {
            app.detachAndAwaitRelease(state, 20_000);
            state = null;
        }
        if (jaime != null) {
            Spatial j = jaime;
            app.run(j::removeFromParent);
            jaime = null;
        }
    }

    /** The walk replayed at its real rate; frames [blankFrom, blankTo) blacked out; throws at failAt. */
    private static StageFactory<FrameSource> replay(int failAt, int blankFrom, int blankTo) {
        return replay(take, failAt, blankFrom, blankTo);
    }

    /** A rendered take replayed at its real rate; frames [blankFrom, blankTo) blacked out; throws at failAt. */
    private static StageFactory<FrameSource> replay(RenderedTake take, int failAt, int blankFrom, int blankTo) {
        return () -> {
            // Paced at the real rate, without skipping late frames, so the frame counts below are exact.
            FrameSource inner = new ReplayAsLiveSource(VideoFileSource.open(take.video),
                    io.github.hourglassmocap.inference.video.LiveClock.system(), false);
            return new FrameSource() {
                int n;

                @Override
                public Frame grab() throws DecodeException {
                    if (n == failAt) {
                        throw new DecodeException("webcam:0: device disappeared (unplugged) at frame " + n);
                    }
                    Frame f = inner.grab();
                    n++;
                    if (f != null && n - 1 >= blankFrom && n - 1 < blankTo) {
                        ByteBuffer black = ByteBuffer.allocate(f.width() * 3 * f.height());
                        return new Frame(f.width(), f.height(), f.width() * 3, black, f.timestampNanos(), f.frameIndex());
                    }
                    return f;
                }

                @Override
                public double frameRateHz() {
                    return inner.frameRateHz();
                }

                @Override
                public boolean isLive() {
                    return true;
                }

                @Override
                public String describe() {
                    return "replay:" + take.video.getFileName();
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        };
    }

    private MocapControl attach(StageFactory<FrameSource> source, List<Exception> ended,
            List<PipelineResult> results) throws Exception {
        MocapAppState s = new MocapAppState(source, MocapStages.pose2d(PoseModelFile.LITE, 2),
                () -> LiveLifter.open(E2eLifter.liveModel(), LifterOptions.defaults(), LOOKAHEAD, 1));
        s.addListener(new MocapListener() {
            @Override
            public void onStreamEnded(Exception failure) {
                ended.add(failure == null ? new Exception("end") : failure);
            }

            @Override
            public void onResult(PipelineResult r) {
                results.add(r);
            }
        });
        MocapControl c = app.call(() -> {
            jaime = BuiltInCharacters.load(app.getAssetManager(), BuiltInCharacters.assetPath("jaime"));
            jaime.setName("jaime");
            jaime.setLocalScale(1f);
            app.getRootNode().attachChild(jaime);
            return s.addCharacter(jaime, MocapStages.builtInControl(jaime, "jaime", true));
        });
        state = s;
        return c;
    }

    private static Quaternion[] rotations(Armature a) {
        Quaternion[] q = new Quaternion[a.getJointCount()];
        for (int i = 0; i < q.length; i++) {
            q[i] = a.getJoint(i).getLocalRotation().clone();
        }
        return q;
    }

    @Test
    void replayedTakeMovesJaimeAndTheRecordingLoadsBack() throws Exception {
        List<Exception> ended = new CopyOnWriteArrayList<>();
        List<PipelineResult> results = new CopyOnWriteArrayList<>();
        MocapControl c = attach(replay(-1, -1, -1), ended, results);
        Quaternion[] rest = app.call(() -> rotations(Armatures.getArmature(jaime)));
        Path rec = tmp.resolve("rec");
        app.run(() -> {
            state.startRecording(rec, "take", List.of());
            app.getStateManager().attach(state);
        });
        waitFor(() -> c.getPosesApplied() > 15, 60_000, "poses on Jaime");
        Quaternion[] moving = app.call(() -> rotations(Armatures.getArmature(jaime)));
        int changed = 0;
        for (int i = 0; i < rest.length; i++) {
            if (!rest[i].isSimilar(moving[i], 0.02f)) {
                changed++;
            }
        }
        assertTrue(changed >= 8, "Jaime's joints must move: " + changed + " changed");

        ScreenCapture cap = new ScreenCapture();
        app.run(() -> app.getGuiViewPort().addProcessor(cap));
        BufferedImage img = app.call(cap::request).get(20, TimeUnit.SECONDS);
        app.run(() -> app.getGuiViewPort().removeProcessor(cap));
        // Kept under target/ for a look after the run (CI can archive it).
        Path png = Path.of("target", "screenshots", "mocap-appstate-e2e.png");
        ScreenCapture.writePng(img, png);
        assertTrue(Files.size(png) > 1000);
        int bg = img.getRGB(790, 10) & 0xffffff;
        int character = 0;
        for (int y = 200; y < 580; y += 2) {
            for (int x = 300; x < 500; x += 2) {
                int p = img.getRGB(x, y) & 0xffffff;
                if (Math.abs((p >> 16 & 255) - (bg >> 16 & 255)) + Math.abs((p >> 8 & 255) - (bg >> 8 & 255))
                        + Math.abs((p & 255) - (bg & 255)) > 40) {
                    character++;
                }
            }
        }
        assertTrue(character > 800, "Jaime must be on screen: " + character + " pixels");

        waitFor(() -> !ended.isEmpty(), 60_000, "the end of the take");
        assertEquals("end", ended.get(0).getMessage());
        List<Path> files = app.call(state::stopRecording);
        assertEquals(List.of(rec.resolve("take-jaime.j3o")), files);
        AnimClip clip = app.call(() -> {
            app.getAssetManager().registerLocator(rec.toString(), FileLocator.class);
            return (AnimClip) app.getAssetManager().loadAsset("take-jaime.j3o");
        });
        // record mode while recording: every frame of the take comes through
        assertEquals(RenderedTake.FRAMES, results.size());
        assertTrue(clip.getLength() > 1.5, "clip length " + clip.getLength());
    }

    @Test
    void liveLiftingOnHeldOutSalsaBeatsItsOwnStaticPose() throws Exception {
        String character = RenderedTake.configuredCharacter();
        LiftAccuracy.ClipMeans means = new LiftAccuracy.ClipMeans();
        for (RenderedTake.Motion motion : RenderedTake.HELD_OUT_SALSA) {
            RenderedTake clip = RenderedTake.get(character, motion);
            List<Exception> ended = new CopyOnWriteArrayList<>();
            List<PipelineResult> results = new CopyOnWriteArrayList<>();
            attach(replay(clip, -1, -1, -1), ended, results);
            app.run(() -> {
                // Record mode: every frame of the take comes through, none dropped as late.
                state.setIdleMode(io.github.hourglassmocap.inference.pipeline.PipelineMode.RECORD);
                app.getStateManager().attach(state);
            });
            waitFor(() -> !ended.isEmpty(), 60_000, "the end of " + motion.name());
            assertEquals("end", ended.get(0).getMessage());
            detach();
            Map<Integer, float[][]> poses = new HashMap<>();
            for (PipelineResult r : results) {
                if (r.pose3d() != null && r.pose3d().valid() && r.frameIndex() < motion.frames()) {
                    float[] flat = r.pose3d().joints();
                    float[][] p = new float[H36mJoints.COUNT][];
                    for (int j = 0; j < H36mJoints.COUNT; j++) {
                        p[j] = new float[] {flat[3 * j], flat[3 * j + 1], flat[3 * j + 2]};
                    }
                    poses.put((int) r.frameIndex(), p);
                }
            }
            assertTrue(poses.size() >= motion.frames() * 8 / 10, motion.name() + ": live poses for 80% of the frames: "
                    + poses.size());
            int[] frames = poses.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            means.add(String.format(Locale.ROOT, "live (%s %s, %d of %d frames with a pose, lifter %s, streaming,"
                    + " look-ahead %d)", character, motion.name(), frames.length, motion.frames(),
                    E2eLifter.liveModel().getFileName(), LOOKAHEAD), LiftAccuracy.diagnose(clip,
                    E2eLifter.liveModel(), ClipLifter.Mode.STREAMING, LOOKAHEAD, frames, poses::get));
        }
        double limbRatio = means.limbRatio();
        double paRatio = means.paRatio();
        String figures = means.figures("live on the held-out salsa clips", MAX_LIMB_RATIO_TO_STATIC,
                TARGET_LIMB_RATIO_TO_STATIC, MAX_PA_RATIO_TO_STATIC, TARGET_PA_RATIO_TO_STATIC);
        LOG.warning(figures);
        System.out.println(figures);
        // A pose held still scores exactly 1 x static on both, so both bounds (below 1) fail it.
        assertTrue(limbRatio <= MAX_LIMB_RATIO_TO_STATIC, "live limb directions are not " + MAX_LIMB_RATIO_TO_STATIC
                + " x the lifter's own mean pose held still or better, on average over the held-out clips:\n" + figures);
        assertTrue(paRatio <= MAX_PA_RATIO_TO_STATIC, "live PA-MPJPE is not " + MAX_PA_RATIO_TO_STATIC
                + " x the lifter's own mean pose held still or better, on average over the held-out clips:\n" + figures);
    }

    @Test
    void webcamThatDisappearsMidRecordingKeepsTheTakeSoFar() throws Exception {
        List<Exception> ended = new CopyOnWriteArrayList<>();
        List<PipelineResult> results = new CopyOnWriteArrayList<>();
        attach(replay(40, -1, -1), ended, results);
        Path rec = tmp.resolve("rec");
        List<Path> saved = new CopyOnWriteArrayList<>();
        state.addListener(new MocapListener() {
            @Override
            public void onRecordingSaved(List<Path> files, boolean autosave) {
                if (!autosave) {
                    saved.addAll(files);
                }
            }
        });
        app.run(() -> {
            state.startRecording(rec, "unplugged", List.of());
            app.getStateManager().attach(state);
        });
        waitFor(() -> !ended.isEmpty(), 60_000, "the failure");
        assertTrue(ended.get(0).getMessage().contains("device disappeared"), ended.get(0).getMessage());
        assertEquals(List.of(rec.resolve("unplugged-jaime.j3o")), saved);
        assertEquals(40, results.size(), "every frame before the failure is kept");
        AnimClip clip = app.call(() -> {
            app.getAssetManager().registerLocator(rec.toString(), FileLocator.class);
            return (AnimClip) app.getAssetManager().loadAsset("unplugged-jaime.j3o");
        });
        assertTrue(clip.getLength() > 1.0, "the take so far: " + clip.getLength() + " s");
    }

    @Test
    void longStretchWithNobodyHoldsThePose() throws Exception {
        List<Exception> ended = new CopyOnWriteArrayList<>();
        List<PipelineResult> results = new CopyOnWriteArrayList<>();
        MocapControl c = attach(replay(-1, 20, 60), ended, results);
        app.run(() -> {
            state.setIdleMode(io.github.hourglassmocap.inference.pipeline.PipelineMode.RECORD);
            app.getStateManager().attach(state);
        });
        waitFor(() -> !ended.isEmpty(), 60_000, "the end of the take");
        assertEquals("end", ended.get(0).getMessage());
        AtomicInteger nobody = new AtomicInteger();
        int invalid = 0;
        for (PipelineResult r : results) {
            if (!r.pose2d().hasPerson()) {
                nobody.incrementAndGet();
            }
            assertNotNull(r.pose3d());
            if (!r.pose3d().valid()) {
                invalid++;
            }
        }
        assertTrue(nobody.get() >= 35, "frames 20..59 are black: " + nobody.get() + " without a person");
        assertTrue(invalid >= 20, "a long gap is marked invalid: " + invalid);
        assertTrue(c.getPosesApplied() > 5);
        assertNull(state.getLastFailure());
    }
}
