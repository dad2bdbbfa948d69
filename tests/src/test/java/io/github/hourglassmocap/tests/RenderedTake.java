package io.github.hourglassmocap.tests;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.plugin.internal.render.CameraSpec;
import io.github.hourglassmocap.plugin.internal.render.GroundTruthFile;
import io.github.hourglassmocap.plugin.internal.render.SyntheticRender;
import io.github.hourglassmocap.plugin.internal.render.SyntheticRenderOptions;
import io.github.hourglassmocap.plugin.internal.render.TruthFrame;
import io.github.hourglassmocap.retarget.record.ClipRecorder;
import io.github.hourglassmocap.retarget.record.KeyReduction;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import com.jme3.asset.AssetManager;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.plugin.Armatures;
import io.github.hourglassmocap.retarget.internal.dataset.BvhTake17;
import io.github.hourglassmocap.retarget.internal.dataset.Take17;
import io.github.hourglassmocap.retarget.export.J3oExporter;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.OfflineRetargeter;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import io.github.hourglassmocap.retarget.solve.RetargetResult;
import io.github.hourglassmocap.retarget.solve.SourceFrame;
import io.github.hourglassmocap.retarget.solve.SourceSequence;
import java.io.IOException;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A take rendered once per test JVM, character and motion with the project's synthetic renderer: a character
 * performing a CMU excerpt (by default the walk of subject 2, trial 1, a validation take of the lifter; the live
 * accuracy test uses {@link #HELD_OUT_SALSA}; see src/test/resources/cmu/README.md), retargeted
 * onto it in place with the project's offline retargeter, seen by the default camera (or the motion's own), 640x480
 * at 30 fps, with its
 * ground truth. Shared by the end-to-end tests.
 *
 * <p>The character is Ninja unless the system property {@value #CHARACTER_PROPERTY} names another of
 * {@link #CHARACTERS}. Ninja has human proportions and BlazePose reads him well, so the figures measure the lifter;
 * Sinbad's proportions are not human (short legs, wide hips, long torso: the source motion's own joints score
 * 125 mm PA-MPJPE against his rig), so on him the position figures mostly measure proportions (docs/plugin.md).
 */
final class RenderedTake {
    /** System property choosing the character (one of {@link #CHARACTERS}; default {@value #DEFAULT_CHARACTER}). */
    static final String CHARACTER_PROPERTY = "mocap.e2e.character";
    static final String DEFAULT_CHARACTER = "ninja";
    static final List<String> CHARACTERS = List.of("ninja", "sinbad");
    /**
     * A CMU excerpt the tests render: its name, the test resource, its frames at 30 fps, the dataset take it comes from
     * (the lifter under test must have held that take out: {@link E2eLifter}), and the camera (null: the default).
     */
    record Motion(String name, String excerpt, int frames, String takeId, CameraSpec camera) {
    }

    /** The walk both end-to-end tests use (CMU 002_01; src/test/resources/cmu/README.md). */
    static final Motion WALK = new Motion("cmu-002_01-walk", "/cmu/002_01_walk_30fps.bvh", 86, "cmu-iclone/002_01",
            null);
    static final String MOTION = WALK.name();
    /** Frames of the walk at 30 fps. */
    static final int FRAMES = WALK.frames();
    /**
     * Five salsa excerpts the live accuracy test replays: the first 4 s of the five salsa takes of the lifter's split
     * by take, each from its own camera. Salsa is also one of the two activities the split by activity holds out.
     */
    static final List<Motion> HELD_OUT_SALSA = List.of(
            salsa("03", 30, 10), salsa("10", 90, 5), salsa("16", 200, 15), salsa("22", 320, 8), salsa("29", 0, 20));
    /**
     * Six excerpts of the six {@code cmu-daz} takes of the lifter's split by take (subjects 8, 9, 12, 13 and 14 of the
     * newest data: walks, a run, a jump, reaching; the first 4 s at most), each from its own camera, for the offline
     * test on motion kinds other than salsa ({@link OfflineHeldOutTest}).
     */
    static final List<Motion> HELD_OUT_DAZ = List.of(daz("08_05", 75, 30, 10), daz("08_11", 94, 300, 8),
            daz("09_06", 36, 90, 5), daz("12_01", 120, 200, 15), daz("13_32", 85, 0, 12), daz("14_08", 120, 140, 6));
    private static final Map<String, RenderedTake> INSTANCES = new HashMap<>();

    private static Motion salsa(String take, double azimuth, double elevation) {
        return excerpt("salsa", "cmu-acrnn/salsa/", take, 120, azimuth, elevation);
    }

    private static Motion daz(String take, int frames, double azimuth, double elevation) {
        return excerpt("daz", "cmu-daz/", take, frames, azimuth, elevation);
    }

    /** An excerpt {@code /cmu/<kind>_<take>_30fps.bvh} of dataset take {@code <folder><take>}, seen from its camera. */
    private static Motion excerpt(String kind, String folder, String take, int frames, double azimuth,
            double elevation) {
        return new Motion("cmu-" + kind + "-" + take, "/cmu/" + kind + "_" + take + "_30fps.bvh", frames, folder + take,
                CameraSpec.DEFAULT.with(null, azimuth, elevation, null, null));
    }

    /** The rendered character's built-in name. */
    final String character;
    final Path video;
    final Path truthFile;
    final GroundTruthFile truth;
    /** The source motion's own 17 joints (the CMU actor's skeleton, metres, Y up), one frame per video frame. */
    final Take17 source17;

    /** The rendered motion. */
    final Motion motion;

    private RenderedTake(String character, Motion motion, Path video, Path truthFile, GroundTruthFile truth,
            Take17 source17) {
        this.character = character;
        this.motion = motion;
        this.video = video;
        this.truthFile = truthFile;
        this.truth = truth;
        this.source17 = source17;
    }

    /**
     * Returns the character the end-to-end tests render: {@value #CHARACTER_PROPERTY} or the default.
     *
     * @return one of {@link #CHARACTERS}
     * @throws IllegalArgumentException if the property names another character
     */
    static String configuredCharacter() {
        String c = System.getProperty(CHARACTER_PROPERTY, DEFAULT_CHARACTER).trim().toLowerCase(Locale.ROOT);
        if (!CHARACTERS.contains(c)) {
            throw new IllegalArgumentException("-D" + CHARACTER_PROPERTY + "=" + c + ": unknown character; expected one of "
                    + CHARACTERS);
        }
        return c;
    }

    /** The take of the configured character ({@link #configuredCharacter()}). */
    static RenderedTake get() throws MocapException, IOException {
        return get(configuredCharacter());
    }

    /** The walk on one character, rendered on first use. */
    static RenderedTake get(String character) throws MocapException, IOException {
        return get(character, WALK);
    }

    /** One motion on one character, rendered on first use. */
    static synchronized RenderedTake get(String character, Motion motion) throws MocapException, IOException {
        RenderedTake instance = INSTANCES.get(character + "/" + motion.name());
        if (instance == null) {
            Path dir = Files.createTempDirectory("mocap-e2e-take");
            Path bvh = dir.resolve("take.bvh");
            try (var in = RenderedTake.class.getResourceAsStream(motion.excerpt())) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + motion.excerpt());
                }
                Files.copy(in, bvh);
            }
            Take17 take17 = BvhTake17.load(bvh, 30);
            List<SourceFrame> frames = new ArrayList<>();
            for (int f = 0; f < take17.frames(); f++) {
                Vector3f[] w = new Vector3f[H36mJoints.COUNT];
                for (int j = 0; j < H36mJoints.COUNT; j++) {
                    w[j] = new Vector3f(take17.get(f, j, 0), take17.get(f, j, 1), take17.get(f, j, 2));
                }
                frames.add(SourceFrame.fromWorld(Math.round(f * 1e9 / 30), w));
            }
            AssetManager assets = SyntheticRender.newAssetManager();
            Spatial model = BuiltInCharacters.loadCharacter(assets, character).model();
            CharacterRig rig = new CharacterRig(Armatures.getArmature(model), BuiltInCharacters.map(character));
            RetargetResult rr = new OfflineRetargeter(rig, RetargetOptions.defaults().withInPlace(true))
                    .run(new SourceSequence(30, frames));
            Path file = dir.resolve(character + "-cmu.j3o");
            J3oExporter.export(model, ClipRecorder.clipOf(rr, motion.name(), KeyReduction.NONE), file);
            Path video = dir.resolve("take.mp4");
            Path truthFile = dir.resolve("take.truth.json");
            // The exported model is a file, so the renderer adds no built-in turn (Ninja's 180 degrees): none is
            // needed, since the retargeted clip already faces the source's way, towards the default camera.
            SyntheticRenderOptions o = SyntheticRenderOptions.defaults(file.toString(), motion.name())
                    .withTiming(30, motion.frames());
            if (motion.camera() != null) {
                o = o.withCamera(motion.camera());
            }
            if (take17.frames() != motion.frames()) {
                throw new IllegalStateException(motion.excerpt() + " resamples to " + take17.frames()
                        + " frames, expected " + motion.frames());
            }
            SyntheticRender.Result r = SyntheticRender.run(o, video, truthFile, null);
            instance = new RenderedTake(character, motion, video, truthFile, r.truth(), take17);
            INSTANCES.put(character + "/" + motion.name(), instance);
        }
        return instance;
    }

    /**
     * The 17 lifter joints of one truth frame, from the rendered joints' world positions, placed as the retarget
     * module places them on a jME rig: pelvis halfway between the upper legs, thorax at the neck joint, spine at
     * the spine joint nearest the middle of the torso, joint 9 at the head joint, head top a tenth of the stature
     * above the head joint along the neck-to-head direction.
     */
    float[][] truth17(int frame) {
        HumanoidMap map = BuiltInCharacters.map(character);
        List<String> names = truth.header().jointNames();
        TruthFrame f = truth.frames().get(frame);
        double[] w = f.world();
        java.util.function.Function<HumanoidBone, float[]> at = b -> {
            int i = names.indexOf(map.getJoint(b));
            if (i < 0) {
                throw new IllegalStateException("truth has no joint " + map.getJoint(b));
            }
            return new float[] {(float) w[3 * i], (float) w[3 * i + 1], (float) w[3 * i + 2]};
        };
        float[][] p = new float[H36mJoints.COUNT][];
        float[] lHip = at.apply(HumanoidBone.LEFT_UPPER_LEG);
        float[] rHip = at.apply(HumanoidBone.RIGHT_UPPER_LEG);
        p[H36mJoints.PELVIS] = mid(lHip, rHip);
        p[H36mJoints.R_HIP] = rHip;
        p[H36mJoints.R_KNEE] = at.apply(HumanoidBone.RIGHT_LOWER_LEG);
        p[H36mJoints.R_ANKLE] = at.apply(HumanoidBone.RIGHT_FOOT);
        p[H36mJoints.L_HIP] = lHip;
        p[H36mJoints.L_KNEE] = at.apply(HumanoidBone.LEFT_LOWER_LEG);
        p[H36mJoints.L_ANKLE] = at.apply(HumanoidBone.LEFT_FOOT);
        float[] lSh = at.apply(HumanoidBone.LEFT_UPPER_ARM);
        float[] rSh = at.apply(HumanoidBone.RIGHT_UPPER_ARM);
        float[] thorax = map.findJoint(HumanoidBone.NECK) != null ? at.apply(HumanoidBone.NECK) : mid(lSh, rSh);
        p[H36mJoints.THORAX] = thorax;
        float[] torsoMid = mid(p[H36mJoints.PELVIS], thorax);
        float[] spine = at.apply(HumanoidBone.SPINE);
        for (HumanoidBone b : new HumanoidBone[] {HumanoidBone.CHEST, HumanoidBone.UPPER_CHEST}) {
            if (map.findJoint(b) != null && dist(at.apply(b), torsoMid) < dist(spine, torsoMid)) {
                spine = at.apply(b);
            }
        }
        p[H36mJoints.SPINE] = spine;
        float[] head = at.apply(HumanoidBone.HEAD);
        p[H36mJoints.NECK_NOSE] = head;
        float stature = (float) truth.header().characterHeightMetres();
        float[] up = sub(head, thorax);
        float n = (float) Math.sqrt(up[0] * up[0] + up[1] * up[1] + up[2] * up[2]);
        p[H36mJoints.HEAD] = new float[] {head[0] + 0.1f * stature * up[0] / n, head[1] + 0.1f * stature * up[1] / n,
            head[2] + 0.1f * stature * up[2] / n};
        p[H36mJoints.L_SHOULDER] = lSh;
        p[H36mJoints.L_ELBOW] = at.apply(HumanoidBone.LEFT_LOWER_ARM);
        p[H36mJoints.L_WRIST] = at.apply(HumanoidBone.LEFT_HAND);
        p[H36mJoints.R_SHOULDER] = rSh;
        p[H36mJoints.R_ELBOW] = at.apply(HumanoidBone.RIGHT_LOWER_ARM);
        p[H36mJoints.R_WRIST] = at.apply(HumanoidBone.RIGHT_HAND);
        return p;
    }

    /** The source motion's 17 joints in one frame (the actor's proportions, not Sinbad's). */
    float[][] source17(int frame) {
        float[][] p = new float[H36mJoints.COUNT][3];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            for (int d = 0; d < 3; d++) {
                p[j][d] = source17.get(frame, j, d);
            }
        }
        return p;
    }

    /**
     * The truth's 17 joints of one frame in that frame's camera coordinates (x right, y down, z forward: the lifter's
     * output frame), pelvis at the origin.
     */
    float[][] cameraTruth17(int frame) {
        return toCamera(frame, truth17(frame));
    }

    /** The source motion's 17 joints of one frame turned into that frame's camera axes, pelvis at the origin. */
    float[][] cameraSource17(int frame) {
        return toCamera(frame, source17(frame));
    }

    /** World points (jME axes, metres) to the camera axes of one frame, relative to the first point (the pelvis). */
    private float[][] toCamera(int frame, float[][] world) {
        double[] r = truth.frames().get(frame).camera().rotation();
        float[][] out = new float[world.length][3];
        for (int j = 0; j < world.length; j++) {
            for (int i = 0; i < 3; i++) {
                double v = 0;
                for (int k = 0; k < 3; k++) {
                    v += r[3 * i + k] * (world[j][k] - world[H36mJoints.PELVIS][k]);
                }
                out[j][i] = (float) v;
            }
        }
        return out;
    }

    /**
     * The truth's 17 joints of one frame projected into the image with that frame's camera: the clean 2D input a
     * perfect keypoint model would give, with the lifter's joint placement.
     *
     * @return a new array [17][2] (pixels, top-left origin)
     */
    double[][] pixels17(int frame) {
        float[][] w = truth17(frame);
        var camera = truth.frames().get(frame).camera();
        double[][] uv = new double[w.length][];
        for (int j = 0; j < w.length; j++) {
            double[] p = camera.project(w[j][0], w[j][1], w[j][2]);
            uv[j] = new double[] {p[0], p[1]};
        }
        return uv;
    }

    /** The limb joints compared in 2D, with the humanoid bone whose joint stands for each. */
    static final int[] LIMB_JOINTS = {H36mJoints.R_HIP, H36mJoints.R_KNEE, H36mJoints.R_ANKLE, H36mJoints.L_HIP,
        H36mJoints.L_KNEE, H36mJoints.L_ANKLE, H36mJoints.L_SHOULDER, H36mJoints.L_ELBOW, H36mJoints.L_WRIST,
        H36mJoints.R_SHOULDER, H36mJoints.R_ELBOW, H36mJoints.R_WRIST};
    static final HumanoidBone[] LIMB_BONES = {HumanoidBone.RIGHT_UPPER_LEG, HumanoidBone.RIGHT_LOWER_LEG,
        HumanoidBone.RIGHT_FOOT, HumanoidBone.LEFT_UPPER_LEG, HumanoidBone.LEFT_LOWER_LEG, HumanoidBone.LEFT_FOOT,
        HumanoidBone.LEFT_UPPER_ARM, HumanoidBone.LEFT_LOWER_ARM, HumanoidBone.LEFT_HAND, HumanoidBone.RIGHT_UPPER_ARM,
        HumanoidBone.RIGHT_LOWER_ARM, HumanoidBone.RIGHT_HAND};

    /** Pixel position (u, v) of a limb joint's rig joint in one frame. */
    double[] pixel(int frame, HumanoidBone bone) {
        HumanoidMap map = BuiltInCharacters.map(character);
        int i = truth.header().jointNames().indexOf(map.getJoint(bone));
        TruthFrame f = truth.frames().get(frame);
        return new double[] {f.u(i), f.v(i)};
    }

    static float[] mid(float[] a, float[] b) {
        return new float[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2};
    }

    static float[] sub(float[] a, float[] b) {
        return new float[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static float dist(float[] a, float[] b) {
        float[] d = sub(a, b);
        return (float) Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    }
}
