package consumer;

import com.jme3.anim.AnimClip;
import com.jme3.anim.Armature;
import com.jme3.app.SimpleApplication;
import com.jme3.export.binary.BinaryExporter;
import com.jme3.export.binary.BinaryImporter;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import com.jme3.system.AppSettings;
import com.jme3.system.JmeContext;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.LifterOptions;
import io.github.hourglassmocap.inference.lift.PoseLifter;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.plugin.Armatures;
import io.github.hourglassmocap.plugin.ClipExporter;
import io.github.hourglassmocap.plugin.MocapControl;
import io.github.hourglassmocap.plugin.MocapStages;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.record.ClipRecorder;
import io.github.hourglassmocap.retarget.record.KeyReduction;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A tiny jME application that depends on hourglass-mocap's installed artifacts only: it finds the shipped lifter
 * and the joint table on the classpath (no checkout, no mocap.home), lifts hand-made 2D poses with it, drives
 * Jaime through a MocapControl, records the take into a clip and writes it with the standard exporters, then
 * checks that a clone and a j3o round trip of the character still follow. It uses the public API only (no
 * package named {@code internal}; run.sh refuses one).
 * Headless (no window). Exits 0 when every check passes, 1 otherwise, naming the failed check.
 */
public final class ConsumerApp extends SimpleApplication {
    private static final Logger LOG = Logger.getLogger(ConsumerApp.class.getName());
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<String> failures = new ArrayList<>();

    /**
     * Runs the checks headless and exits with 0 if all passed, 1 otherwise.
     *
     * @param args ignored
     * @throws Exception if the application cannot start
     */
    public static void main(String[] args) throws Exception {
        ConsumerApp app = new ConsumerApp();
        AppSettings s = new AppSettings(true);
        s.setAudioRenderer(null);
        app.setSettings(s);
        app.setShowSettings(false);
        app.start(JmeContext.Type.Headless);
        boolean finished = app.done.await(120, TimeUnit.SECONDS);
        app.stop(true);
        if (!finished) {
            LOG.severe("FAILED: the checks did not finish within 120 s");
            System.exit(1);
        }
        if (!app.failures.isEmpty()) {
            LOG.severe("FAILED: " + app.failures);
            System.exit(1);
        }
        LOG.info("consumer check passed");
        System.exit(0);
    }

    /** Runs every check on the render thread, once. */
    @Override
    public void simpleInitApp() {
        try {
            runChecks();
        } catch (Exception | AssertionError e) {
            failures.add("unexpected " + e);
            LOG.log(java.util.logging.Level.SEVERE, "check threw", e);
        } finally {
            done.countDown();
        }
    }

    private void check(boolean ok, String what) {
        if (ok) {
            LOG.info("ok: " + what);
        } else {
            failures.add(what);
            LOG.severe("FAILED: " + what);
        }
    }

    private void runChecks() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        check(System.getProperty(ShippedLifters.HOME_PROPERTY) == null, "no mocap.home is set");
        check(!Files.exists(cwd.resolve("assets")), "the working directory " + cwd + " has no assets folder");

        check(H36mJoints.COUNT == 17 && H36mJoints.names().size() == 17 && "pelvis".equalsIgnoreCase(H36mJoints.names().get(0)),
                "the joint table comes from the classpath: " + H36mJoints.names());

        Path model = ShippedLifters.get(ShippedLifters.HOT);
        check(!model.toAbsolutePath().startsWith(cwd) && Files.isRegularFile(model),
                "the shipped HoT lifter is found outside the working directory: " + model);
        Path live = ShippedLifters.resolve(ShippedLifters.HOT_LIVE);   // the live path's default
        check(Files.isRegularFile(live) && !live.equals(model), "the shipped live HoT lifter is found too: " + live);

        float[][] spread;
        float[][] down;
        try (PoseLifter lifter = PoseLifter.open(model, LifterOptions.defaults())) {
            spread = lift(lifter, false);
            down = lift(lifter, true);
        }
        float span = Math.abs(spread[H36mJoints.L_WRIST][0] - spread[H36mJoints.R_WRIST][0]);
        float spanDown = Math.abs(down[H36mJoints.L_WRIST][0] - down[H36mJoints.R_WRIST][0]);
        check(span > spanDown + 0.3f, "the lifter spreads the wrists when the 2D arms spread: " + span + " m vs "
                + spanDown + " m");

        Spatial jaime = BuiltInCharacters.load(assetManager, BuiltInCharacters.assetPath("jaime"));
        rootNode.attachChild(jaime);
        MocapControl control = MocapStages.builtInControl(jaime, "jaime", true);
        jaime.addControl(control);
        float swung = swing(control, jaime, spread, down);
        check(swung > 30, "Jaime's upper arm follows the lifted arms down (swung " + swung + " degrees)");

        Spatial clone = jaime.clone();
        MocapControl cc = clone.getControl(MocapControl.class);
        Vector3f originalArm = upperArm(Armatures.getArmature(jaime));
        float cloneSwung = swing(cc, clone, spread, down);
        check(cc.armature() == Armatures.getArmature(clone) && cloneSwung > 30
                && originalArm.distance(upperArm(Armatures.getArmature(jaime))) < 1e-4f,
                "a clone follows on its own and leaves the original alone (swung " + cloneSwung + " degrees)");

        // Recording and the exporters, through the public API: the armature sampled after each pose into a clip,
        // written as BVH and glTF binary by the standard ClipExporters.
        ClipRecorder recorder = ClipRecorder.allJoints(Armatures.getArmature(jaime));
        long frame = 1000;
        for (int i = 0; i < 30; i++) {
            control.setPose(sample(frame++, i % 2 == 0 ? spread : down));
            control.update(1 / 30f);
            recorder.record(i / 30.0);
        }
        AnimClip take = recorder.build("take", KeyReduction.NONE);
        Path out = Files.createTempDirectory("consumer-take");
        for (ClipExporter exporter : List.of(ClipExporter.bvh(30), ClipExporter.glb(assetManager))) {
            Path file = out.resolve("take." + exporter.extension());
            exporter.export(take, jaime, file);
            check(Files.size(file) > 1000, "the " + exporter.extension() + " exporter wrote " + file + " ("
                    + Files.size(file) + " bytes)");
            Files.delete(file);
        }
        Files.delete(out);
        check(Math.abs(take.getLength() - 29 / 30.0) < 1e-3, "the recorded clip lasts the take: " + take.getLength() + " s");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryExporter.getInstance().save(jaime, bytes);
        BinaryImporter importer = BinaryImporter.getInstance();
        importer.setAssetManager(assetManager);
        Spatial loaded = (Spatial) importer.load(new ByteArrayInputStream(bytes.toByteArray()));
        MocapControl lc = Armatures.findControl(loaded, MocapControl.class);
        check(lc != null && lc.isInPlace(), "the control is saved and loaded with the character");
        if (lc != null) {
            float loadedSwung = swing(lc, loaded, spread, down);
            check(loadedSwung > 30, "the loaded character follows (swung " + loadedSwung + " degrees)");
        }
    }

    /** Feeds spread poses, then down poses; returns how far the left upper arm turned (degrees). */
    private static float swing(MocapControl c, Spatial character, float[][] spread, float[][] down) {
        long frame = 0;
        for (int i = 0; i < 40; i++) {
            c.setPose(sample(frame++, spread));
            c.update(1 / 30f);
        }
        Vector3f before = upperArm(Armatures.getArmature(character));
        for (int i = 0; i < 60; i++) {
            c.setPose(sample(frame++, down));
            c.update(1 / 30f);
        }
        return before.angleBetween(upperArm(Armatures.getArmature(character))) * 180 / (float) Math.PI;
    }

    private static Pose3dSample sample(long frame, float[][] joints) {
        float[] flat = new float[H36mJoints.COUNT * 3];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            System.arraycopy(joints[j], 0, flat, 3 * j, 3);
        }
        return new Pose3dSample(frame, frame * 33_333_333L, true, flat, new float[] {0, 0, 3});
    }

    private static Vector3f upperArm(Armature a) {
        HumanoidMap map = BuiltInCharacters.map("jaime");
        a.update();
        Vector3f shoulder = a.getJoint(map.getJoint(HumanoidBone.LEFT_UPPER_ARM)).getModelTransform().getTranslation();
        Vector3f elbow = a.getJoint(map.getJoint(HumanoidBone.LEFT_LOWER_ARM)).getModelTransform().getTranslation();
        return elbow.subtract(shoulder).normalizeLocal();
    }

    /** Lifts a still 2D figure (every frame of the window the same) and returns the middle output frame. */
    private static float[][] lift(PoseLifter lifter, boolean armsDown) throws Exception {
        float[][] figure = figure2d(armsDown);
        float[][][] window = new float[lifter.frames()][][];
        for (int f = 0; f < window.length; f++) {
            window[f] = figure;
        }
        float[][][] out = lifter.run(window);
        return out[out.length / 2];
    }

    /** A person facing the camera in screen-normalised coordinates (x right, y down, about 0.9 tall). */
    private static float[][] figure2d(boolean armsDown) {
        float[][] p = new float[H36mJoints.COUNT][];
        p[H36mJoints.PELVIS] = new float[] {0, 0.1f};
        p[H36mJoints.R_HIP] = new float[] {-0.06f, 0.1f};
        p[H36mJoints.R_KNEE] = new float[] {-0.06f, 0.32f};
        p[H36mJoints.R_ANKLE] = new float[] {-0.06f, 0.55f};
        p[H36mJoints.L_HIP] = new float[] {0.06f, 0.1f};
        p[H36mJoints.L_KNEE] = new float[] {0.06f, 0.32f};
        p[H36mJoints.L_ANKLE] = new float[] {0.06f, 0.55f};
        p[H36mJoints.SPINE] = new float[] {0, -0.02f};
        p[H36mJoints.THORAX] = new float[] {0, -0.15f};
        p[H36mJoints.NECK_NOSE] = new float[] {0, -0.2f};
        p[H36mJoints.HEAD] = new float[] {0, -0.26f};
        p[H36mJoints.L_SHOULDER] = new float[] {0.09f, -0.15f};
        p[H36mJoints.R_SHOULDER] = new float[] {-0.09f, -0.15f};
        if (armsDown) {
            p[H36mJoints.L_ELBOW] = new float[] {0.1f, -0.01f};
            p[H36mJoints.L_WRIST] = new float[] {0.105f, 0.12f};
            p[H36mJoints.R_ELBOW] = new float[] {-0.1f, -0.01f};
            p[H36mJoints.R_WRIST] = new float[] {-0.105f, 0.12f};
        } else {
            p[H36mJoints.L_ELBOW] = new float[] {0.22f, -0.15f};
            p[H36mJoints.L_WRIST] = new float[] {0.35f, -0.15f};
            p[H36mJoints.R_ELBOW] = new float[] {-0.22f, -0.15f};
            p[H36mJoints.R_WRIST] = new float[] {-0.35f, -0.15f};
        }
        return p;
    }
}
