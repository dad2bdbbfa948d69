package io.github.hourglassmocap.plugin.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import org.junit.jupiter.api.Test;

class CameraSpecTest {
    @Test
    void parsesKeysInAnyOrderAndKeepsTheRest() {
        CameraSpec s = CameraSpec.parse(" fov=50 , azimuth=30,distance=4.5", CameraSpec.DEFAULT);
        assertEquals(4.5, s.distanceMetres(), 0.0);
        assertEquals(30, s.azimuthDegrees(), 0.0);
        assertEquals(CameraSpec.DEFAULT.elevationDegrees(), s.elevationDegrees(), 0.0);
        assertTrue(Double.isNaN(s.targetHeightMetres()));
        assertEquals(50, s.fovDegrees(), 0.0);
        assertEquals(CameraSpec.DEFAULT, CameraSpec.parse("", CameraSpec.DEFAULT));
        assertTrue(Double.isNaN(CameraSpec.parse("distance=auto", s).distanceMetres()));
    }

    @Test
    void formatRoundTrips() {
        CameraSpec s = new CameraSpec(3.25, -35, 12.5, 0.9, 45);
        assertEquals(s, CameraSpec.parse(s.format(), CameraSpec.DEFAULT));
        assertEquals("distance=1000,azimuth=0,elevation=8,height=auto,fov=40",
                CameraSpec.DEFAULT.with(1000.0, null, null, null, null).format());
    }

    @Test
    void badSpecsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CameraSpec.parse("zoom=2", CameraSpec.DEFAULT));
        assertTrue(e.getMessage().contains("zoom") && e.getMessage().contains("azimuth"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CameraSpec.parse("distance=far", CameraSpec.DEFAULT));
        assertTrue(e.getMessage().contains("far"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CameraSpec.parse("azimuth", CameraSpec.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> CameraSpec.parse("azimuth=auto", CameraSpec.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> CameraSpec.parse("elevation=90", CameraSpec.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> CameraSpec.parse("fov=0", CameraSpec.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> CameraSpec.parse("distance=-1", CameraSpec.DEFAULT));
    }

    @Test
    void automaticFramingFitsTheCharacterWithAMargin() {
        CameraSpec r = CameraSpec.DEFAULT.resolve(1.75, 4.0 / 3.0);
        assertEquals(0.875, r.targetHeightMetres(), 1e-9);
        double halfHeightSeen = r.distanceMetres() * Math.tan(Math.toRadians(r.fovDegrees() / 2));
        assertEquals(1.75 / 2 / CameraSpec.AUTO_FILL, halfHeightSeen, 1e-6, "vertical fit at a landscape aspect");
        // Portrait: the width limits, so the camera steps back further.
        CameraSpec p = CameraSpec.DEFAULT.resolve(1.75, 0.5);
        assertTrue(p.distanceMetres() > r.distanceMetres());
        assertThrows(IllegalStateException.class, () -> CameraSpec.DEFAULT.apply(new Camera(10, 10)));
    }

    @Test
    void anExtentIsCentredAndAWideOneIsFittedByWidth() {
        CameraSpec tall = CameraSpec.DEFAULT.resolve(new CameraSpec.Extent(-0.2, 2.2, 0.3), 4.0 / 3.0);
        assertEquals(1.0, tall.targetHeightMetres(), 1e-9);
        double halfV = Math.tan(Math.toRadians(20));
        assertEquals(1.2 / CameraSpec.AUTO_FILL / halfV, tall.distanceMetres(), 1e-9);
        CameraSpec wide = CameraSpec.DEFAULT.resolve(new CameraSpec.Extent(0, 1.75, 2.0), 4.0 / 3.0);
        assertEquals(2.0 / CameraSpec.AUTO_FILL / (halfV * 4 / 3), wide.distanceMetres(), 1e-9);
        CameraSpec fixed = new CameraSpec(5, 0, 8, 1.1, 40).resolve(new CameraSpec.Extent(0, 3, 3), 1);
        assertEquals(5, fixed.distanceMetres(), 0.0, "given values are kept");
        assertEquals(1.1, fixed.targetHeightMetres(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new CameraSpec.Extent(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CameraSpec.Extent(0, 1, -1));
        assertEquals(CameraSpec.DEFAULT.resolve(1.75, 1.5), CameraSpec.DEFAULT.resolve(CameraSpec.Extent.standing(1.75), 1.5));
    }

    @Test
    void placesTheCameraByAzimuthAndElevation() {
        Camera cam = new Camera(640, 480);
        new CameraSpec(4, 90, 0, 1, 40).apply(cam);
        assertEquals(4, cam.getLocation().x, 1e-5, "azimuth 90 is on +X");
        assertEquals(1, cam.getLocation().y, 1e-5);
        assertEquals(0, cam.getLocation().z, 1e-5);
        assertEquals(-1, cam.getDirection().x, 1e-5, "looking back at the target");
        new CameraSpec(2, 0, 30, 1, 40).apply(cam);
        Vector3f loc = cam.getLocation();
        assertEquals(0, loc.x, 1e-5);
        assertEquals(1 + 2 * Math.sin(Math.toRadians(30)), loc.y, 1e-5);
        assertEquals(2 * Math.cos(Math.toRadians(30)), loc.z, 1e-5, "azimuth 0 is on +Z, in front of the character");
        assertEquals(40, cam.getFov(), 1e-3);
    }
}
