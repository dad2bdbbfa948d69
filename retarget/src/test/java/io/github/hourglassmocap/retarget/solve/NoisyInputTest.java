package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.retarget.internal.dataset.BvhTake17;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lifted poses are noisy: a clean BVH walk with 1.5 cm of Gaussian noise on every joint, retargeted, must come
 * out closer to the clean motion than the noisy input is (both paths), and with much less jitter offline.
 */
class NoisyInputTest {
    static SourceSequence clean() throws Exception {
        Path walk = Path.of(NoisyInputTest.class.getResource("/retarget/cmu-iclone-002_01-walk.bvh").toURI());
        return SourceSequence.of(BvhTake17.load(walk, 30));
    }

    static SourceSequence noisy(SourceSequence clean, float sigma, long seed) {
        Random r = new Random(seed);
        List<SourceFrame> frames = new ArrayList<>();
        for (SourceFrame f : clean.getFrames()) {
            Vector3f[] w = f.getWorldJoints();
            for (Vector3f p : w) {
                p.addLocal((float) r.nextGaussian() * sigma, (float) r.nextGaussian() * sigma, (float) r.nextGaussian() * sigma);
            }
            frames.add(SourceFrame.fromWorld(f.getTimestampNanos(), w));
        }
        return new SourceSequence(clean.getFrameRateHz(), frames);
    }

    /** Mean limb-direction angle between two 17-joint sequences (degrees). */
    static double meanAngle(List<Vector3f[]> a, List<Vector3f[]> b) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int[] limb : RetargetMetrics.LIMBS) {
                sum += Rotations.angle(a.get(i)[limb[1]].subtract(a.get(i)[limb[0]]),
                        b.get(i)[limb[1]].subtract(b.get(i)[limb[0]])) * FastMath.RAD_TO_DEG;
                n++;
            }
        }
        return sum / n;
    }

    static List<Vector3f[]> joints(SourceSequence s) {
        List<Vector3f[]> out = new ArrayList<>();
        for (SourceFrame f : s.getFrames()) {
            out.add(f.getJoints());
        }
        return out;
    }

    static List<Vector3f[]> posed(RetargetResult r) {
        List<Vector3f[]> out = new ArrayList<>();
        for (RigPose p : r.getPoses()) {
            p.applyTo(r.getRig().getArmature());
            out.add(r.getRig().view17(true));
        }
        return out;
    }

    @Test
    void smoothingBringsTheResultCloserToTheCleanMotion() throws Exception {
        SourceSequence clean = clean();
        SourceSequence noisy = noisy(clean, 0.015f, 4);
        double inputError = meanAngle(joints(noisy), joints(clean));
        CharacterRig rig = SolveFixtures.rig("jaime");
        RetargetResult offline = new OfflineRetargeter(rig, RetargetOptions.defaults()).run(noisy);
        RetargetResult live = new LiveRetargeter(rig, RetargetOptions.defaults()).runClip(noisy);
        double offlineError = meanAngle(posed(offline), joints(clean));
        double liveError = meanAngle(posed(live), joints(clean));
        System.out.printf("noisy input %.2f deg from clean; offline output %.2f; live output %.2f; jitter source %.1f,"
                + " offline %.1f, live %.1f m/s^2%n", inputError, offlineError, liveError,
                offline.getMetrics().getSourceJitter(), offline.getMetrics().getOutputJitter(), live.getMetrics().getOutputJitter());
        assertTrue(offlineError < 0.7 * inputError, "offline " + offlineError + " vs input " + inputError);
        assertTrue(liveError < inputError, "live " + liveError + " vs input " + inputError);
        assertTrue(offline.getMetrics().getOutputJitter() < 0.5 * offline.getMetrics().getSourceJitter());
        assertTrue(offline.getMetrics().getBoneLengthVarianceCm2() > 1.0, "noise shows as bone-length variance");
    }
}
