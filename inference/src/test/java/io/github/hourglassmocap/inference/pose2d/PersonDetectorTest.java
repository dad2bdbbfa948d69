package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.model.ModelStore;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.video.Frame;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class PersonDetectorTest {
    @Test
    void findsTheRenderedPersonAndNobodyInAnEmptyFrame() throws Exception {
        Frame f = PoseTrackerTest.frames("sinbad-dance-a0").get(20);
        float[] truth = PoseTrackerTest.truth("sinbad-dance-a0").get(20);
        ModelStore store = ModelStore.fromEnvironment();
        try (PersonDetector d = new PersonDetector(store.getModel(PoseModelFile.DETECTOR), 1, 0.5f)) {
            Mat[] reuse = new Mat[1];
            List<Detection> found = d.detect(ImageWarper.wrap(f, reuse), f.width(), f.height());
            assertFalse(found.isEmpty());
            Detection best = found.get(0);
            assertTrue(best.score() >= 0.5f && best.score() <= 1f);
            // keypoint 0 is the hip centre: near the midpoint of the true hips (slots 0 and 3)
            double hipX = (truth[0] + truth[6]) / 2;
            double hipY = (truth[1] + truth[7]) / 2;
            double torso = Pck.torsoSize(truth);
            assertTrue(Math.hypot(best.keypoints()[0] - hipX, best.keypoints()[1] - hipY) < 0.5 * torso,
                    "hip centre " + best.keypoints()[0] + ", " + best.keypoints()[1] + " vs truth " + hipX + ", " + hipY);
            Roi r = best.toRoi();
            assertTrue(r.size() > 2 * torso && r.size() < 8 * torso, "region size " + r.size() + " for torso " + torso);
            assertTrue(Math.abs(r.rotationRadians()) < 0.5, "upright person: rotation " + r.rotationRadians());
            long[] t = d.lastNanos();
            assertTrue(t[1] > 0);
            Frame grey = PoseTrackerTest.solid(641, 479, 0x808080, 0);
            assertTrue(d.detect(ImageWarper.wrap(grey, reuse), 641, 479).isEmpty());
            reuse[0].close();
            d.close();
            d.close();
            assertThrows(IllegalStateException.class, () -> d.detect(new Mat(), 1, 1));
        }
    }

    @Test
    void aLandmarkModelIsNotADetector() throws Exception {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> new PersonDetector(ModelStore.fromEnvironment().getModel(PoseModelFile.LITE), 1, 0.5f));
        assertTrue(e.getMessage().contains("pose_landmark_lite.tflite"), e.getMessage());
    }
}
