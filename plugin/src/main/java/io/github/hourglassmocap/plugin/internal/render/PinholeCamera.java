package io.github.hourglassmocap.plugin.internal.render;

import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import java.util.Arrays;

/**
 * A pinhole camera in the computer-vision convention: intrinsics in pixels and a world-to-camera pose whose
 * camera axes are x right, y down, z forward (OpenCV's). World: jME's, metres, Y up.
 *
 * <p>A world point {@code p} maps to camera coordinates {@code q = R p + t} and to pixel
 * {@code (u, v) = (fx qx / qz + cx, fy qy / qz + cy)}, with continuous pixel coordinates whose origin is the
 * top-left corner of the image (the centre of the top-left pixel is (0.5, 0.5)).
 *
 * @param fx focal length along x (in pixels, &gt;0)
 * @param fy focal length along y (in pixels, &gt;0)
 * @param cx principal point x (in pixels)
 * @param cy principal point y (in pixels)
 * @param width image width (in pixels, &gt;0)
 * @param height image height (in pixels, &gt;0)
 * @param rotation world-to-camera rotation, row-major 3x3 (9 values; copied)
 * @param translation world-to-camera translation (in metres, 3 values; copied)
 */
public record PinholeCamera(double fx, double fy, double cx, double cy, int width, int height,
        double[] rotation, double[] translation) {
    /**
     * Validates and copies the fields.
     */
    public PinholeCamera {
        if (!(fx > 0) || !(fy > 0) || Double.isInfinite(fx) || Double.isInfinite(fy)) {
            throw new IllegalArgumentException("focal lengths " + fx + ", " + fy + " must be positive and finite");
        }
        if (!Double.isFinite(cx) || !Double.isFinite(cy)) {
            throw new IllegalArgumentException("principal point " + cx + ", " + cy + " must be finite");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " must be positive");
        }
        if (rotation == null || rotation.length != 9 || translation == null || translation.length != 3) {
            throw new IllegalArgumentException("rotation needs 9 values and translation 3");
        }
        rotation = rotation.clone();
        translation = translation.clone();
        for (double v : rotation) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("rotation has a non-finite value: " + Arrays.toString(rotation));
            }
        }
        for (double v : translation) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("translation has a non-finite value: " + Arrays.toString(translation));
            }
        }
    }

    /**
     * Describes a jME perspective camera (symmetric frustum, full-size viewport).
     *
     * @param camera the camera (not null, unaffected)
     * @return a new pinhole camera that projects as the jME camera does
     */
    public static PinholeCamera fromJme(Camera camera) {
        if (camera == null) {
            throw new IllegalArgumentException("camera must not be null");
        }
        if (camera.isParallelProjection()) {
            throw new IllegalArgumentException("camera must use a perspective projection");
        }
        int w = camera.getWidth();
        int h = camera.getHeight();
        double near = camera.getFrustumNear();
        double fx = (w / 2.0) * near / camera.getFrustumRight();
        double fy = (h / 2.0) * near / camera.getFrustumTop();
        Quaternion q = camera.getRotation();
        // jME camera axes in world: left (column 0), up (column 1), direction (column 2).
        Vector3f left = q.getRotationColumn(0);
        Vector3f up = q.getRotationColumn(1);
        Vector3f dir = q.getRotationColumn(2);
        double[] r = {
            -left.x, -left.y, -left.z,
            -up.x, -up.y, -up.z,
            dir.x, dir.y, dir.z,
        };
        Vector3f p = camera.getLocation();
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            t[i] = -(r[3 * i] * p.x + r[3 * i + 1] * p.y + r[3 * i + 2] * p.z);
        }
        return new PinholeCamera(fx, fy, w / 2.0, h / 2.0, w, h, r, t);
    }

    /**
     * Returns the rotation (a copy).
     *
     * @return a new row-major 3x3 array
     */
    @Override
    public double[] rotation() {
        return rotation.clone();
    }

    /**
     * Returns the translation (a copy).
     *
     * @return a new 3-array (in metres)
     */
    @Override
    public double[] translation() {
        return translation.clone();
    }

    /**
     * Transforms a world point to camera coordinates.
     *
     * @param x world x (in metres)
     * @param y world y (in metres)
     * @param z world z (in metres)
     * @return a new array {qx, qy, qz} (in metres; qz is the depth along the optical axis)
     */
    public double[] toCamera(double x, double y, double z) {
        double[] q = new double[3];
        for (int i = 0; i < 3; i++) {
            q[i] = rotation[3 * i] * x + rotation[3 * i + 1] * y + rotation[3 * i + 2] * z + translation[i];
        }
        return q;
    }

    /**
     * Projects a world point to the image.
     *
     * @param x world x (in metres)
     * @param y world y (in metres)
     * @param z world z (in metres)
     * @return a new array {u, v, depth}: pixel coordinates (top-left origin) and depth along the optical
     *     axis (in metres; not positive means behind the camera, and u, v are then meaningless)
     */
    public double[] project(double x, double y, double z) {
        double[] q = toCamera(x, y, z);
        return new double[] {fx * q[0] / q[2] + cx, fy * q[1] / q[2] + cy, q[2]};
    }

    /**
     * Returns the camera centre in world coordinates, {@code -R^T t}.
     *
     * @return a new 3-array (in metres)
     */
    public double[] centreWorld() {
        double[] c = new double[3];
        for (int j = 0; j < 3; j++) {
            c[j] = -(rotation[j] * translation[0] + rotation[3 + j] * translation[1] + rotation[6 + j] * translation[2]);
        }
        return c;
    }

    /**
     * Tells whether a projected point lies in the image and in front of the camera.
     *
     * @param u pixel x (top-left origin)
     * @param v pixel y (top-left origin)
     * @param depth depth along the optical axis (in metres)
     * @return true if depth &gt; 0 and 0 &le; u &lt; width and 0 &le; v &lt; height
     */
    public boolean inFrame(double u, double v, double depth) {
        return depth > 0 && u >= 0 && u < width && v >= 0 && v < height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PinholeCamera p && fx == p.fx && fy == p.fy && cx == p.cx && cy == p.cy
                && width == p.width && height == p.height && Arrays.equals(rotation, p.rotation)
                && Arrays.equals(translation, p.translation);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {fx, fy, cx, cy, width, height}) * 31 * 31
                + Arrays.hashCode(rotation) * 31 + Arrays.hashCode(translation);
    }

    @Override
    public String toString() {
        return "PinholeCamera[fx=" + fx + ", fy=" + fy + ", cx=" + cx + ", cy=" + cy + ", " + width + "x" + height
                + ", R=" + Arrays.toString(rotation) + ", t=" + Arrays.toString(translation) + "]";
    }
}
