package io.github.hourglassmocap.plugin.internal;

import com.jme3.scene.Mesh;
import com.jme3.scene.VertexBuffer;
import com.jme3.util.BufferUtils;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.nio.FloatBuffer;

/**
 * A line mesh of the 17-joint skeleton (one segment per joint and its parent), whose vertex positions are
 * rewritten in place each frame.
 */
public final class SkeletonLines extends Mesh {
    private static final int SEGMENTS = H36mJoints.COUNT - 1;
    private final FloatBuffer positions = BufferUtils.createFloatBuffer(SEGMENTS * 2 * 3);

    /** Creates the mesh with every segment collapsed at the origin. */
    public SkeletonLines() {
        setMode(Mode.Lines);
        setBuffer(VertexBuffer.Type.Position, 3, positions);
        short[] idx = new short[SEGMENTS * 2];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = (short) i;
        }
        setBuffer(VertexBuffer.Type.Index, 2, idx);
        getBuffer(VertexBuffer.Type.Position).setUsage(VertexBuffer.Usage.Stream);
        updateBound();
    }

    /**
     * Sets the joint positions.
     *
     * @param xyz 17 x (x, y, z) in mesh space (not null, unaffected; length &ge; 51)
     * @param visible per joint, whether segments touching it are drawn (null: all)
     */
    public void setJoints(float[] xyz, boolean[] visible) {
        positions.clear();
        for (int j = 1; j < H36mJoints.COUNT; j++) {
            int p = H36mJoints.parent(j);
            boolean show = visible == null || visible[j] && visible[p];
            int a = show ? p : j;
            positions.put(xyz[3 * a]).put(xyz[3 * a + 1]).put(xyz[3 * a + 2]);
            positions.put(xyz[3 * j]).put(xyz[3 * j + 1]).put(xyz[3 * j + 2]);
        }
        positions.flip();
        getBuffer(VertexBuffer.Type.Position).updateData(positions);
        updateBound();
    }
}
