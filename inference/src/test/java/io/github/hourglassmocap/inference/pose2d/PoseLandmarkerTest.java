package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.model.ModelStore;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.video.Frame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class PoseLandmarkerTest {
    @Test
    void landmarksOfAWellPlacedRegionMatchTheTruth() throws Exception {
        Frame f = PoseTrackerTest.frames("sinbad-dance-a0").get(20);
        float[] truth = PoseTrackerTest.truth("sinbad-dance-a0").get(20);
        // a region built from the truth itself: hip centre, scale point above the shoulders
        double hipX = (truth[0] + truth[6]) / 2;
        double hipY = (truth[1] + truth[7]) / 2;
        double shX = (truth[12] + truth[18]) / 2;
        double shY = (truth[13] + truth[19]) / 2;
        Roi roi = Roi.fromAlignment(hipX, hipY, hipX + 1.6 * (shX - hipX), hipY + 1.6 * (shY - hipY));
        try (PoseLandmarker lm = new PoseLandmarker(ModelStore.fromEnvironment().getModel(PoseModelFile.FULL), 1)) {
            Mat[] reuse = new Mat[1];
            PoseLandmarks p = lm.run(ImageWarper.wrap(f, reuse), roi);
            assertTrue(p.score() > 0.5f, "pose score " + p.score());
            Keypoints2D k = new Keypoints2D(20, 0, f.width(), f.height(), roi, p, H36mFromBlazePose.convert(p), false);
            int ok = Pck.correct(k, truth, 0.2);
            assertTrue(ok >= 10, ok + " of 12 joints within 0.2 torso");
            // a rotated region still gives the same person (the warp and the mapping back agree)
            // a region tilted by 0.3 rad either way still reads the person (the model tolerates small
            // misalignment; the warp and the mapping back agree); at 0.6 rad BlazePose itself degrades
            for (double tilt : new double[] {-0.3, 0.3}) {
                Roi turned = new Roi(roi.cx(), roi.cy(), roi.size(), tilt);
                PoseLandmarks q = lm.run(ImageWarper.wrap(f, reuse), turned);
                Keypoints2D kq = new Keypoints2D(20, 0, f.width(), f.height(), turned, q, H36mFromBlazePose.convert(q), false);
                assertTrue(Pck.correct(kq, truth, 0.2) >= 8, "tilt " + tilt + ": " + Pck.correct(kq, truth, 0.2));
            }
            reuse[0].close();
            lm.close();
            lm.close();
            assertThrows(IllegalStateException.class, () -> lm.run(new Mat(), roi));
        }
    }

    @Test
    void theDetectorIsNotALandmarkModel() throws Exception {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> new PoseLandmarker(ModelStore.fromEnvironment().getModel(PoseModelFile.DETECTOR), 1));
        assertTrue(e.getMessage().contains("pose_detection.tflite"), e.getMessage());
    }
}
