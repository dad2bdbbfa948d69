package io.github.hourglassmocap.retarget.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.bvh.BvhSkeleton;
import io.github.hourglassmocap.retarget.internal.fuzz.SyntheticInputs;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapper;
import io.github.hourglassmocap.retarget.humanoid.RigDescription;
import io.github.hourglassmocap.retarget.internal.skeleton.ForwardKinematics;
import io.github.hourglassmocap.retarget.internal.skeleton.Joints17View;
import io.github.hourglassmocap.retarget.testutil.TestBvh;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Takes written Z up or X up convert to the same Y-up 17 joints as the Y-up original; a rig that is Z up at
 * rest but Y up in its motion (the CC conversions rooted at RL_BoneRoot) stays as its motion says.
 */
class UpAxisTest {
    private static Take17 load(Path dir, SyntheticInputs.Up up) throws Exception {
        Path f = dir.resolve("walk-" + up + ".bvh");
        Files.writeString(f, SyntheticInputs.humanoidBvh(up, false, 40), StandardCharsets.ISO_8859_1);
        return BvhTake17.load(f, 30);
    }

    @Test
    void zUpAndXUpTakesComeOutUprightLikeTheYUpOne(@TempDir Path tmp) throws Exception {
        Take17 y = load(tmp, SyntheticInputs.Up.Y);
        for (SyntheticInputs.Up up : new SyntheticInputs.Up[] {SyntheticInputs.Up.Z, SyntheticInputs.Up.X}) {
            Take17 t = load(tmp, up);
            assertEquals(y.frames(), t.frames());
            for (int f = 0; f < t.frames(); f++) {
                assertTrue(t.get(f, H36mJoints.HEAD, 1) - t.get(f, H36mJoints.L_ANKLE, 1) > 1.2,
                        up + " frame " + f + " is not upright");
                for (int j = 0; j < 17; j++) {
                    for (int a = 0; a < 3; a++) {
                        assertEquals(y.get(f, j, a), t.get(f, j, a), 1e-4f, up + " frame " + f + " joint " + j + " axis " + a);
                    }
                }
            }
        }
    }

    @Test
    void detectsEachAxisFromTheMotion() throws Exception {
        for (SyntheticInputs.Up up : SyntheticInputs.Up.values()) {
            var m = BvhReader.readAll(SyntheticInputs.humanoidBvh(up, false, 20), "walk");
            float[][] poses = poses(m.skeleton(), m, 20);
            UpAxis u = UpAxis.detect(poses[0], poses[1], 20);
            assertEquals("XYZ".indexOf(up.name()), u.axis(), up.toString());
            assertEquals(1, u.sign());
            assertEquals("motion", u.evidence());
        }
    }

    @Test
    void aRigZUpAtRestButTurnedYUpByItsRootStaysYUp() throws Exception {
        var m = BvhReader.readAll(TestBvh.path(TestBvh.ICLONE_BONEROOT));
        float[][] poses = poses(m.skeleton(), m, m.frameCount());
        UpAxis rest = UpAxis.detect(poses[0], new float[0], 0);
        assertEquals("rest pose", rest.evidence());
        assertFalse(rest.isYUp(), "the CC rig rooted at RL_BoneRoot is not Y up at rest: " + rest);
        UpAxis u = UpAxis.detect(poses[0], poses[1], m.frameCount());
        assertTrue(u.isYUp() && u.evidence().equals("motion"), u.toString());
    }

    @Test
    void aTakeWithoutUprightFramesFallsBackOnTheFloorThenTheRestPose() {
        // 20 frames of a body lying on a Z-up floor and rolling about: head-to-ankles turns round in the XY plane
        float[] frames = new float[20 * 51];
        for (int f = 0; f < 20; f++) {
            double theta = 0.5 * f;
            for (int j = 0; j < 17; j++) {
                double r = j == H36mJoints.HEAD ? 0.8 : j == H36mJoints.L_ANKLE || j == H36mJoints.R_ANKLE ? -0.8 : (j - 8) * 0.1;
                frames[f * 51 + j * 3] = (float) (0.3 * f + r * Math.cos(theta));
                frames[f * 51 + j * 3 + 1] = (float) (r * Math.sin(theta));
                frames[f * 51 + j * 3 + 2] = j == 16 ? 0.1f : (float) (0.1 + 0.2 * Math.abs(Math.sin(0.7 * f + j)));
            }
        }
        float[] rest = new float[51];
        rest[H36mJoints.HEAD * 3 + 2] = 1.6f;
        UpAxis u = UpAxis.detect(rest, frames, 20);
        assertEquals(2, u.axis(), u.toString());
        assertEquals("floor", u.evidence());
        assertEquals("rest pose", UpAxis.detect(rest, new float[0], 0).evidence());
    }

    private static float[][] poses(BvhSkeleton s, io.github.hourglassmocap.retarget.bvh.BvhMotion m, int frames) throws Exception {
        Joints17View view = Joints17View.of(s, HumanoidMapper.map(RigDescription.of("rig", s)));
        ForwardKinematics fk = new ForwardKinematics(s);
        float[] rest = new float[51];
        fk.setRest();
        view.extract(fk, rest, 0);
        float[] data = new float[frames * 51];
        for (int f = 0; f < frames; f++) {
            fk.setFrame(m.frame(f, new double[s.channelCount()]));
            view.extract(fk, data, f * 51);
        }
        return new float[][] {rest, data};
    }
}
