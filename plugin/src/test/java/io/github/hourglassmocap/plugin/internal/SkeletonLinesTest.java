package io.github.hourglassmocap.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.jme3.scene.VertexBuffer;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class SkeletonLinesTest {
    @Test
    void oneSegmentPerJointAndParentHiddenJointsCollapse() {
        SkeletonLines m = new SkeletonLines();
        float[] xyz = new float[H36mJoints.COUNT * 3];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            xyz[3 * j] = j;
            xyz[3 * j + 1] = 2 * j;
        }
        boolean[] vis = new boolean[H36mJoints.COUNT];
        java.util.Arrays.fill(vis, true);
        vis[H36mJoints.L_WRIST] = false;
        m.setJoints(xyz, vis);
        FloatBuffer p = (FloatBuffer) m.getBuffer(VertexBuffer.Type.Position).getData();
        assertEquals(16 * 2 * 3, p.limit());
        // segment for joint 1 (R hip): from its parent (pelvis, 0) to itself
        assertEquals(0f, p.get(0), 0f);
        assertEquals(1f, p.get(3), 0f);
        assertEquals(2f, p.get(4), 0f);
        // the left wrist's segment collapses onto the wrist
        int seg = (H36mJoints.L_WRIST - 1) * 6;
        assertEquals(p.get(seg + 3), p.get(seg), 0f);
        assertEquals(16, m.getTriangleCount(), "lines count as primitives");
    }
}
