package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import org.junit.jupiter.api.Test;

class PinholeCameraTest {
    private static Camera camera(int w, int h, float fov, Vector3f location, Vector3f target) {
        Camera cam = new Camera(w, h);
        cam.setFrustumPerspective(fov, (float) w / h, 0.05f, 100f);
        cam.setLocation(location);
        cam.lookAt(target, Vector3f.UNIT_Y);
        cam.update();
        return cam;
    }

    @Test
    void projectsAsJmeDoesWithATopLeftOrigin() {
        Camera cam = camera(641, 479, 40, new Vector3f(1.5f, 1.2f, 3.5f), new Vector3f(0, 0.9f, 0));
        PinholeCamera p = PinholeCamera.fromJme(cam);
        assertEquals(320.5, p.cx(), 1e-9);
        assertEquals(239.5, p.cy(), 1e-9);
        assertEquals(p.fx(), p.fy(), 1e-3, "square pixels");
        assertEquals(239.5 / Math.tan(Math.toRadians(20)), p.fy(), 1e-2);
        float[][] points = {{0, 0, 0}, {0.3f, 1.7f, -0.2f}, {-0.5f, 0.9f, 0.4f}, {0.8f, 0.1f, 0.3f}};
        for (float[] q : points) {
            Vector3f s = cam.getScreenCoordinates(new Vector3f(q[0], q[1], q[2]));
            double[] uvd = p.project(q[0], q[1], q[2]);
            assertEquals(s.x, uvd[0], 1e-2, "u");
            assertEquals(479 - s.y, uvd[1], 1e-2, "v, flipped to a top-left origin");
            double along = cam.getDirection().dot(new Vector3f(q[0], q[1], q[2]).subtract(cam.getLocation()));
            assertEquals(along, uvd[2], 1e-4, "depth along the optical axis");
        }
    }

    @Test
    void theRotationIsOrthonormalAndTheCentreIsTheCameraLocation() {
        Vector3f location = new Vector3f(-2, 1.5f, 3);
        PinholeCamera p = PinholeCamera.fromJme(camera(640, 480, 50, location, new Vector3f(0, 1, 0)));
        double[] r = p.rotation();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = r[3 * i] * r[3 * j] + r[3 * i + 1] * r[3 * j + 1] + r[3 * i + 2] * r[3 * j + 2];
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-5);
            }
        }
        double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);
        assertEquals(1.0, det, 1e-5, "a rotation, not a reflection");
        double[] c = p.centreWorld();
        assertEquals(-2, c[0], 1e-5);
        assertEquals(1.5, c[1], 1e-5);
        assertEquals(3, c[2], 1e-5);
        // The look-at point is straight ahead: x = y = 0 in camera coordinates, z = distance.
        double[] q = p.toCamera(0, 1, 0);
        assertEquals(0, q[0], 1e-5);
        assertEquals(0, q[1], 1e-5);
        assertEquals(Math.sqrt(4 + 0.25 + 9), q[2], 1e-5);
        // Up in the world is up in the image: y (down) decreases.
        assertTrue(p.toCamera(0, 2, 0)[1] < 0);
    }

    @Test
    void inFrameNeedsThePointInsideAndInFront() {
        PinholeCamera p = PinholeCamera.fromJme(camera(320, 240, 40, new Vector3f(0, 1, 4), new Vector3f(0, 1, 0)));
        assertTrue(p.inFrame(0, 0, 1));
        assertTrue(p.inFrame(319.9, 239.9, 1));
        assertFalse(p.inFrame(320, 10, 1));
        assertFalse(p.inFrame(-0.1, 10, 1));
        assertFalse(p.inFrame(10, 10, -1));
        double[] behind = p.project(0, 1, 6);
        assertTrue(behind[2] < 0);
    }

    @Test
    void validatesAndCopies() {
        double[] r = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] t = {0, 0, 0};
        PinholeCamera p = new PinholeCamera(100, 100, 50, 40, 100, 80, r, t);
        r[0] = 5;
        assertEquals(1.0, p.rotation()[0], 0.0);
        assertThrows(IllegalArgumentException.class, () -> new PinholeCamera(0, 100, 50, 40, 100, 80, r, t));
        assertThrows(IllegalArgumentException.class, () -> new PinholeCamera(100, 100, 50, 40, 0, 80, r, t));
        assertThrows(IllegalArgumentException.class, () -> new PinholeCamera(100, 100, 50, 40, 100, 80, new double[8], t));
        assertThrows(IllegalArgumentException.class,
                () -> new PinholeCamera(100, 100, 50, 40, 100, 80, r, new double[] {0, Double.NaN, 0}));
        Camera parallel = new Camera(10, 10);
        parallel.setParallelProjection(true);
        assertThrows(IllegalArgumentException.class, () -> PinholeCamera.fromJme(parallel));
    }
}
