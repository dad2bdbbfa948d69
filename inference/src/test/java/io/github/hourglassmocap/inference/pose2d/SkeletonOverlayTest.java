package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.video.Frame;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SkeletonOverlayTest {
    @Test
    void drawsJointsOnACopyAndLeavesTheFrameAlone() {
        Frame f = PoseTrackerTest.solid(641, 479, 0x000000, 0);
        Keypoints2D k = KeypointsFileTest.personFrame(0);
        ByteBuffer out = SkeletonOverlay.draw(f, k, 0.0f);
        assertEquals(641 * 479 * 3, out.remaining());
        // a joint is drawn as a white dot centred on its pixel
        int x = (int) k.jointX(H36mJoints.L_WRIST);
        int y = (int) k.jointY(H36mJoints.L_WRIST);
        int i = (y * 641 + x) * 3;
        assertEquals(255, out.get(i) & 0xff);
        assertEquals(255, out.get(i + 2) & 0xff);
        // the source frame is untouched
        assertEquals(0, f.rgbAt(x, y));
        // no person: an unchanged copy
        ByteBuffer none = SkeletonOverlay.draw(f, Keypoints2D.noPerson(0, 0, 641, 479, true), 0.3f);
        boolean allBlack = true;
        for (int j = 0; j < none.remaining(); j++) {
            allBlack &= none.get(j) == 0;
        }
        assertTrue(allBlack);
    }

    @Test
    void drawsOntoADownscaledImageAtTheScaledPositions() {
        Keypoints2D k = KeypointsFileTest.personFrame(0);
        int w = 321;
        int h = 240;
        int stride = w * 3 + 5;
        ByteBuffer img = ByteBuffer.allocateDirect(stride * h);
        double sx = w / 641.0;
        double sy = h / 479.0;
        SkeletonOverlay.drawOnto(img, w, h, stride, k, sx, sy, 0.0f);
        int x = (int) (k.jointX(H36mJoints.L_WRIST) * sx);
        int y = (int) (k.jointY(H36mJoints.L_WRIST) * sy);
        int i = y * stride + x * 3;
        assertEquals(255, img.get(i) & 0xff, "the wrist's dot is at the scaled position");
        // the stride's padding bytes are left alone
        for (int row = 0; row < h; row++) {
            for (int b = w * 3; b < stride; b++) {
                assertEquals(0, img.get(row * stride + b), "padding of row " + row);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> SkeletonOverlay.drawOnto(ByteBuffer.allocate(stride * h), w, h, stride, k, 1, 1, 0f));
    }
}
