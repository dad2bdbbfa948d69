package io.github.hourglassmocap.retarget.solve;

import static io.github.hourglassmocap.inference.joints.H36mJoints.*;
import static org.junit.jupiter.api.Assertions.*;

import com.jme3.math.Vector3f;
import org.junit.jupiter.api.Test;

class FootContactsTest {
    /** Left foot planted for frames 0-19, swinging 20-29, planted 30-49; right foot always in the air except a 2-frame touch. */
    static Vector3f[][] walk() {
        int n = 50;
        Vector3f[][] w = new Vector3f[n][COUNT];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < COUNT; j++) {
                w[i][j] = new Vector3f(0, 1, 0);
            }
            boolean swing = i >= 20 && i < 30;
            float x = i < 20 ? 0f : i < 30 ? 0.06f * (i - 19) : 0.6f;
            w[i][L_ANKLE] = new Vector3f(x, swing ? 0.2f : 0.08f, 0);
            w[i][R_ANKLE] = new Vector3f(0.02f * i, i == 40 || i == 41 ? 0.08f : 0.3f, 0.2f);
        }
        return w;
    }

    @Test
    void findsPlantedFeetAndDropsBlips() {
        Vector3f[][] w = walk();
        float ground = FootContacts.groundLevel(w);
        assertEquals(0.08f, ground, 1e-6f);
        boolean[][] c = FootContacts.detect(w, ground, 0.9f, 30, RetargetOptions.defaults());
        for (int i = 0; i < 50; i++) {
            boolean expected = i < 20 || i >= 30;
            // The central speed estimate blurs the edges of the swing by one frame.
            if (i != 19 && i != 20 && i != 29 && i != 30) {
                assertEquals(expected, c[FootContacts.LEFT][i], "left foot at " + i);
            }
            assertFalse(c[FootContacts.RIGHT][i], "two-frame touch is dropped at " + i);
        }
    }

    @Test
    void thresholdsScaleWithLegLength() {
        RetargetOptions o = RetargetOptions.defaults();
        assertTrue(FootContacts.isContact(0.05f, 0.1f, 0.9f, o));
        assertFalse(FootContacts.isContact(0.05f, 0.1f, 0.3f, o), "a short actor lifts 5 cm relatively higher");
        assertFalse(FootContacts.isContact(0.01f, 2f, 0.9f, o), "fast feet are not planted");
    }
}
