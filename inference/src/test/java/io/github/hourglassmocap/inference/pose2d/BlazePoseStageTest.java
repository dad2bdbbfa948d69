package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.pipeline.Pose2dSample;
import io.github.hourglassmocap.inference.video.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlazePoseStageTest {
    @Test
    void passesTheTrackersJointsToThePipeline() throws Exception {
        List<Frame> clip = PoseTrackerTest.frames("sinbad-dance-a0");
        BlazePoseStage stage = BlazePoseStage.create(PoseTrackerOptions.defaults().withModel(PoseModelFile.LITE));
        Pose2dSample s = null;
        for (int i = 0; i < 6; i++) {
            s = stage.detect(clip.get(i));
        }
        assertTrue(s.hasPerson());
        assertEquals(5, s.frameIndex());
        assertEquals(640, s.width());
        Keypoints2D k = stage.tracker().process(clip.get(6));
        Pose2dSample next = stage.detect(clip.get(6));
        assertEquals(k.jointX(H36mJoints.PELVIS), next.get(H36mJoints.PELVIS, 0), 5f); // same tracker, one frame on
        assertFalse(stage.detect(PoseTrackerTest.solid(64, 48, 0, 7)).hasPerson());
        stage.close();
        stage.close();
        assertThrows(IllegalStateException.class, () -> stage.detect(clip.get(0)));
        assertThrows(IllegalArgumentException.class, () -> new BlazePoseStage(null));
    }
}
