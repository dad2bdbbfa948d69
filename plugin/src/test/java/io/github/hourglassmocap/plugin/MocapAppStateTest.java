package io.github.hourglassmocap.plugin;

import static io.github.hourglassmocap.plugin.AppHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.anim.AnimClip;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import com.jme3.scene.shape.Box;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pipeline.PipelineMode;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.inference.pipeline.StreamingPipeline;
import io.github.hourglassmocap.inference.pipeline.TestStages.CentroidStage;
import io.github.hourglassmocap.inference.pipeline.TestStages.DelayLift;
import io.github.hourglassmocap.inference.pipeline.TestStages.SquareSource;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.github.hourglassmocap.plugin.internal.ScreenCapture;

/** Runs the AppState in a real jME application (under Xvfb in CI) with real but simple stages. */
@Timeout(120)
class MocapAppStateTest {
    private static AppHarness app;
    private MocapAppState state;
    private final Node scene = new Node("scene");
    @TempDir
    Path tmp;

    /** Turns the character's upper-arm-like joint by an angle that follows the tracked square's x. */
    static final class FollowX implements CharacterRetargeter {
        @Override
        public void apply(Pose3dSample pose, Armature armature) {
            float angle = pose.joints()[3 * H36mJoints.R_WRIST] * FastMath.PI;
            for (int i = 1; i < Math.min(armature.getJointCount(), 6); i++) {
                Joint j = armature.getJoint(i);
                j.setLocalRotation(new Quaternion().fromAngleAxis(angle, Vector3f.UNIT_Z));
            }
        }
    }

    @BeforeAll
    static void startApp() throws Exception {
        app = AppHarness.start(800, 600);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void detach() throws Exception {
        if (state != null) {
            app.detachAndAwaitRelease(state, 10_000);
        }
        app.run(scene::removeFromParent);
    }

    private Spatial jaime(float x) throws Exception {
        return app.call(() -> {
            Spatial m = app.getAssetManager().loadModel("Models/Jaime/Jaime.j3o");
            m.setName("Jaime" + (int) x);
            m.setLocalTranslation(x, 0, 0);
            scene.attachChild(m);
            if (scene.getParent() == null) {
                app.getRootNode().attachChild(scene);
            }
            return m;
        });
    }

    private MocapAppState attach(SquareSource src, CentroidStage s2, DelayLift lift) throws Exception {
        MocapAppState s = new MocapAppState(() -> src, () -> s2, () -> lift);
        app.run(() -> app.getStateManager().attach(s));
        state = s;
        return s;
    }

    private static Quaternion rotation(Spatial m, int joint) {
        return Armatures.getArmature(m).getJoint(joint).getLocalRotation().clone();
    }

    @Test
    void replayedVideoMovesSeveralCharactersAndTheScreenshotShowsThem() throws Exception {
        Spatial a = jaime(-1);
        Spatial b = jaime(1);
        Quaternion restA = app.call(() -> rotation(a, 2));
        SquareSource src = new SquareSource(90, 30, true, -1);
        MocapAppState s = attach(src, new CentroidStage(0), new DelayLift(0, -1));
        MocapControl ca = app.call(() -> s.addCharacter(a, new MocapControl(new FollowX())));
        MocapControl cb = app.call(() -> s.addCharacter(b, new MocapControl(new FollowX())));
        cb.setSmoothingSeconds(0.05f);
        waitFor(() -> ca.getPosesApplied() > 20, 20_000, "20 poses applied");
        Quaternion q1 = app.call(() -> rotation(a, 2));
        Thread.sleep(500);
        Quaternion q2 = app.call(() -> rotation(a, 2));
        assertFalse(restA.isSimilar(q1, 1e-3f), "joint 2 must leave its rest rotation");
        assertFalse(q1.isSimilar(q2, 1e-4f), "joint 2 must keep moving as the square moves");
        assertTrue(cb.getPosesApplied() > 20);
        assertFalse(app.call(() -> rotation(b, 2)).isSimilar(app.call(() -> restA), 1e-3f));
        assertTrue(s.getStats().inputFps() > 10, s.getStats().toString());
        assertTrue(s.getHud().getFiguresText().contains("fps"));

        ScreenCapture cap = new ScreenCapture();
        app.run(() -> app.getGuiViewPort().addProcessor(cap));
        CompletableFuture<BufferedImage> f = app.call(cap::request);
        BufferedImage img = f.get(10, TimeUnit.SECONDS);
        app.run(() -> app.getGuiViewPort().removeProcessor(cap));
        Path png = tmp.resolve("shot.png");
        ScreenCapture.writePng(img, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(800, back.getWidth());
        // The characters stand in the middle of the screen: count pixels unlike the background there.
        int bg = back.getRGB(790, 590) & 0xffffff;
        int differ = 0;
        for (int y = 150; y < 550; y += 2) {
            for (int x = 250; x < 550; x += 2) {
                int c = back.getRGB(x, y) & 0xffffff;
                if (colourDistance(c, bg) > 40) {
                    differ++;
                }
            }
        }
        assertTrue(differ > 1000, "too few character pixels in the screenshot: " + differ);
        // The HUD's video panel at the top left shows the frame (black with a white square), unlike the background.
        int hudPixel = back.getRGB(60, 200) & 0xffffff;
        assertTrue(colourDistance(hudPixel, bg) > 20, "HUD video panel not drawn");
    }

    @Test
    void hudAndRecordKeyAreAttachedOnlyWhileEnabled() throws Exception {
        SquareSource src = new SquareSource(90, 30, true, -1);
        MocapAppState s = attach(src, new CentroidStage(0), new DelayLift(0, -1));
        s.setRecordKey(com.jme3.input.KeyInput.KEY_F9, tmp, List.of());
        waitFor(s::isInitialized, 10_000, "the state to initialise");
        java.util.concurrent.Callable<String> where = () -> (s.getHud().getParent() == app.getGuiNode() ? "hud" : "-")
                + (app.getInputManager().hasMapping("MocapAppState.toggleRecording") ? "+key" : "-");
        assertEquals("hud+key", app.call(where));
        app.run(() -> s.setEnabled(false));
        assertEquals("--", app.call(where), "a disabled state must show no HUD and bind no key");
        app.run(() -> s.setEnabled(true));
        assertEquals("hud+key", app.call(where));
    }

    @Test
    void aClonedCharacterFollowsOnItsOwnOnceAdded() throws Exception {
        Spatial a = jaime(-1);
        MocapAppState s = attach(new SquareSource(10_000, 30, true, -1), new CentroidStage(0), new DelayLift(0, -1));
        MocapControl ca = app.call(() -> s.addCharacter(a, new MocapControl(new FollowX())));
        waitFor(() -> ca.getPosesApplied() > 5, 20_000, "5 poses applied to the original");
        Spatial b = app.call(() -> {
            Spatial c = a.clone();
            c.setName("JaimeClone");
            c.setLocalTranslation(1, 0, 0);
            scene.attachChild(c);
            return c;
        });
        Quaternion rest = app.call(() -> rotation(b, 2));
        MocapControl cb = app.call(() -> s.addCharacter(b));
        assertSame(Armatures.getArmature(b), cb.armature());
        assertTrue(cb.getPosesApplied() <= 1, "a clone starts its own count: " + cb.getPosesApplied());
        waitFor(() -> cb.getPosesApplied() > 10, 20_000, "10 poses applied to the clone");
        assertFalse(rest.isSimilar(app.call(() -> rotation(b, 2)), 1e-3f), "the clone must move");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.addCharacter(app.getAssetManager().loadModel("Models/Jaime/Jaime.j3o")));
        assertTrue(e.getMessage().contains("has no MocapControl"), e.getMessage());
    }

    private static int colourDistance(int a, int b) {
        return Math.abs((a >> 16 & 255) - (b >> 16 & 255)) + Math.abs((a >> 8 & 255) - (b >> 8 & 255))
                + Math.abs((a & 255) - (b & 255));
    }

    @Test
    void recordingSavesAClipThatLoadsBack() throws Exception {
        Spatial a = jaime(0);
        MocapAppState s = attach(new SquareSource(10_000, 30, true, -1), new CentroidStage(0), new DelayLift(2, -1));
        app.call(() -> s.addCharacter(a, new MocapControl(new FollowX())));
        List<List<Path>> saved = new CopyOnWriteArrayList<>();
        s.addListener(new MocapListener() {
            @Override
            public void onRecordingSaved(List<Path> files, boolean autosave) {
                saved.add(files);
            }
        });
        Path out = tmp.resolve("takes");
        s.setAutosaveSeconds(0.5f);
        app.run(() -> s.startRecording(out, "take1", List.of()));
        waitFor(() -> saved.size() >= 1, 10_000, "an autosave");
        assertTrue(Files.exists(out.resolve("take1-Jaime0.j3o")), "autosave must write the j3o");
        Thread.sleep(800);
        List<Path> files = app.call(s::stopRecording);
        assertEquals(List.of(out.resolve("take1-Jaime0.j3o")), files);
        try (var dir = Files.list(out)) {
            assertEquals(1, dir.count(), "no temporary files may remain");
        }
        AnimClip clip = app.call(() -> {
            app.getAssetManager().registerLocator(out.toString(), FileLocator.class);
            try {
                return (AnimClip) app.getAssetManager().loadAsset("take1-Jaime0.j3o");
            } finally {
                app.getAssetManager().unregisterLocator(out.toString(), FileLocator.class);
            }
        });
        assertEquals("take1", clip.getName());
        assertTrue(clip.getLength() > 0.8, "clip length " + clip.getLength());
        assertTrue(clip.getTracks().length > 5);
        assertFalse(s.isRecording());
    }

    @Test
    void theJvmEndingMidRecordingSavesTheTakeSoFar() throws Exception {
        Spatial a = jaime(0);
        MocapAppState s = attach(new SquareSource(10_000, 30, true, -1), new CentroidStage(0), new DelayLift(2, -1));
        app.call(() -> s.addCharacter(a, new MocapControl(new FollowX())));
        Path out = tmp.resolve("cut");
        s.setAutosaveSeconds(600f); // no autosave: only the hook can save it
        assertEquals(null, s.getShutdownSaver());
        app.run(() -> s.startRecording(out, "cut", List.of()));
        waitFor(() -> s.getShutdownSaver() != null, 5_000, "the shutdown hook");
        Thread hook = s.getShutdownSaver();
        Thread.sleep(1000);
        assertFalse(Files.exists(out.resolve("cut-Jaime0.j3o")));
        // What the JVM runs on Ctrl+C or SIGTERM, on its own thread while the render thread goes on.
        hook.run();
        assertTrue(Files.size(out.resolve("cut-Jaime0.j3o")) > 100, "the take so far must be saved");
        try (var dir = Files.list(out)) {
            assertEquals(1, dir.count(), "no temporary files may remain");
        }
        AnimClip clip = app.call(() -> {
            app.getAssetManager().registerLocator(out.toString(), FileLocator.class);
            try {
                return (AnimClip) app.getAssetManager().loadAsset("cut-Jaime0.j3o");
            } finally {
                app.getAssetManager().unregisterLocator(out.toString(), FileLocator.class);
            }
        });
        assertTrue(clip.getLength() > 0.5, "clip length " + clip.getLength());
        // A stopped recording removes the hook (removing it again would be refused by the JVM).
        app.call(s::stopRecording);
        assertEquals(null, s.getShutdownSaver());
        assertFalse(Runtime.getRuntime().removeShutdownHook(hook), "the hook must be removed once the take is saved");
    }

    @Test
    void webcamThatDisappearsMidRecordingKeepsTheTakeSoFar() throws Exception {
        Spatial a = jaime(0);
        List<Exception> ended = new CopyOnWriteArrayList<>();
        List<Path> saved = new CopyOnWriteArrayList<>();
        SquareSource src = new SquareSource(10_000, 30, true, 45);
        MocapAppState s = new MocapAppState(() -> src, () -> new CentroidStage(0), () -> new DelayLift(0, -1));
        s.addListener(new MocapListener() {
            @Override
            public void onStreamEnded(Exception failure) {
                ended.add(failure);
            }

            @Override
            public void onRecordingSaved(List<Path> files, boolean autosave) {
                if (!autosave) {
                    saved.addAll(files);
                }
            }
        });
        Path out = tmp.resolve("rec");
        app.run(() -> {
            s.addCharacter(a, new MocapControl(new FollowX()));
            s.startRecording(out, "unplugged", List.of());
            app.getStateManager().attach(s);
        });
        state = s;
        waitFor(() -> !ended.isEmpty(), 15_000, "the stream to end");
        assertNotNull(ended.get(0));
        assertTrue(ended.get(0).getMessage().contains("unplugged at frame 45"), ended.get(0).getMessage());
        assertEquals(StreamingPipeline.State.FAILED, s.getPipelineState());
        assertEquals(List.of(out.resolve("unplugged-Jaime0.j3o")), saved);
        assertFalse(s.isRecording());
        waitFor(() -> s.getHud().getFiguresText().contains("unplugged"), 5_000, "the HUD to show the failure");
        assertEquals(1, src.closes.get());
    }

    @Test
    void theLifterIsChosenByNameAndAnUnknownNameIsReportedWhenTheStageIsMade() throws Exception {
        Spatial a = jaime(0);
        List<Exception> ended = new CopyOnWriteArrayList<>();
        // A new source per pipeline: switching the lifter restarts the pipeline, which closes the old source.
        MocapAppState s = new MocapAppState(() -> new SquareSource(100_000, 30, true, -1), () -> new CentroidStage(0),
                MocapStages.lifter("htnet", 2, 1));
        s.addListener(new MocapListener() {
            @Override
            public void onStreamEnded(Exception failure) {
                ended.add(failure == null ? new Exception("normal end") : failure);
            }
        });
        MocapControl c = app.call(() -> s.addCharacter(a, new MocapControl(new FollowX())));
        app.run(() -> app.getStateManager().attach(s));
        state = s;
        waitFor(() -> c.getPosesApplied() > 10, 30_000, "10 poses lifted by the shipped HTNet");
        assertTrue(ended.isEmpty(), ended.toString());
        app.run(() -> s.setLiftStage(MocapStages.lifter("gigapose-f243", 2, 1)));
        waitFor(() -> !ended.isEmpty(), 20_000, "the unknown lifter to be reported");
        String msg = ended.get(0).getMessage();
        assertTrue(msg.contains("unknown lifter 'gigapose-f243'") && msg.contains("htnet-f27 (htnet)"), msg);
        assertEquals(StreamingPipeline.State.FAILED, s.getPipelineState());
        waitFor(() -> s.getHud().getFiguresText().contains("gigapose-f243"), 5_000, "the HUD to name the lifter");
    }

    @Test
    void unwritableFolderIsReportedAndTheRecordingCanBeSavedElsewhere() throws Exception {
        Spatial a = jaime(0);
        MocapAppState s = attach(new SquareSource(10_000, 30, true, -1), new CentroidStage(0), new DelayLift(0, -1));
        app.call(() -> s.addCharacter(a, new MocapControl(new FollowX())));
        List<Exception> failures = new CopyOnWriteArrayList<>();
        s.addListener(new MocapListener() {
            @Override
            public void onRecordingFailed(Exception failure) {
                failures.add(failure);
            }
        });
        Path notAFolder = Files.writeString(tmp.resolve("file.txt"), "x");
        s.setAutosaveSeconds(1000);
        app.run(() -> s.startRecording(notAFolder.resolve("sub"), "t", List.of()));
        Thread.sleep(700);
        List<Path> files = app.call(s::stopRecording);
        assertTrue(files.isEmpty());
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).getMessage().contains("cannot write"), failures.get(0).getMessage());
        List<Path> again = app.call(() -> s.saveLastRecording(tmp.resolve("good")));
        assertEquals(1, again.size());
        assertTrue(Files.size(again.get(0)) > 100);
    }

    @Test
    void switchingSourceAndModelAtRunTimeReleasesTheOldOnes() throws Exception {
        Spatial a = jaime(0);
        SquareSource src1 = new SquareSource(100_000, 30, true, -1);
        List<CentroidStage> stages = new CopyOnWriteArrayList<>();
        List<DelayLift> lifts = new CopyOnWriteArrayList<>();
        MocapAppState s = new MocapAppState(() -> src1, () -> {
            CentroidStage st = new CentroidStage(0);
            stages.add(st);
            return st;
        }, () -> {
            DelayLift l = new DelayLift(0, -1);
            lifts.add(l);
            return l;
        });
        app.run(() -> app.getStateManager().attach(s));
        state = s;
        MocapControl c = app.call(() -> s.addCharacter(a, new MocapControl(new FollowX())));
        waitFor(() -> c.getPosesApplied() > 5, 10_000, "poses from the first source");
        List<SquareSource> sources = new CopyOnWriteArrayList<>();
        app.run(() -> s.setSource(() -> {
            SquareSource src = new SquareSource(100_000, 30, true, -1);
            sources.add(src);
            return src;
        }));
        waitFor(() -> src1.closes.get() == 1, 10_000, "the first source to close");
        waitFor(() -> stages.size() == 2 && stages.get(0).closes.get() == 1, 10_000, "the first 2D stage to close");
        assertEquals(1, lifts.get(0).closes.get());
        long before = c.getPosesApplied();
        waitFor(() -> c.getPosesApplied() > before + 5, 10_000, "poses from the second source");
        CentroidStage st2 = new CentroidStage(0);
        app.run(() -> s.setPose2dStage(() -> st2));
        waitFor(() -> sources.get(0).closes.get() == 1, 10_000, "the second source to close");
        long before2 = c.getPosesApplied();
        waitFor(() -> c.getPosesApplied() > before2 + 5, 10_000, "poses with the new model");
        app.run(() -> app.getStateManager().detach(s));
        waitFor(() -> !s.isInitialized(), 10_000, "the state to be cleaned up");
        s.awaitReleased();
        state = null;
        assertEquals(1, st2.closes.get());
        assertEquals(2, sources.size());
        for (SquareSource src : sources) {
            assertEquals(1, src.closes.get());
        }
        for (CentroidStage st : stages) {
            assertEquals(1, st.closes.get());
        }
        for (DelayLift l : lifts) {
            assertEquals(1, l.closes.get());
        }
        assertNull(s.getPipelineState());
    }

    @Test
    void pauseHoldsThePoseAndResumeContinues() throws Exception {
        Spatial a = jaime(0);
        MocapAppState s = attach(new SquareSource(100_000, 30, true, -1), new CentroidStage(0), new DelayLift(0, -1));
        MocapControl c = app.call(() -> s.addCharacter(a, new MocapControl(new FollowX())));
        waitFor(() -> c.getPosesApplied() > 5, 10_000, "poses");
        app.run(s::pause);
        Thread.sleep(300);
        long held = c.getPosesApplied();
        Thread.sleep(500);
        assertTrue(c.getPosesApplied() - held <= 1, "poses kept coming while paused");
        app.run(s::resume);
        waitFor(() -> c.getPosesApplied() > held + 5, 10_000, "poses after resume");
    }

    @Test
    void longStretchWithNobodyHoldsThePoseWithoutErrors() throws Exception {
        Spatial a = jaime(0);
        // The square leaves the 641-px frame after about 200 frames: then nobody is in view.
        // Record mode while idle: a replayed file loses no frame, so the count of empty frames is exact.
        SquareSource src = new SquareSource(300, 120, true, -1);
        MocapAppState s = new MocapAppState(() -> src, () -> new CentroidStage(0), () -> new DelayLift(0, -1));
        s.setIdleMode(PipelineMode.RECORD);
        app.run(() -> app.getStateManager().attach(s));
        state = s;
        MocapControl c = app.call(() -> s.addCharacter(a, new MocapControl(new FollowX())));
        List<Exception> ended = new CopyOnWriteArrayList<>();
        s.addListener(new MocapListener() {
            @Override
            public void onStreamEnded(Exception failure) {
                ended.add(failure == null ? new Exception("normal end") : failure);
            }
        });
        java.util.concurrent.atomic.AtomicInteger nobody = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong appliedAtLastPerson = new java.util.concurrent.atomic.AtomicLong();
        s.addListener(new MocapListener() {
            @Override
            public void onResult(io.github.hourglassmocap.inference.pipeline.PipelineResult r) {
                if (r.pose2d().hasPerson()) {
                    appliedAtLastPerson.set(c.getPosesApplied());
                } else {
                    nobody.incrementAndGet();
                }
            }
        });
        waitFor(() -> !ended.isEmpty(), 20_000, "the end of the source");
        assertEquals("normal end", ended.get(0).getMessage());
        // x0 = 10 + 3i >= 641 from frame 211 on: 89 frames with nobody
        assertEquals(89, nobody.get());
        // one pose handed over in the update where the last person was seen may still apply after it
        assertTrue(c.getPosesApplied() - appliedAtLastPerson.get() <= 1,
                "poses with nobody in view must not be applied");
        // live results are applied once per rendered frame (the newest wins), so this count depends on the frame rate
        assertTrue(c.getPosesApplied() > 5, "applied " + c.getPosesApplied() + ", last person at " + appliedAtLastPerson + ", nobody " + nobody);
        assertNull(s.getLastFailure());
    }

    @Test
    void characterWithoutSkeletonIsRejectedWithAClearMessage() throws Exception {
        MocapAppState s = new MocapAppState(() -> new SquareSource(1, 30, false, -1), () -> new CentroidStage(0),
                () -> new DelayLift(0, -1));
        Geometry box = new Geometry("crate", new Box(1, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.addCharacter(box, new MocapControl(new FollowX())));
        assertTrue(e.getMessage().contains("'crate' has no skeleton"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.startRecording(tmp, "bad name!", List.of()));
    }
}
