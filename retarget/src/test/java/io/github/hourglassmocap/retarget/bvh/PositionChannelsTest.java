package io.github.hourglassmocap.retarget.bvh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.retarget.internal.dataset.BvhTake17;
import io.github.hourglassmocap.retarget.internal.dataset.Take17;
import io.github.hourglassmocap.retarget.internal.fuzz.SyntheticInputs;
import io.github.hourglassmocap.retarget.internal.skeleton.ForwardKinematics;
import io.github.hourglassmocap.retarget.testutil.TestBvh;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rig whose every joint has position channels (as some exporters write: each channel is the joint's local
 * translation) poses exactly like the same rig with rotation channels only: the channels replace the
 * offset, they do not add to it.
 */
class PositionChannelsTest {
    @Test
    void positionChannelsOnEveryJointReplaceTheOffset() throws Exception {
        BvhMotion plain = BvhReader.readAll(SyntheticInputs.humanoidBvh(SyntheticInputs.Up.Y, false, 5), "plain");
        BvhMotion full = BvhReader.readAll(SyntheticInputs.humanoidBvh(SyntheticInputs.Up.Y, true, 5), "full");
        assertEquals(plain.skeleton().size(), full.skeleton().size());
        assertEquals(6 * full.skeleton().size(), full.skeleton().channelCount());
        ForwardKinematics a = new ForwardKinematics(plain.skeleton());
        ForwardKinematics b = new ForwardKinematics(full.skeleton());
        for (int f = 0; f < 5; f++) {
            a.setFrame(plain.frame(f, new double[plain.skeleton().channelCount()]));
            b.setFrame(full.frame(f, new double[full.skeleton().channelCount()]));
            double[] pa = a.worldPositions();
            double[] pb = b.worldPositions();
            for (int k = 0; k < pa.length; k++) {
                assertEquals(pa[k], pb[k], 1e-4, "frame " + f + ", joint " + k / 3 + " axis " + k % 3);
            }
        }
        // the rest pose keeps every joint at its offset too
        a.setRest();
        b.setRest();
        for (int k = 0; k < a.worldPositions().length; k++) {
            assertEquals(a.worldPositions()[k], b.worldPositions()[k], 1e-9);
        }
    }

    @Test
    void theConvertedTakeHasTheSameBoneLengths(@TempDir Path tmp) throws Exception {
        Path plain = tmp.resolve("plain.bvh");
        Path full = tmp.resolve("full.bvh");
        Files.writeString(plain, SyntheticInputs.humanoidBvh(SyntheticInputs.Up.Y, false, 12), StandardCharsets.ISO_8859_1);
        Files.writeString(full, SyntheticInputs.humanoidBvh(SyntheticInputs.Up.Y, true, 12), StandardCharsets.ISO_8859_1);
        Take17 a = BvhTake17.load(plain, 30);
        Take17 b = BvhTake17.load(full, 30);
        assertEquals(a.frames(), b.frames());
        for (int f = 0; f < a.frames(); f++) {
            for (int j = 0; j < 17; j++) {
                for (int x = 0; x < 3; x++) {
                    assertEquals(a.get(f, j, x), b.get(f, j, x), 1e-5f);
                }
            }
        }
    }

    @Test
    void onTheRootOfOtherRigsPositionsStillAddToTheOffset() throws Exception {
        // The CC conversions: root CC_Base_Hip with OFFSET 0 105.2 0 and channels that move it from there.
        BvhMotion cc = BvhReader.readAll(TestBvh.path(TestBvh.ICLONE));
        assertFalse(cc.skeleton().positionsReplaceOffset(0));
        assertTrue(cc.skeleton().positionsReplaceOffset(1));
        ForwardKinematics fk = new ForwardKinematics(cc.skeleton());
        double[] frame = cc.frame(0, new double[cc.skeleton().channelCount()]);
        fk.setFrame(frame);
        assertEquals(cc.skeleton().joint(0).offset(1) + frame[1], fk.worldPositions()[1], 1e-9);
    }

    @Test
    void theJmeWriterFollowsTheSameConvention() throws Exception {
        // A rig with positions on every joint goes through jME and back to BVH unchanged in its world positions.
        BvhMotion full = BvhReader.readAll(SyntheticInputs.humanoidBvh(SyntheticInputs.Up.Y, true, 4), "full");
        var armature = BvhJme.toArmature(full.skeleton(), 0.01);
        var clip = BvhJme.toClip(full, armature, "take", 0.01);
        BvhMotion back = BvhJme.fromClip(clip, armature, 1 / full.frameTimeSeconds(), 100);
        ForwardKinematics a = new ForwardKinematics(full.skeleton());
        ForwardKinematics b = new ForwardKinematics(back.skeleton());
        for (int f = 0; f < full.frameCount(); f++) {
            a.setFrame(full.frame(f, new double[full.skeleton().channelCount()]));
            b.setFrame(back.frame(f, new double[back.skeleton().channelCount()]));
            for (int j = 0; j < full.skeleton().size(); j++) {
                int k = back.skeleton().findIndex(full.skeleton().joint(j).name());
                for (int x = 0; x < 3; x++) {
                    assertEquals(a.worldPositions()[j * 3 + x], b.worldPositions()[k * 3 + x], 1e-2,
                            "frame " + f + " joint " + full.skeleton().joint(j).name());
                }
            }
        }
    }
}
