package io.github.hourglassmocap.retarget.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.hourglassmocap.retarget.bvh.BvhMotion;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapper;
import io.github.hourglassmocap.retarget.humanoid.RigDescription;
import io.github.hourglassmocap.retarget.internal.skeleton.ForwardKinematics;
import io.github.hourglassmocap.retarget.internal.skeleton.Joints17View;
import io.github.hourglassmocap.retarget.testutil.TestBvh;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BvhTake17Test {
    @Test
    void atTheSourceRateEveryFrameIsTheDirectForwardKinematics() throws Exception {
        Path file = TestBvh.path(TestBvh.ICLONE);
        Take17 take = BvhTake17.load(file, 60);
        BvhMotion m = BvhReader.readAll(file);
        assertEquals(5, take.frames());
        assertEquals(60, take.sourceFrameRateHz(), 0);
        Joints17View view = Joints17View.of(m.skeleton(), HumanoidMapper.map(RigDescription.of("cc", m.skeleton())));
        ForwardKinematics fk = new ForwardKinematics(m.skeleton());
        float[] expected = new float[51];
        for (int f = 0; f < 5; f++) {
            fk.setFrame(m.frame(f, new double[m.skeleton().channelCount()]));
            view.extract(fk, expected, 0);
            for (int k = 0; k < 51; k++) {
                assertEquals(expected[k], take.get(f, k / 3, k % 3), 1e-5f);
            }
        }
    }

    @Test
    void downsamplingByAWholeFactorPicksSourceFrames() throws Exception {
        Path file = TestBvh.path(TestBvh.ACRNN);
        Take17 at30 = BvhTake17.load(file, 30);
        Take17 at120 = BvhTake17.load(file, 120);
        assertEquals(13, at120.frames());
        assertEquals(4, at30.frames()); // source frames 0, 4, 8, 12
        for (int f = 0; f < 4; f++) {
            for (int j = 0; j < 17; j++) {
                for (int a = 0; a < 3; a++) {
                    assertEquals(at120.get(4 * f, j, a), at30.get(f, j, a), 1e-5f);
                }
            }
        }
    }

    @Test
    void interpolatesRotationsNotPositions() throws Exception {
        // An arm rotating 0 -> 90 degrees about Z in one second; at 2 fps the middle frame is at 45 degrees,
        // so the hand stays one arm length from the shoulder (interpolating positions would shorten it to 0.707).
        String bvh = String.join("\n", "HIERARCHY", "ROOT Root", "{", "OFFSET 0 0 0", "CHANNELS 6 Xposition Yposition"
                + " Zposition Zrotation Yrotation Xrotation", "JOINT Arm", "{", "OFFSET 0 0 0",
                "CHANNELS 3 Zrotation Yrotation Xrotation", "JOINT Hand", "{", "OFFSET 1 0 0",
                "CHANNELS 3 Zrotation Yrotation Xrotation", "End Site", "{", "OFFSET 1 0 0", "}", "}", "}", "}", "MOTION",
                "Frames: 2", "Frame Time: 1", "0 0 0 0 0 0 0 0 0 0 0 0", "2 0 0 0 0 0 90 0 0 0 0 0", "");
        List<double[]> hands = new ArrayList<>();
        try (BvhReader r = BvhReader.open(new StringReader(bvh), "arm")) {
            int n = BvhTake17.resample(r, 2, (k, fk) -> {
                double[] p = fk.worldPositions();
                hands.add(new double[] {p[6], p[7], p[8], p[0]});
            });
            assertEquals(3, n);
        }
        double[] mid = hands.get(1);
        double c = Math.cos(Math.toRadians(45));
        assertEquals(1 + c, mid[0], 1e-9); // root moved linearly to x = 1, then the hand at 45 degrees
        assertEquals(c, mid[1], 1e-9);
        assertEquals(1.0, mid[3], 1e-9);
        assertEquals(2.0, hands.get(2)[0], 1e-9);
        assertEquals(1.0, hands.get(2)[1], 1e-9);
    }
}
