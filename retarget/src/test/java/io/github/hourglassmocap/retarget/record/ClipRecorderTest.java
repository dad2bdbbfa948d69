package io.github.hourglassmocap.retarget.record;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimTrack;
import com.jme3.anim.Joint;
import com.jme3.anim.TransformTrack;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import io.github.hourglassmocap.retarget.internal.filter.QuaternionSequences;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.OfflineRetargeter;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import io.github.hourglassmocap.retarget.solve.RetargetResult;
import io.github.hourglassmocap.retarget.solve.RigPose;
import io.github.hourglassmocap.retarget.solve.SolveFixtures;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClipRecorderTest {
    static RetargetResult result;

    @BeforeAll
    static void retarget() {
        CharacterRig rig = SolveFixtures.rig("jaime");
        result = new OfflineRetargeter(rig, RetargetOptions.defaults()).run(SolveFixtures.sampleClip("ninja", "Walk", 30));
    }

    static ClipRecorder recordAll() {
        List<RigPose> poses = result.getPoses();
        ClipRecorder rec = ClipRecorder.forPose(poses.get(0));
        for (int i = 0; i < poses.size(); i++) {
            rec.record(i / 30.0, poses.get(i));
        }
        return rec;
    }

    static double worstError(AnimClip clip, List<RigPose> poses) {
        double worst = 0;
        Transform t = new Transform();
        for (AnimTrack<?> track : clip.getTracks()) {
            TransformTrack tt = (TransformTrack) track;
            Joint j = (Joint) tt.getTarget();
            for (int i = 0; i < poses.size(); i++) {
                t.setRotation(new Quaternion());
                tt.getDataAtTime(i / 30.0, t);
                Quaternion expected = poses.get(i).localRotation(j.getId(), null);
                worst = Math.max(worst, Math.toDegrees(QuaternionSequences.angleBetween(t.getRotation().normalizeLocal(), expected)));
            }
        }
        return worst;
    }

    @Test
    void clipOfKeysEachPoseAtItsFramesOwnTimeOnTheDrivenJoints() {
        // A variable-frame-rate source: 10 frames 0.1 s apart, then 1/30 s apart.
        io.github.hourglassmocap.retarget.solve.SourceSequence walk = SolveFixtures.sampleClip("ninja", "Walk", 30);
        List<io.github.hourglassmocap.retarget.solve.SourceFrame> frames = new java.util.ArrayList<>();
        long t = 0;
        for (int i = 0; i < 30; i++) {
            io.github.hourglassmocap.retarget.solve.SourceFrame f = walk.get(i);
            frames.add(new io.github.hourglassmocap.retarget.solve.SourceFrame(t, f.getJoints(), f.getRoot(),
                    f.getConfidence(), f.isValid()));
            t += i < 10 ? 100_000_000L : 33_333_333L;
        }
        RetargetResult vfr = new OfflineRetargeter(SolveFixtures.rig("jaime"), RetargetOptions.defaults())
                .run(new io.github.hourglassmocap.retarget.solve.SourceSequence(30, frames));
        AnimClip clip = ClipRecorder.clipOf(vfr, "take", KeyReduction.NONE);
        assertEquals("take", clip.getName());
        double[] expected = vfr.getKeyTimesSeconds();
        assertEquals(1.0, expected[10], 1e-9);
        int hips = vfr.getRig().joint(io.github.hourglassmocap.retarget.humanoid.HumanoidBone.HIPS);
        boolean hipsRecorded = false;
        for (AnimTrack<?> track : clip.getTracks()) {
            TransformTrack tt = (TransformTrack) track;
            float[] times = tt.getTimes();
            assertEquals(expected.length, times.length);
            for (int i = 0; i < times.length; i++) {
                assertEquals(expected[i], times[i], 1e-6, "key " + i);
            }
            int id = ((Joint) tt.getTarget()).getId();
            hipsRecorded |= id == hips;
            assertTrue(id == hips || vfr.getPoses().get(0).isDriven(id), "joint " + id + " is not driven");
        }
        assertTrue(hipsRecorded, "the hips carry the root motion");
        AnimClip reduced = ClipRecorder.clipOf(vfr, "take", new KeyReduction(0.5f, 0.001f));
        assertTrue(((TransformTrack) reduced.getTracks()[0]).getTimes().length <= expected.length);
    }

    @Test
    void keepsEveryKeyWithoutReduction() {
        ClipRecorder rec = recordAll();
        AnimClip clip = rec.build("walk", KeyReduction.NONE);
        int n = result.getPoses().size();
        assertEquals((n - 1) / 30.0, clip.getLength(), 1e-4);
        for (AnimTrack<?> t : clip.getTracks()) {
            assertEquals(n, ((TransformTrack) t).getTimes().length);
        }
        assertEquals(0.0, worstError(clip, result.getPoses()), 0.1);
    }

    @Test
    void reductionStaysWithinItsStatedError() {
        ClipRecorder rec = recordAll();
        AnimClip clip = rec.build("walk", new KeyReduction(1f, 0.01f));
        int n = result.getPoses().size();
        int keys = 0;
        for (AnimTrack<?> t : clip.getTracks()) {
            keys += ((TransformTrack) t).getTimes().length;
        }
        assertTrue(keys < 0.8 * n * clip.getTracks().length, "keys kept: " + keys + " of " + n * clip.getTracks().length);
        // 1 degree stated; jME interpolates rotations itself, so allow a little for nlerp against slerp.
        assertEquals(0.0, worstError(clip, result.getPoses()), 1.05);
    }

    @Test
    void buildsLiveWhileRecording() {
        List<RigPose> poses = result.getPoses();
        ClipRecorder rec = ClipRecorder.forPose(poses.get(0));
        rec.record(0.0, poses.get(0));
        rec.record(0.1, poses.get(1));
        AnimClip first = rec.build("live", KeyReduction.NONE);
        rec.record(0.2, poses.get(2));
        AnimClip second = rec.build("live", KeyReduction.NONE);
        assertEquals(0.1, first.getLength(), 1e-6);
        assertEquals(0.2, second.getLength(), 1e-6);
    }

    @Test
    void rejectsMisuse() {
        ClipRecorder rec = ClipRecorder.forPose(result.getPoses().get(0));
        assertThrows(IllegalStateException.class, () -> rec.build("x", KeyReduction.NONE));
        rec.record(1.0, result.getPoses().get(0));
        assertThrows(IllegalArgumentException.class, () -> rec.record(1.0, result.getPoses().get(1)));
        assertThrows(IllegalArgumentException.class, () -> rec.build("", KeyReduction.NONE));
        assertThrows(IllegalArgumentException.class, () -> new KeyReduction(-1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new ClipRecorder(result.getRig().getArmature(), new int[] {999}));
    }
}
