package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.Vector3f;
import org.junit.jupiter.api.Test;

class SourceFrameTest {
    static Vector3f[] joints() {
        Vector3f[] j = new Vector3f[17];
        for (int i = 0; i < 17; i++) {
            j[i] = new Vector3f(i, 2 * i, 3);
        }
        return j;
    }

    @Test
    void fromWorldMakesThePelvisTheRoot() {
        SourceFrame f = SourceFrame.fromWorld(5, joints());
        assertEquals(new Vector3f(0, 0, 3), f.getRoot());
        assertEquals(new Vector3f(), f.getJoint(0));
        assertEquals(new Vector3f(4, 8, 3), f.getWorldJoints()[4]);
        assertEquals(1f, f.getMeanConfidence(), 0f);
    }

    @Test
    void rejectsBadInput() {
        Vector3f[] j = joints();
        j[3] = new Vector3f(Float.NaN, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> new SourceFrame(0, j, new Vector3f(), null, true));
        assertThrows(IllegalArgumentException.class, () -> new SourceFrame(-1, joints(), new Vector3f(), null, true));
        assertThrows(IllegalArgumentException.class, () -> new SourceFrame(0, joints(), new Vector3f(), new float[] {1f}, true));
        float[] c = new float[17];
        c[2] = 1.5f;
        assertThrows(IllegalArgumentException.class, () -> new SourceFrame(0, joints(), new Vector3f(), c, true));
    }
}
