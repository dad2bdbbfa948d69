package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
