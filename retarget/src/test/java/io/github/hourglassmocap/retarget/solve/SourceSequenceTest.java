package io.github.hourglassmocap.retarget.solve;

import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSequenceTest {
    @TempDir
    Path dir;

    @Test
    void cameraFrameBecomesYUp() {
        Vector3f w = SourceSequence.cameraToWorld(new Vector3f(0.1f, -1.2f, 3f));
        assertEquals(0.1f, w.x, 0f);
        assertEquals(1.2f, w.y, 0f);
        assertEquals(-3f, w.z, 0f);
    }

    @Test
    void turnedRotatesJointsAndRootAboutTheVertical() {
        SourceSequence seq = SolveFixtures.sampleClip("jaime", "Walk", 30);
        Quaternion half = new Quaternion().fromAngleAxis(FastMath.PI, Vector3f.UNIT_Y);
        SourceSequence t = seq.turned(half);
        assertEquals(seq.size(), t.size());
        assertEquals(seq.getFrameRateHz(), t.getFrameRateHz(), 0.0);
        for (int i = 0; i < seq.size(); i += 5) {
            Vector3f r = seq.get(i).getRoot();
            Vector3f rt = t.get(i).getRoot();
            assertEquals(-r.x, rt.x, 1e-5f);
            assertEquals(r.y, rt.y, 1e-5f);
            assertEquals(-r.z, rt.z, 1e-5f);
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                Vector3f a = seq.get(i).getJoint(j);
                Vector3f b = t.get(i).getJoint(j);
                assertEquals(-a.x, b.x, 1e-5f);
                assertEquals(a.y, b.y, 1e-5f);
                assertEquals(-a.z, b.z, 1e-5f);
            }
        }
    }

    @Test
    void roundTripsThroughAPose3dFile() throws Exception {
        SourceSequence seq = SolveFixtures.sampleClip("jaime", "Walk", 30);
        Path file = dir.resolve("walk.pose3d.json");
        seq.toPose3d("synthetic", "jaime-walk").write(file);
        SourceSequence back = SourceSequence.read(file);
        assertEquals(seq.size(), back.size());
        assertEquals(30.0, back.getFrameRateHz(), 1e-9);
        for (int i = 0; i < seq.size(); i += 7) {
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                assertEquals(0f, seq.get(i).getWorldJoints()[j].distance(back.get(i).getWorldJoints()[j]), 1e-4f, "written with limited decimals");
            }
            assertEquals(0f, back.get(i).getJoint(H36mJoints.PELVIS).length(), 1e-7f, "root-relative");
        }
    }

    @Test
    void badFilesFailWithTheFileName() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"version\": 7}");
        MocapException e = assertThrows(MocapException.class, () -> SourceSequence.read(file));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
    }

    @Test
    void rejectsEmptyOrNonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new SourceSequence(30, java.util.List.of()));
        SourceSequence seq = SolveFixtures.sampleClip("jaime", "Walk", 30);
        assertThrows(IllegalArgumentException.class, () -> new SourceSequence(0, seq.getFrames()));
    }
}
