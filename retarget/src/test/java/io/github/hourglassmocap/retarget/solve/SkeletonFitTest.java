package io.github.hourglassmocap.retarget.solve;

import static io.github.hourglassmocap.inference.joints.H36mJoints.*;
import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.Vector3f;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SkeletonFitTest {
    private static Vector3f[] jaimeRest;

    /** A standing figure whose bones are scaled by noise. */
    static Vector3f[] figure(Random r, float noise) {
        if (jaimeRest == null) {
            jaimeRest = SolveFixtures.rig("jaime").getRest17();
        }
        Vector3f[] rest = jaimeRest;
        Vector3f[] out = new Vector3f[COUNT];
        out[0] = new Vector3f();
        for (int j = 1; j < COUNT; j++) {
            int p = parent(j);
            Vector3f d = rest[j].subtract(rest[p]);
            out[j] = out[p].add(d.mult(1 + noise * (float) r.nextGaussian()));
        }
        return out;
    }

    @Test
    void medianIgnoresOutliersAndNormaliseKeepsDirections() {
        Random r = new Random(11);
        List<SourceFrame> frames = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            Vector3f[] f = figure(r, i % 10 == 0 ? 0.5f : 0.01f);
            frames.add(SourceFrame.fromWorld(i * 33_333_333L, f));
        }
        SkeletonFit fit = SkeletonFit.ofClip(new SourceSequence(30, frames));
        float[] truth = SkeletonFit.boneLengths(figure(new Random(0), 0f));
        float[] got = fit.getLengths();
        for (int j = 1; j < COUNT; j++) {
            assertEquals(truth[j], got[j], 0.02f * truth[j] + 1e-4f, "bone " + j);
        }
        Vector3f[] noisy = frames.get(10).getJoints();
        Vector3f[] norm = fit.normalise(noisy);
        float[] normLengths = SkeletonFit.boneLengths(norm);
        for (int j = 1; j < COUNT; j++) {
            assertEquals(got[j], normLengths[j], 1e-5f);
            Vector3f a = noisy[j].subtract(noisy[parent(j)]);
            Vector3f b = norm[j].subtract(norm[parent(j)]);
            assertEquals(0f, Rotations.angle(a, b), 1e-3f, "direction of bone " + j);
        }
        assertTrue(fit.isFrozen());
        assertTrue(fit.getLegLength() > 0.3f);
    }

    @Test
    void liveFitFreezesAfterTheWarmUp() {
        Random r = new Random(2);
        SkeletonFit fit = new SkeletonFit(5);
        assertNull(fit.getLengths());
        assertFalse(fit.isFrozen());
        for (int i = 0; i < 5; i++) {
            fit.observe(SourceFrame.fromWorld(i, figure(r, 0.01f)));
        }
        assertTrue(fit.isFrozen());
        float[] frozen = fit.getLengths();
        fit.observe(SourceFrame.fromWorld(9, scaled(figure(r, 0f), 2f)));
        assertArrayEquals(frozen, fit.getLengths(), 0f);
        assertThrows(IllegalArgumentException.class, () -> new SkeletonFit(0));
    }

    static Vector3f[] scaled(Vector3f[] v, float s) {
        for (Vector3f p : v) {
            p.multLocal(s);
        }
        return v;
    }
}
