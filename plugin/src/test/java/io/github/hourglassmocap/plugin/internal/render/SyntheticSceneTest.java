package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.math.ColorRGBA;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.video.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renders real characters offscreen (needs xvfb-run on a headless machine) and checks the ground truth
 * against the pixels.
 */
class SyntheticSceneTest {
    private static final int W = 320;
    private static final int H = 240;
    private static final int MAGENTA = 0xff00ff;
    /** Sinbad joints that sit well inside the body, so every pixel around their projection is the character's. */
    private static final String[] SINBAD_INNER = {"Chest", "Stomach", "Waist", "Neck", "Thigh.L", "Thigh.R", "Calf.L",
        "Calf.R", "Humerus.L", "Humerus.R"};

    private static SyntheticScene scene(String character, String clip, BackgroundStyle background, long seed,
            CameraSpec camera) throws MocapException {
        RenderCharacter c = RenderCharacter.load(SyntheticRender.newAssetManager(), character, 1.75, 0);
        return new SyntheticScene(c, CharacterMotion.resolve(clip, c), camera, background, new ColorRGBA(1, 0, 1, 1), seed);
    }

    private static List<RenderedFrame<TruthFrame>> render(SyntheticScene scene, int samples, double... times)
            throws MocapException {
        List<RenderedFrame<TruthFrame>> out = new ArrayList<>();
        try (OffscreenRenderer<TruthFrame> r = OffscreenRenderer.start(W, H, samples, scene, 60)) {
            for (int i = 0; i < times.length; i++) {
                out.add(r.render(i, times[i]));
            }
        }
        return out;
    }

    /** True if every pixel within the radius of (u, v) differs from the background. */
    private static boolean allCharacter(Frame f, double u, double v, int radius) {
        int cx = (int) Math.floor(u);
        int cy = (int) Math.floor(v);
        for (int y = cy - radius; y <= cy + radius; y++) {
            for (int x = cx - radius; x <= cx + radius; x++) {
                if (x < 0 || y < 0 || x >= f.width() || y >= f.height() || f.rgbAt(x, y) == MAGENTA) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True if some pixel within the radius of (u, v) differs from the background. */
    private static boolean anyCharacter(Frame f, double u, double v, int radius) {
        int cx = (int) Math.floor(u);
        int cy = (int) Math.floor(v);
        for (int y = cy - radius; y <= cy + radius; y++) {
            for (int x = cx - radius; x <= cx + radius; x++) {
                if (x >= 0 && y >= 0 && x < f.width() && y < f.height() && f.rgbAt(x, y) != MAGENTA) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void projectedJointsLieOnTheSinbadSilhouette() throws MocapException {
        SyntheticScene scene = scene("sinbad", "Dance", BackgroundStyle.PLAIN, 1, CameraSpec.DEFAULT);
        // Out of order on purpose: a frame must show the pose of its own time, not the previous request's.
        List<RenderedFrame<TruthFrame>> frames = render(scene, 1, 1.3, 0.0, 0.6);
        List<String> names = new ArrayList<>();
        scene.character().armature().getJointList().forEach(j -> names.add(j.getName()));
        for (RenderedFrame<TruthFrame> rf : frames) {
            Frame f = rf.frame();
            TruthFrame t = rf.annotation();
            assertEquals(names.size(), t.jointCount());
            for (String name : SINBAD_INNER) {
                int j = names.indexOf(name);
                assertTrue(j >= 0, name);
                assertTrue(t.inFrame(j), name + " in frame");
                assertTrue(allCharacter(f, t.u(j), t.v(j), 2),
                        name + " at (" + t.u(j) + ", " + t.v(j) + ") is inside the silhouette, t=" + t.timeSeconds());
            }
            int near = 0;
            for (int j = 0; j < t.jointCount(); j++) {
                assertTrue(t.inFrame(j), names.get(j) + " in frame");
                if (anyCharacter(f, t.u(j), t.v(j), 2)) {
                    near++;
                }
            }
            assertEquals(t.jointCount(), near, "every Sinbad joint (fingers, face, sheaths) is within 2 px of his pixels");
            for (int[] corner : new int[][] {{0, 0}, {W - 1, 0}, {0, H - 1}, {W - 1, H - 1}, {5, H / 2}, {W - 6, H / 2}}) {
                assertEquals(MAGENTA, f.rgbAt(corner[0], corner[1]), "far from the character is background");
            }
        }
        // The check can fail: joints of another time of the dance miss the silhouette somewhere.
        TruthFrame other = frames.get(1).annotation();
        Frame f = frames.get(0).frame();
        int missed = 0;
        for (String name : new String[] {"Ulna.L", "Ulna.R", "Hand.L", "Hand.R", "Calf.L", "Calf.R", "Foot.L", "Foot.R"}) {
            int j = names.indexOf(name);
            if (!allCharacter(f, other.u(j), other.v(j), 2)) {
                missed++;
            }
        }
        assertTrue(missed > 0, "joints of t=0.0 must not all fit the render of t=1.3");
    }

    @Test
    void jointsBehindTheBodyAreFlaggedHidden() throws MocapException {
        CameraSpec side = CameraSpec.parse("azimuth=90,elevation=5", CameraSpec.DEFAULT);
        SyntheticScene scene = scene("sinbad", "Dance", BackgroundStyle.PLAIN, 1, side);
        List<String> names = new ArrayList<>();
        scene.character().armature().getJointList().forEach(j -> names.add(j.getName()));
        TruthFrame t = render(scene, 1, 0.0).get(0).annotation();
        // Seen from his left, Sinbad's left limbs face the camera and his right ones are behind his body.
        for (String near : new String[] {"Humerus.L", "Thigh.L", "Calf.L", "Foot.L", "Hand.L", "Head"}) {
            assertTrue(t.visible(names.indexOf(near)), near + " is visible from the left");
        }
        for (String far : new String[] {"Humerus.R", "Thigh.R", "Calf.R"}) {
            int j = names.indexOf(far);
            assertTrue(t.inFrame(j), far + " is in frame");
            assertFalse(t.visible(j), far + " is hidden behind the body");
        }
        SyntheticScene front = scene("sinbad", "Dance", BackgroundStyle.PLAIN, 1, CameraSpec.DEFAULT);
        TruthFrame f = render(front, 1, 0.0).get(0).annotation();
        for (String name : new String[] {"Chest", "Stomach", "Waist", "Thigh.L", "Thigh.R", "Calf.L", "Calf.R",
            "Humerus.L", "Humerus.R", "Head"}) {
            assertTrue(f.visible(names.indexOf(name)), name + " is visible from the front");
        }
    }

    @Test
    void ninjaJointsFromAThreeQuarterViewLieOnItsSilhouette() throws MocapException {
        CameraSpec view = CameraSpec.parse("azimuth=35,elevation=12", CameraSpec.DEFAULT);
        SyntheticScene scene = scene("ninja", "Walk", BackgroundStyle.PLAIN, 1, view);
        for (RenderedFrame<TruthFrame> rf : render(scene, 4, 0.0, 0.5)) {
            TruthFrame t = rf.annotation();
            List<String> missed = new ArrayList<>();
            for (int j = 0; j < t.jointCount(); j++) {
                if (scene.character().armature().getJoint(j).getParent() == null) {
                    continue; // the ninja's root joint lies on the floor between its feet, off the body
                }
                if (!(t.inFrame(j) && anyCharacter(rf.frame(), t.u(j), t.v(j), 2))) {
                    missed.add(scene.character().armature().getJoint(j).getName() + "@" + t.u(j) + "," + t.v(j));
                }
            }
            assertEquals(List.of(), missed, "every non-root Ninja joint projects onto the ninja, t=" + t.timeSeconds());
            assertEquals(MAGENTA, rf.frame().rgbAt(2, 2));
        }
    }

    @Test
    void theSameSeedGivesIdenticalFramesAndAnotherSeedDiffers() throws MocapException {
        double[] times = {0.0, 0.4};
        List<RenderedFrame<TruthFrame>> a = render(scene("sinbad", "RunBase", BackgroundStyle.TEXTURE, 5, CameraSpec.DEFAULT), 4, times);
        List<RenderedFrame<TruthFrame>> b = render(scene("sinbad", "RunBase", BackgroundStyle.TEXTURE, 5, CameraSpec.DEFAULT), 4, times);
        List<RenderedFrame<TruthFrame>> c = render(scene("sinbad", "RunBase", BackgroundStyle.TEXTURE, 6, CameraSpec.DEFAULT), 4, times);
        for (int i = 0; i < times.length; i++) {
            byte[] pa = bytes(a.get(i).frame());
            byte[] pb = bytes(b.get(i).frame());
            byte[] pc = bytes(c.get(i).frame());
            assertArrayEquals(pa, pb, "frame " + i + " with the same seed");
            assertEquals(a.get(i).annotation(), b.get(i).annotation(), "truth of frame " + i + " with the same seed");
            int differing = 0;
            for (int k = 0; k < pa.length; k++) {
                if (pa[k] != pc[k]) {
                    differing++;
                }
            }
            assertTrue(differing > pa.length / 4, "another seed changes the background: " + differing + " bytes differ");
            // The character and camera do not depend on the seed.
            assertArrayEquals(a.get(i).annotation().pixels(), c.get(i).annotation().pixels(), 1e-9);
        }
        assertFalse(java.util.Arrays.equals(bytes(a.get(0).frame()), bytes(a.get(1).frame())), "the character moves");
    }

    private static byte[] bytes(Frame f) {
        byte[] out = new byte[f.width() * f.height() * 3];
        f.pixels().duplicate().get(out);
        return out;
    }
}
