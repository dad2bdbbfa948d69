package io.github.hourglassmocap.plugin.internal.render;

import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import java.util.Locale;

/**
 * Where the synthetic camera stands, relative to a character standing at the origin and facing +Z: it looks
 * at a point on the Y axis from a distance, an azimuth and an elevation.
 *
 * <p>Azimuth 0 puts the camera in front of the character (on +Z); positive azimuths move it towards +X (the
 * character's left side), so 90 is a side view and 180 a back view. Elevation is the angle of the camera
 * above the horizontal through the target. NaN in {@code distanceMetres} or {@code targetHeightMetres}
 * means "automatic": the target is at mid-height and the distance frames the whole character with a margin.
 *
 * @param distanceMetres distance from the target (in metres, &gt;0, or NaN for automatic)
 * @param azimuthDegrees turn about +Y from the front (in degrees, finite)
 * @param elevationDegrees angle above the horizontal (in degrees, in (-90, 90))
 * @param targetHeightMetres height of the point looked at (in metres, finite, or NaN for automatic)
 * @param fovDegrees vertical field of view (in degrees, in (1, 170))
 */
public record CameraSpec(double distanceMetres, double azimuthDegrees, double elevationDegrees,
        double targetHeightMetres, double fovDegrees) {
    /** Fraction of the frame height the character's bind pose fills at the automatic distance. */
    public static final double AUTO_FILL = 0.75;
    /** Near clipping plane (in metres). */
    public static final float NEAR_METRES = 0.05f;
    /** Far clipping plane (in metres). */
    public static final float FAR_METRES = 200f;

    /** The default view: front, slightly above, automatic framing, 40 degrees vertical field of view. */
    public static final CameraSpec DEFAULT = new CameraSpec(Double.NaN, 0, 8, Double.NaN, 40);

    /**
     * Validates the fields.
     */
    public CameraSpec {
        if (!Double.isNaN(distanceMetres) && (!(distanceMetres > 0) || Double.isInfinite(distanceMetres))) {
            throw new IllegalArgumentException("camera distance " + distanceMetres + " must be positive (metres)");
        }
        if (!Double.isFinite(azimuthDegrees)) {
            throw new IllegalArgumentException("camera azimuth " + azimuthDegrees + " must be finite (degrees)");
        }
        if (!(elevationDegrees > -90 && elevationDegrees < 90)) {
            throw new IllegalArgumentException("camera elevation " + elevationDegrees + " must be within (-90, 90) degrees");
        }
        if (Double.isInfinite(targetHeightMetres)) {
            throw new IllegalArgumentException("camera height " + targetHeightMetres + " must be finite (metres)");
        }
        if (!(fovDegrees > 1 && fovDegrees < 170)) {
            throw new IllegalArgumentException("camera fov " + fovDegrees + " must be within (1, 170) degrees");
        }
    }

    /**
     * Parses a spec such as {@code "distance=4.5,azimuth=30,elevation=10,height=1.0,fov=45"}. Keys may come
     * in any order; missing keys take their value from {@code base}; "auto" is accepted for distance and
     * height.
     *
     * @param text the spec (not null; empty means base)
     * @param base the values of missing keys (not null)
     * @return a new spec
     * @throws IllegalArgumentException naming the bad key or value and the valid keys
     */
    public static CameraSpec parse(String text, CameraSpec base) {
        if (text == null || base == null) {
            throw new IllegalArgumentException("camera spec and base must not be null");
        }
        double distance = base.distanceMetres;
        double azimuth = base.azimuthDegrees;
        double elevation = base.elevationDegrees;
        double height = base.targetHeightMetres;
        double fov = base.fovDegrees;
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("camera spec item '" + p + "' is not key=value; keys: "
                        + "[distance, azimuth, elevation, height, fov]");
            }
            String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            switch (key) {
                case "distance" -> distance = number(key, value, true);
                case "azimuth" -> azimuth = number(key, value, false);
                case "elevation" -> elevation = number(key, value, false);
                case "height" -> height = number(key, value, true);
                case "fov" -> fov = number(key, value, false);
                default -> throw new IllegalArgumentException("unknown camera key '" + key
                        + "'; expected one of [distance, azimuth, elevation, height, fov]");
            }
        }
        return new CameraSpec(distance, azimuth, elevation, height, fov);
    }

    private static double number(String key, String value, boolean autoAllowed) {
        if (autoAllowed && value.equalsIgnoreCase("auto")) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(value);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("camera " + key + " '" + value + "' is not a finite number"
                    + (autoAllowed ? " or 'auto'" : ""), e);
        }
    }

    /**
     * Returns a copy with some fields replaced; NaN (or null) arguments keep the current value.
     *
     * @param distance new distance (in metres) or null
     * @param azimuth new azimuth (in degrees) or null
     * @param elevation new elevation (in degrees) or null
     * @param height new target height (in metres) or null
     * @param fov new vertical field of view (in degrees) or null
     * @return a new spec
     */
    public CameraSpec with(Double distance, Double azimuth, Double elevation, Double height, Double fov) {
        return new CameraSpec(distance != null ? distance : distanceMetres, azimuth != null ? azimuth : azimuthDegrees,
                elevation != null ? elevation : elevationDegrees, height != null ? height : targetHeightMetres,
                fov != null ? fov : fovDegrees);
    }

    /**
     * The space a character occupies over a render, around the Y axis: what automatic framing must fit.
     *
     * @param minY lowest point (in metres, finite)
     * @param maxY highest point (in metres, &gt; minY)
     * @param radius largest horizontal distance from the Y axis (in metres, &ge;0)
     */
    public record Extent(double minY, double maxY, double radius) {
        /**
         * Validates the fields.
         */
        public Extent {
            if (!Double.isFinite(minY) || !Double.isFinite(maxY) || !(maxY > minY)) {
                throw new IllegalArgumentException("extent y range [" + minY + ", " + maxY + "] must be finite and non-empty");
            }
            if (!(radius >= 0) || Double.isInfinite(radius)) {
                throw new IllegalArgumentException("extent radius " + radius + " must be >= 0 and finite");
            }
        }

        /**
         * The extent of a character standing still: from the floor to its height, arms' reach about 0.45 of it.
         *
         * @param heightMetres the height (in metres, &gt;0)
         * @return a new extent
         */
        public static Extent standing(double heightMetres) {
            return new Extent(0, heightMetres, 0.45 * heightMetres);
        }
    }

    /**
     * Resolves the automatic values for a character standing still ({@link Extent#standing}).
     *
     * @param characterHeightMetres the character's height (in metres, &gt;0)
     * @param aspect image width / height (&gt;0)
     * @return a new spec with no NaN (this one if nothing was automatic)
     */
    public CameraSpec resolve(double characterHeightMetres, double aspect) {
        if (!(characterHeightMetres > 0)) {
            throw new IllegalArgumentException("character height " + characterHeightMetres + " must be positive");
        }
        return resolve(Extent.standing(characterHeightMetres), aspect);
    }

    /**
     * Resolves the automatic values so that an extent fits: the target at its mid-height, and the distance at
     * which its height fills {@link #AUTO_FILL} of the frame height and its diameter the same share of the
     * width, whichever is further.
     *
     * @param extent what must be seen (not null)
     * @param aspect image width / height (&gt;0)
     * @return a new spec with no NaN (this one if nothing was automatic)
     */
    public CameraSpec resolve(Extent extent, double aspect) {
        if (extent == null || !(aspect > 0) || Double.isInfinite(aspect)) {
            throw new IllegalArgumentException("extent must not be null and aspect " + aspect + " must be positive");
        }
        double target = Double.isNaN(targetHeightMetres) ? 0.5 * (extent.minY() + extent.maxY()) : targetHeightMetres;
        double distance = distanceMetres;
        if (Double.isNaN(distance)) {
            double halfV = Math.tan(Math.toRadians(fovDegrees) / 2);
            double halfH = halfV * aspect;
            double needV = 0.5 * (extent.maxY() - extent.minY()) / AUTO_FILL;
            double needH = extent.radius() / AUTO_FILL;
            distance = Math.max(needV / halfV, needH / halfH);
        }
        return new CameraSpec(distance, azimuthDegrees, elevationDegrees, target, fovDegrees);
    }

    /**
     * Places a jME camera (its width and height stay as they are).
     *
     * @param camera the camera (modified)
     * @throws IllegalStateException if a value is still automatic (call {@link #resolve} first)
     */
    public void apply(Camera camera) {
        if (Double.isNaN(distanceMetres) || Double.isNaN(targetHeightMetres)) {
            throw new IllegalStateException("camera spec has automatic values; resolve it first: " + this);
        }
        float aspect = (float) camera.getWidth() / camera.getHeight();
        camera.setFrustumPerspective((float) fovDegrees, aspect, NEAR_METRES, FAR_METRES);
        Vector3f target = new Vector3f(0, (float) targetHeightMetres, 0);
        float az = (float) Math.toRadians(azimuthDegrees);
        float el = (float) Math.toRadians(elevationDegrees);
        float d = (float) distanceMetres;
        Vector3f offset = new Vector3f(d * FastMath.cos(el) * FastMath.sin(az), d * FastMath.sin(el),
                d * FastMath.cos(el) * FastMath.cos(az));
        camera.setLocation(target.add(offset));
        camera.lookAt(target, Vector3f.UNIT_Y);
    }

    /**
     * Formats the spec in the syntax {@link #parse} reads.
     *
     * @return for example "distance=4.5,azimuth=30,elevation=10,height=0.9,fov=40"
     */
    public String format() {
        return "distance=" + fmt(distanceMetres) + ",azimuth=" + fmt(azimuthDegrees) + ",elevation="
                + fmt(elevationDegrees) + ",height=" + fmt(targetHeightMetres) + ",fov=" + fmt(fovDegrees);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "auto"
                : new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
