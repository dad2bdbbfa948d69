package io.github.hourglassmocap.inference.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.PoseLandmarks;
import io.github.hourglassmocap.inference.pose2d.Roi;
import io.github.hourglassmocap.inference.video.Frame;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TrackerStageTest {
    @Test
    void convertsJointsAndKeepsTheTrackerResult() {
        float[] j = new float[H36mJoints.COUNT * 3];
        for (int i = 0; i < j.length; i++) {
            j[i] = i * 0.5f;
        }
        Keypoints2D k = new Keypoints2D(7, 233_333_333L, 641, 479, new Roi(300, 200, 150, 0.1),
                new PoseLandmarks(new float[33 * 5], new float[4], 0.9f), j, true);
        Pose2dSample s = TrackerStage.toSample(k);
        assertEquals(7, s.frameIndex());
        assertEquals(233_333_333L, s.timestampNanos());
        assertEquals(641, s.width());
        assertEquals(479, s.height());
        assertTrue(s.hasPerson());
        for (int i = 0; i < H36mJoints.COUNT; i++) {
            assertEquals(k.jointX(i), s.get(i, 0), 0f);
            assertEquals(k.jointY(i), s.get(i, 1), 0f);
            assertEquals(k.jointConfidence(i), s.get(i, 2), 0f);
        }
        assertSame(k, s.landmarks());
        Pose2dSample none = TrackerStage.toSample(Keypoints2D.noPerson(3, 0, 641, 479, true));
        assertFalse(none.hasPerson());
        assertNull(none.joints());
    }

    @Test
    void realTrackerFindsNobodyOnABlankOddSizedFrameAndClosesOnce() throws Exception {
        TrackerStage stage = TrackerStage.factory(PoseModelFile.LITE, 1).create();
        ByteBuffer px = ByteBuffer.allocateDirect(641 * 3 * 479);
        for (int i = 0; i < px.capacity(); i++) {
            px.put(i, (byte) 90);
        }
        Pose2dSample s = stage.detect(new Frame(641, 479, 641 * 3, px, 0, 0));
        assertFalse(s.hasPerson());
        assertEquals(641, s.width());
        assertTrue(stage.lastTimes().totalNanos() > 0);
        stage.close();
        stage.close();
        assertThrows(IllegalStateException.class, () -> stage.detect(new Frame(641, 479, 641 * 3, px, 0, 1)));
    }
}
