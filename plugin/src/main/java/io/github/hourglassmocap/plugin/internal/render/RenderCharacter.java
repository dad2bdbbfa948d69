package io.github.hourglassmocap.plugin.internal.render;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimComposer;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.SkinningControl;
import com.jme3.asset.AssetManager;
import com.jme3.bounding.BoundingBox;
import com.jme3.bounding.BoundingVolume;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.scene.Node;
import com.jme3.scene.SceneGraphVisitorAdapter;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.plugin.Armatures;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A rigged character loaded for rendering: any jME-loadable model (j3o, Ogre mesh.xml, glTF/glb) or a
 * {@link BuiltInCharacters} short name, normalised to a given height, standing on the floor (y = 0) and
 * centred on the Y axis, facing +Z.
 *
 * <p>The character's {@link AnimComposer} is disabled: a {@link CharacterMotion} poses the joints directly
 * at the requested time. Not thread-safe: after loading, use it from the render thread only.
 */
public final class RenderCharacter {
    private static final Logger LOGGER = Logger.getLogger(RenderCharacter.class.getName());

    private final String description;
    private final String source;
    private final Node node;
    private final Spatial model;
    private final AnimComposer composer;
    private final SkinningControl skinning;
    private final Armature armature;
    private final float heightMetres;
    private final float scale;
    /** The skinned geometry whose mesh space the joints' model transforms live in. */
    private final Spatial skinSpace;
    /** Per joint, how far its skin reaches from it in the bind pose (mesh units); 0 for a joint with no skin. */
    private final float[] skinRadius;

    private RenderCharacter(String description, String source, Node node, Spatial model, AnimComposer composer,
            SkinningControl skinning, float heightMetres, float scale) {
        this.description = description;
        this.source = source;
        this.node = node;
        this.model = model;
        this.composer = composer;
        this.skinning = skinning;
        this.armature = skinning.getArmature();
        this.heightMetres = heightMetres;
        this.scale = scale;
        this.skinSpace = findSkinnedGeometry(model, skinning);
        this.skinRadius = measureSkinRadii(skinning);
    }

    /**
     * For each joint, the largest bind-pose distance from the joint to a vertex it dominates (highest bone
     * weight), in mesh units: how deep under its own skin the joint lies, at most.
     */
    private static float[] measureSkinRadii(SkinningControl skinning) {
        Armature armature = skinning.getArmature();
        int n = armature.getJointCount();
        Vector3f[] bind = new Vector3f[n];
        for (int j = 0; j < n; j++) {
            bind[j] = armature.getJoint(j).getInverseModelBindMatrix().invert().toTranslationVector();
        }
        float[] radius = new float[n];
        for (com.jme3.scene.Mesh mesh : skinning.getTargets()) {
            com.jme3.scene.VertexBuffer pos = mesh.getBuffer(com.jme3.scene.VertexBuffer.Type.BindPosePosition);
            if (pos == null) {
                pos = mesh.getBuffer(com.jme3.scene.VertexBuffer.Type.Position);
            }
            com.jme3.scene.VertexBuffer idx = mesh.getBuffer(com.jme3.scene.VertexBuffer.Type.BoneIndex);
            com.jme3.scene.VertexBuffer wts = mesh.getBuffer(com.jme3.scene.VertexBuffer.Type.BoneWeight);
            if (pos == null || idx == null || wts == null) {
                continue;
            }
            java.nio.FloatBuffer p = (java.nio.FloatBuffer) pos.getDataReadOnly();
            java.nio.Buffer ib = idx.getDataReadOnly();
            java.nio.FloatBuffer wb = (java.nio.FloatBuffer) wts.getDataReadOnly();
            int perVertex = mesh.getMaxNumWeights() > 0 ? 4 : 4;
            int vertices = Math.min(p.limit() / 3, wb.limit() / perVertex);
            for (int v = 0; v < vertices; v++) {
                int best = -1;
                float bestWeight = 0;
                for (int k = 0; k < perVertex; k++) {
                    float w = wb.get(v * perVertex + k);
                    if (w > bestWeight) {
                        bestWeight = w;
                        int i = v * perVertex + k;
                        best = ib instanceof java.nio.ByteBuffer bb ? bb.get(i) & 0xff
                                : ib instanceof java.nio.ShortBuffer sb ? sb.get(i) & 0xffff
                                : ((java.nio.IntBuffer) ib).get(i);
                    }
                }
                if (best >= 0 && best < n) {
                    float dx = p.get(3 * v) - bind[best].x;
                    float dy = p.get(3 * v + 1) - bind[best].y;
                    float dz = p.get(3 * v + 2) - bind[best].z;
                    radius[best] = Math.max(radius[best], (float) Math.sqrt(dx * dx + dy * dy + dz * dz));
                }
            }
        }
        return radius;
    }

    /**
     * Finds the geometry drawn with the skinning control's first target mesh: skinning happens in that
     * mesh's space, so the joints' model transforms map to the world through its world transform (which
     * may differ from the control's own spatial, for example in models exported with an axis fix).
     */
    private static Spatial findSkinnedGeometry(Spatial model, SkinningControl skinning) {
        java.util.Set<com.jme3.scene.Mesh> targets = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        targets.addAll(java.util.Arrays.asList(skinning.getTargets()));
        List<Spatial> found = new ArrayList<>();
        model.depthFirstTraversal(new SceneGraphVisitorAdapter() {
            @Override
            public void visit(com.jme3.scene.Geometry g) {
                if (found.isEmpty() && targets.contains(g.getMesh())) {
                    found.add(g);
                }
            }
        });
        return found.isEmpty() ? skinning.getSpatial() : found.get(0);
    }

    /**
     * Loads and normalises a character.
     *
     * @param assets the asset manager to load with (not null; a file locator is registered on it for a
     *     model given as a file path)
     * @param character a short name ({@link BuiltInCharacters#NAME_LIST}), a path to a model file, or an
     *     asset path on the classpath such as "Models/Oto/Oto.mesh.xml" (not null)
     * @param heightMetres the height to scale the character's bind pose to (in metres, &gt;0, finite)
     * @param extraYawDegrees a turn about +Y added to the catalog's own (in degrees, finite)
     * @return a new character, detached, with its clips ready to play
     * @throws IllegalArgumentException if the character is neither a short name, nor an existing file, nor
     *     an asset on the classpath; or a number is out of range
     * @throws ModelLoadException if the model exists but cannot be loaded, or has no armature
     */
    public static RenderCharacter load(AssetManager assets, String character, double heightMetres, double extraYawDegrees)
            throws ModelLoadException {
        if (assets == null) {
            throw new IllegalArgumentException("assets must not be null");
        }
        if (!(heightMetres > 0) || Double.isInfinite(heightMetres)) {
            throw new IllegalArgumentException("heightMetres " + heightMetres + " must be positive and finite");
        }
        if (!Double.isFinite(extraYawDegrees)) {
            throw new IllegalArgumentException("extraYawDegrees " + extraYawDegrees + " must be finite");
        }
        BuiltInCharacters.LoadedCharacter loaded = BuiltInCharacters.loadCharacter(assets, character);
        Spatial model = loaded.model();
        String sourceText = loaded.source();
        float yaw = (float) extraYawDegrees + loaded.yawDegrees();
        AnimComposer composer = Armatures.findControl(model, AnimComposer.class);
        SkinningControl skinning = Armatures.findControl(model, SkinningControl.class);
        if (skinning == null) {
            throw new ModelLoadException("model " + sourceText + " has no armature (no SkinningControl): "
                    + "render-synthetic needs a rigged character");
        }
        if (composer == null) {
            composer = new AnimComposer();
            model.addControl(composer);
        }
        composer.setEnabled(false);
        Node holder = new Node("character:" + loaded.name());
        holder.attachChild(model);
        model.setCullHint(Spatial.CullHint.Never);
        model.setLocalRotation(new Quaternion().fromAngleAxis(yaw * FastMath.DEG_TO_RAD, Vector3f.UNIT_Y));
        holder.updateModelBound();
        holder.updateGeometricState();
        BoundingVolume bound = holder.getWorldBound();
        if (!(bound instanceof BoundingBox box) || !(box.getYExtent() > 0)) {
            throw new ModelLoadException("model " + sourceText + " has no visible geometry to frame (bound " + bound + ")");
        }
        float s = (float) (heightMetres / (2f * box.getYExtent()));
        Vector3f min = box.getMin(null);
        Vector3f centre = box.getCenter();
        model.setLocalScale(model.getLocalScale().mult(s));
        Vector3f t = model.getLocalTranslation().mult(s);
        model.setLocalTranslation(t.subtractLocal(centre.x * s, min.y * s, centre.z * s));
        holder.updateGeometricState();
        String description = loaded.builtIn() ? loaded.name() : sourceText;
        RenderCharacter result = new RenderCharacter(description, sourceText, holder, model, composer, skinning,
                (float) heightMetres, s);
        LOGGER.log(Level.FINE, "loaded {0}: {1} joints, clips {2}, scale {3}",
                new Object[] {description, result.armature.getJointCount(), result.clipNames(), s});
        return result;
    }

    /**
     * Returns the short name or the path the character was loaded from, for messages.
     *
     * @return a description (not null)
     */
    public String describe() {
        return description;
    }

    /**
     * Returns what was loaded: short name and asset path, or the absolute file path.
     *
     * @return the source (not null)
     */
    public String source() {
        return source;
    }

    /**
     * Returns the node holding the normalised character; attach it to the scene.
     *
     * @return the shared node (not null)
     */
    public Node node() {
        return node;
    }

    /**
     * Returns the character's armature (its joints' model transforms are current after a scene update).
     *
     * @return the shared armature (not null)
     */
    public Armature armature() {
        return armature;
    }

    /**
     * Returns the height the character was scaled to.
     *
     * @return the bind-pose height (in metres)
     */
    public float heightMetres() {
        return heightMetres;
    }

    /**
     * Returns the scale applied to the model to reach that height.
     *
     * @return the scale factor (&gt;0)
     */
    public float scale() {
        return scale;
    }

    /**
     * Lists the clip names, sorted.
     *
     * @return a new sorted, unmodifiable list (may be empty)
     */
    public List<String> clipNames() {
        return Collections.unmodifiableList(new ArrayList<>(new TreeSet<>(composer.getAnimClipsNames())));
    }

    /**
     * Gets a clip by name.
     *
     * @param name the exact clip name (not null)
     * @return the shared clip
     * @throws IllegalArgumentException if there is no such clip; the message lists the clips
     */
    public AnimClip getClip(String name) {
        AnimClip clip = name == null ? null : composer.getAnimClip(name);
        if (clip == null) {
            throw new IllegalArgumentException("character " + description + " has no clip '" + name + "'; its clips: "
                    + clipNames());
        }
        return clip;
    }

    /**
     * Returns how deep under its own skin a joint lies at most: the largest bind-pose distance from the joint
     * to a vertex it dominates, in world units (metres after normalisation).
     *
     * @param joint the joint index (0..jointCount-1)
     * @return the radius (in metres, &ge;0; 0 for a joint that dominates no vertex, such as a helper joint)
     */
    public float skinRadiusMetres(int joint) {
        skinSpace.updateGeometricState();
        return skinRadius[joint] * skinSpace.getWorldScale().x;
    }

    /**
     * Adds a clip (for example one retargeted from a BVH file) to the character's clips.
     *
     * @param clip the clip, animating this character's armature (not null; replaces a clip of the same name)
     */
    public void addClip(AnimClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        composer.addAnimClip(clip);
    }

    /**
     * Computes a joint's world position from its current model transform and the character's world
     * transform (valid after the scene's geometric update).
     *
     * @param joint the joint index (0..jointCount-1)
     * @param store where to write it (modified), or null for a new vector
     * @return the position (in metres, jME world, Y up): store, or a new vector
     */
    public Vector3f jointWorldPosition(int joint, Vector3f store) {
        Joint j = armature.getJoint(joint);
        return skinSpace.getWorldTransform().transformVector(j.getModelTransform().getTranslation(), store);
    }

    /**
     * Measures the space the character occupies while playing a motion, for automatic framing: its bind-pose
     * bounds joined with its joints' positions at evenly spaced times, padded by a tenth of its height (joints
     * lie inside the skin). Poses the armature (the caller's next frame poses it again).
     *
     * @param motion the motion (not null, bound to this character)
     * @param durationSeconds the time span to cover, from 0 (in seconds, &ge;0, finite)
     * @param samples how many times to sample (&ge;1)
     * @return a new extent (in metres, world)
     */
    public CameraSpec.Extent extent(CharacterMotion motion, double durationSeconds, int samples) {
        if (motion == null || !(durationSeconds >= 0) || Double.isInfinite(durationSeconds) || samples < 1) {
            throw new IllegalArgumentException("motion must not be null, durationSeconds " + durationSeconds
                    + " must be >= 0 and finite, samples " + samples + " must be >= 1");
        }
        node.updateGeometricState();
        BoundingBox bind = (BoundingBox) node.getWorldBound();
        double minY = 0;
        double maxY = heightMetres;
        double radius = Math.max(Math.abs(bind.getCenter().x) + bind.getXExtent(), Math.abs(bind.getCenter().z) + bind.getZExtent());
        double pad = 0.1 * heightMetres;
        Vector3f p = new Vector3f();
        for (int k = 0; k < samples; k++) {
            double t = samples == 1 ? 0 : durationSeconds * k / (samples - 1);
            motion.apply(t);
            armature.update();
            node.updateGeometricState();
            for (int j = 0; j < armature.getJointCount(); j++) {
                jointWorldPosition(j, p);
                minY = Math.min(minY, p.y - pad);
                maxY = Math.max(maxY, p.y + pad);
                radius = Math.max(radius, Math.hypot(p.x, p.z) + pad);
            }
        }
        return new CameraSpec.Extent(minY, maxY, radius);
    }

    /**
     * Returns the model as loaded (child of {@link #node()}).
     *
     * @return the shared spatial
     */
    public Spatial model() {
        return model;
    }
}
