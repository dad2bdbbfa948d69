package io.github.hourglassmocap.plugin.internal.render;

import com.jme3.asset.AssetManager;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector2f;
import com.jme3.math.Vector3f;
import com.jme3.renderer.Camera;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.shape.Quad;
import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.util.BufferUtils;
import java.nio.ByteBuffer;

/**
 * The synthetic ground-truth scene: a character playing a motion on a floor in front of a backdrop, seen by
 * a fixed camera, annotated per frame with the camera and every joint's position in world and image.
 *
 * <p>The seed draws the textures of the {@link BackgroundStyle#TEXTURE} style; the same inputs give the
 * same frames.
 */
public final class SyntheticScene implements OffscreenScene<TruthFrame> {
    /** Side of the generated background textures (in pixels). */
    static final int TEXTURE_SIZE = 512;
    private static final float FLOOR_SIZE = 40f;
    private static final float BACKDROP_DISTANCE = 6f;
    /**
     * A joint counts as hidden when the nearest surface drawn at its pixel lies further in front of it than its
     * own skin can reach ({@link RenderCharacter#skinRadiusMetres}) plus this fraction of the character's
     * height; a joint with no skin of its own (a helper joint) uses 5 % of the height as its reach.
     */
    public static final double OCCLUSION_MARGIN = 0.03;

    private final RenderCharacter character;
    private final CharacterMotion motion;
    private final CameraSpec camera;
    private final BackgroundStyle background;
    private final ColorRGBA backgroundColour;
    private final long seed;
    /** Per joint, how far in front of it a surface may lie before it counts as hidden (metres; render thread). */
    private double[] reach;

    /**
     * Creates the scene (nothing is built until {@link #initialize}).
     *
     * @param character the character (not null; its node is attached to the scene)
     * @param motion the motion it plays (not null, bound to that character)
     * @param camera the view (not null; automatic values left in it are resolved for the character standing still,
     *     see {@link CameraSpec#resolve(double, double)}; {@link SyntheticRender} resolves them for the motion)
     * @param background the surroundings (not null)
     * @param backgroundColour the clear colour: what {@link BackgroundStyle#PLAIN} shows (not null, copied)
     * @param seed draws the random textures
     */
    public SyntheticScene(RenderCharacter character, CharacterMotion motion, CameraSpec camera, BackgroundStyle background,
            ColorRGBA backgroundColour, long seed) {
        if (character == null || motion == null || camera == null || background == null || backgroundColour == null) {
            throw new IllegalArgumentException("character, motion, camera, background and backgroundColour must not be null");
        }
        this.character = character;
        this.motion = motion;
        this.camera = camera;
        this.background = background;
        this.backgroundColour = backgroundColour.clone();
        this.seed = seed;
    }

    @Override
    public void initialize(AssetManager assets, Node root, Camera cam, ViewPort viewPort) {
        CameraSpec view = camera.resolve(character.heightMetres(), (double) cam.getWidth() / cam.getHeight());
        view.apply(cam);
        viewPort.setBackgroundColor(backgroundColour);
        root.attachChild(character.node());

        // Key light from above the camera's left shoulder, so the visible side is lit whatever the azimuth.
        float az = (float) Math.toRadians(view.azimuthDegrees());
        Quaternion turn = new Quaternion().fromAngleAxis(az, Vector3f.UNIT_Y);
        DirectionalLight key = new DirectionalLight(turn.mult(new Vector3f(-0.35f, -0.75f, -0.55f)).normalizeLocal(),
                ColorRGBA.White.mult(0.85f));
        DirectionalLight fill = new DirectionalLight(turn.mult(new Vector3f(0.6f, -0.3f, -0.4f)).normalizeLocal(),
                ColorRGBA.White.mult(0.25f));
        root.addLight(key);
        root.addLight(fill);
        root.addLight(new AmbientLight(ColorRGBA.White.mult(0.45f)));

        if (background == BackgroundStyle.PLAIN) {
            return;
        }
        Texture floorTexture = null;
        Texture backdropTexture = null;
        if (background == BackgroundStyle.TEXTURE) {
            floorTexture = texture(RandomTextures.clutter(seed * 2 + 1, TEXTURE_SIZE, 12));
            backdropTexture = texture(RandomTextures.clutter(seed * 2, TEXTURE_SIZE, 40));
        }
        Quad floorMesh = new Quad(FLOOR_SIZE, FLOOR_SIZE);
        floorMesh.scaleTextureCoordinates(new Vector2f(8, 8));
        Geometry floor = new Geometry("floor", floorMesh);
        floor.setMaterial(surface(assets, new ColorRGBA(0.46f, 0.46f, 0.48f, 1f), floorTexture));
        floor.setLocalRotation(new Quaternion().fromAngleAxis(-FastMath.HALF_PI, Vector3f.UNIT_X));
        floor.setLocalTranslation(-FLOOR_SIZE / 2, 0, FLOOR_SIZE / 2);
        root.attachChild(floor);

        float backdropWidth = FLOOR_SIZE;
        float backdropHeight = FLOOR_SIZE / 2;
        Quad backdropMesh = new Quad(backdropWidth, backdropHeight);
        backdropMesh.scaleTextureCoordinates(new Vector2f(2, 1));
        Geometry backdrop = new Geometry("backdrop", backdropMesh);
        backdrop.setMaterial(surface(assets, new ColorRGBA(0.78f, 0.77f, 0.73f, 1f), backdropTexture));
        backdrop.setLocalTranslation(-backdropWidth / 2, 0, 0);
        Node backdropNode = new Node("backdrop");
        backdropNode.attachChild(backdrop);
        backdropNode.setLocalRotation(turn);
        backdropNode.setLocalTranslation(turn.mult(new Vector3f(0, 0, -BACKDROP_DISTANCE)));
        root.attachChild(backdropNode);
    }

    private static Material surface(AssetManager assets, ColorRGBA colour, Texture texture) {
        Material m = new Material(assets, "Common/MatDefs/Light/Lighting.j3md");
        m.setBoolean("UseMaterialColors", true);
        m.setColor("Ambient", texture == null ? colour : ColorRGBA.White);
        m.setColor("Diffuse", texture == null ? colour : ColorRGBA.White);
        if (texture != null) {
            m.setTexture("DiffuseMap", texture);
        }
        return m;
    }

    private static Texture texture(byte[] rgba) {
        ByteBuffer data = BufferUtils.createByteBuffer(rgba.length);
        data.put(rgba).flip();
        Image image = new Image(Image.Format.RGBA8, TEXTURE_SIZE, TEXTURE_SIZE, data, ColorSpace.Linear);
        Texture2D texture = new Texture2D(image);
        texture.setWrap(Texture.WrapMode.Repeat);
        texture.setMinFilter(Texture.MinFilter.Trilinear);
        texture.setMagFilter(Texture.MagFilter.Bilinear);
        return texture;
    }

    @Override
    public void prepareFrame(long frameIndex, double timeSeconds, Camera cam) {
        motion.apply(timeSeconds);
    }

    @Override
    public boolean wantsDepth() {
        return true;
    }

    @Override
    public TruthFrame annotateFrame(long frameIndex, double timeSeconds, Camera cam, DepthMap depthMap) {
        TruthFrame t = annotateFrame(frameIndex, timeSeconds, cam);
        boolean[] visible = new boolean[t.jointCount()];
        if (reach == null) {
            reach = new double[t.jointCount()];
            for (int j = 0; j < reach.length; j++) {
                double skin = character.skinRadiusMetres(j);
                reach[j] = (skin > 0 ? skin : 0.05 * character.heightMetres()) + OCCLUSION_MARGIN * character.heightMetres();
            }
        }
        for (int j = 0; j < visible.length; j++) {
            if (t.inFrame(j)) {
                int x = (int) Math.floor(t.u(j));
                int y = (int) Math.floor(t.v(j));
                visible[j] = depthMap.depthMetres(x, y) >= t.depth()[j] - reach[j];
            }
        }
        return new TruthFrame(t.index(), t.timeSeconds(), t.camera(), t.world(), t.pixels(), t.depth(), t.inFrame(),
                visible);
    }

    @Override
    public TruthFrame annotateFrame(long frameIndex, double timeSeconds, Camera cam) {
        PinholeCamera pinhole = PinholeCamera.fromJme(cam);
        int n = character.armature().getJointCount();
        double[] world = new double[3 * n];
        double[] pixels = new double[2 * n];
        double[] depth = new double[n];
        boolean[] inFrame = new boolean[n];
        Vector3f p = new Vector3f();
        for (int j = 0; j < n; j++) {
            character.jointWorldPosition(j, p);
            world[3 * j] = p.x;
            world[3 * j + 1] = p.y;
            world[3 * j + 2] = p.z;
            double[] uvd = pinhole.project(p.x, p.y, p.z);
            pixels[2 * j] = uvd[0];
            pixels[2 * j + 1] = uvd[1];
            depth[j] = uvd[2];
            inFrame[j] = pinhole.inFrame(uvd[0], uvd[1], uvd[2]);
        }
        return new TruthFrame(frameIndex, timeSeconds, pinhole, world, pixels, depth, inFrame);
    }

    /**
     * Returns the character.
     *
     * @return the shared character
     */
    public RenderCharacter character() {
        return character;
    }

    /**
     * Returns the camera spec as given (possibly with automatic values).
     *
     * @return the spec
     */
    public CameraSpec camera() {
        return camera;
    }

    /**
     * Returns the motion.
     *
     * @return the shared motion
     */
    public CharacterMotion motion() {
        return motion;
    }
}
