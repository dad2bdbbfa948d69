package io.github.hourglassmocap.examples;

import com.jme3.app.SimpleApplication;
import com.jme3.bounding.BoundingBox;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.Spatial;
import com.jme3.scene.shape.Quad;
import com.jme3.system.AppSettings;

/** What the demos share: window settings, the lit stage with its floor, and standing a character on it. */
final class DemoScene {
    private DemoScene() {
    }

    /**
     * Starts a demo in a window (no audio, no settings dialog, keeps running without focus).
     *
     * @param app the demo (not started)
     * @param width window width in pixels
     * @param height window height in pixels
     * @param title window title
     */
    static void launch(SimpleApplication app, int width, int height, String title) {
        AppSettings s = new AppSettings(true);
        s.setAudioRenderer(null);
        s.setResolution(width, height);
        s.setTitle(title);
        app.setSettings(s);
        app.setShowSettings(false);
        app.setPauseOnLostFocus(false);
        app.start();
    }

    /**
     * Sets up the demos' stage from {@code simpleInitApp}: drag-to-rotate fly camera placed at a location and
     * looking at a point, the blue-grey background, a sun and ambient light, and the floor.
     *
     * @param app the initialising demo
     * @param location the camera's location
     * @param lookAt the point the camera looks at (Y up)
     */
    static void setUpStage(SimpleApplication app, Vector3f location, Vector3f lookAt) {
        app.getFlyByCamera().setDragToRotate(true);
        app.getCamera().setLocation(location);
        app.getCamera().lookAt(lookAt, Vector3f.UNIT_Y);
        app.getViewPort().setBackgroundColor(new ColorRGBA(0.25f, 0.3f, 0.38f, 1));
        app.getRootNode().addLight(new DirectionalLight(new Vector3f(-0.4f, -1f, -0.6f).normalizeLocal()));
        app.getRootNode().addLight(new AmbientLight(ColorRGBA.White.mult(0.5f)));
        app.getRootNode().attachChild(floor(app));
    }

    /**
     * Scales a model to a height and stands it on the floor, centred on the origin.
     *
     * @param m the model (modified)
     * @param height its height in metres
     */
    static void standOnFloor(Spatial m, float height) {
        m.updateGeometricState();
        BoundingBox b = (BoundingBox) m.getWorldBound();
        float h = b.getYExtent() * 2;
        if (h > 0) {
            m.scale(height / h);
        }
        m.updateGeometricState();
        b = (BoundingBox) m.getWorldBound();
        m.move(-b.getCenter().x, -(b.getCenter().y - b.getYExtent()), -b.getCenter().z);
    }

    /**
     * A lit 20 m x 20 m grey floor at y = 0, centred on the origin.
     *
     * @param app the application whose asset manager loads the material
     * @return the floor geometry (not attached)
     */
    static Geometry floor(SimpleApplication app) {
        Geometry floor = new Geometry("floor", new Quad(20, 20));
        Material fm = new Material(app.getAssetManager(), "Common/MatDefs/Light/Lighting.j3md");
        fm.setBoolean("UseMaterialColors", true);
        fm.setColor("Diffuse", new ColorRGBA(0.55f, 0.55f, 0.6f, 1));
        fm.setColor("Ambient", new ColorRGBA(0.55f, 0.55f, 0.6f, 1));
        floor.setMaterial(fm);
        floor.setLocalRotation(new Quaternion().fromAngleAxis(-FastMath.HALF_PI, Vector3f.UNIT_X));
        floor.setLocalTranslation(-10, 0, 10);
        return floor;
    }
}
