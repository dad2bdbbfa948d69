package io.github.hourglassmocap.retarget.solve;

import static io.github.hourglassmocap.inference.joints.H36mJoints.*;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.jme3.math.Vector3f;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetargetMetricsTest {
    static Vector3f[] copy(Vector3f[] v, float scale, float dx) {
        Vector3f[] c = new Vector3f[v.length];
        for (int i = 0; i < v.length; i++) {
            c[i] = v[i].mult(scale).addLocal(dx, 0, 0);
        }
        return c;
    }

    @Test
    void measuresKnownErrorsSkateAndConfidence() {
        Vector3f[] pose = SolveFixtures.rig("jaime").getRest17();
        int n = 10;
        List<SourceFrame> frames = new ArrayList<>();
        Vector3f[][] before = new Vector3f[n][];
        Vector3f[][] after = new Vector3f[n][];
        boolean[][] contacts = new boolean[2][n];
        for (int i = 0; i < n; i++) {
            float[] conf = new float[COUNT];
            java.util.Arrays.fill(conf, i < 3 ? 0.2f : 0.9f);
            frames.add(new SourceFrame(i * 33_333_333L, copy(pose, 1, 0), new Vector3f(), conf, true));
            // Twice the size (scale 2), sliding 1 cm of actor scale per frame before locking, still after.
            before[i] = copy(pose, 2, 0.02f * i);
            after[i] = copy(pose, 2, 0);
            contacts[0][i] = true;
        }
        RetargetMetrics m = RetargetMetrics.compute(new SourceSequence(30, frames), before, after, contacts, 2f, 0.5f);
        assertEquals(0.0, m.getMeanErrorDegrees(), 1e-3);
        assertEquals(0.0, m.getP95ErrorDegrees(), 1e-3);
        assertEquals(1, m.getContactCount());
        assertEquals(9.0, m.getSkateBeforeCm(), 1e-3, "9 steps of 1 cm in one contact");
        assertEquals(0.0, m.getSkateAfterCm(), 1e-6);
        assertEquals(0.3, m.getLowConfidenceShare(), 1e-9);
        assertEquals(0.0, m.getBoneLengthVarianceCm2(), 1e-6);
        assertEquals(0.0, m.getSourceJitter(), 1e-6);
        JsonObject json = m.toJson(Map.of("character", "jaime"));
        assertEquals(1, json.get("version").getAsInt());
        assertEquals("jaime", json.get("character").getAsString());
        assertEquals(9.0, json.getAsJsonObject("footSkate").get("beforeLockingCmPerContact").getAsDouble(), 1e-3);
        assertTrue(m.format().contains("bone-direction error"));
    }

    @Test
    void turnedLimbShowsAsError() {
        Vector3f[] pose = SolveFixtures.rig("jaime").getRest17();
        Vector3f[] bent = copy(pose, 1, 0);
        // Turn the left forearm by 90 degrees about the vertical through the elbow.
        Vector3f d = bent[L_WRIST].subtract(bent[L_ELBOW]);
        bent[L_WRIST] = bent[L_ELBOW].add(new com.jme3.math.Quaternion().fromAngleNormalAxis((float) Math.PI / 2,
                Vector3f.UNIT_Y).mult(d));
        List<SourceFrame> frames = List.of(new SourceFrame(0, copy(pose, 1, 0), new Vector3f(), null, true));
        RetargetMetrics m = RetargetMetrics.compute(new SourceSequence(30, frames), new Vector3f[][] {bent},
                new Vector3f[][] {bent}, new boolean[2][1], 1f, 0.5f);
        assertEquals(90.0, m.getLimbMeanDegrees()[1], 0.5, "l_forearm");
        assertEquals(9.0, m.getMeanErrorDegrees(), 0.1, "one of ten limbs");
    }
}
