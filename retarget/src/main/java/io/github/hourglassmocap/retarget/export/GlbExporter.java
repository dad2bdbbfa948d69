package io.github.hourglassmocap.retarget.export;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimTrack;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.SkinningControl;
import com.jme3.anim.TransformTrack;
import com.jme3.asset.AssetInfo;
import com.jme3.asset.AssetManager;
import com.jme3.asset.TextureKey;
import com.jme3.material.MatParamTexture;
import com.jme3.math.Matrix4f;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.Spatial;
import com.jme3.scene.VertexBuffer;
import com.jme3.texture.Texture;
import io.github.hourglassmocap.inference.MocapIOException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Writes a skinned character and a clip as binary glTF 2.0 ({@code .glb}): the armature as a node hierarchy
 * in its rest pose, a skin with the armature's inverse bind matrices, every skinned mesh (positions, normals,
 * texture coordinates, four joint weights, indices), a material with the diffuse texture embedded when it can
 * be read, and the clip as one animation with linear samplers. Written with Gson against the glTF 2.0
 * specification (see docs/retarget.md for why no glTF library is used). Atomic.
 */
public final class GlbExporter {
    private static final Logger LOG = Logger.getLogger(GlbExporter.class.getName());
    private static final int FLOAT = 5126;
    private static final int UNSIGNED_SHORT = 5123;
    private static final int UNSIGNED_INT = 5125;
    private static final int ARRAY_BUFFER = 34962;
    private static final int ELEMENT_ARRAY_BUFFER = 34963;

    private final ByteArrayOutputStream bin = new ByteArrayOutputStream();
    private final JsonArray bufferViews = new JsonArray();
    private final JsonArray accessors = new JsonArray();
    private final JsonArray nodes = new JsonArray();
    private final JsonArray meshes = new JsonArray();
    private final JsonArray materials = new JsonArray();
    private final JsonArray textures = new JsonArray();
    private final JsonArray images = new JsonArray();

    private GlbExporter() {
    }

    /**
     * Exports a character and a clip.
     *
     * @param model the character, with a SkinningControl whose armature the clip animates (not null; its
     *     armature is put in the rest pose)
     * @param clip the clip (not null; transform tracks targeting the model's joints)
     * @param assets used to read texture files for embedding (may be null: no textures)
     * @param file the .glb to write (not null)
     * @throws MocapIOException if writing fails
     * @throws IllegalArgumentException if the model has no skinned mesh
     */
    public static void export(Spatial model, AnimClip clip, AssetManager assets, Path file) throws MocapIOException {
        byte[] glb = new GlbExporter().build(model, clip, assets);
        ExportFiles.write(file, out -> out.write(glb));
    }

    private byte[] build(Spatial model, AnimClip clip, AssetManager assets) {
        SkinningControl sc = null;
        List<Spatial> list = new ArrayList<>();
        model.depthFirstTraversal(list::add);
        for (Spatial s : list) {
            if (sc == null) {
                sc = s.getControl(SkinningControl.class);
            }
        }
        if (sc == null) {
            throw new IllegalArgumentException("model '" + model.getName() + "' has no SkinningControl; nothing to export as a skin");
        }
        Armature armature = sc.getArmature();
        armature.applyInitialPose();
        armature.update();
        int n = armature.getJointCount();
        // Node 0 is the scene root; node 1 + id is joint id; mesh nodes follow.
        JsonObject root = new JsonObject();
        root.addProperty("name", model.getName() == null ? "character" : model.getName());
        JsonArray rootChildren = new JsonArray();
        nodes.add(root);
        for (int i = 0; i < n; i++) {
            Joint j = armature.getJoint(i);
            JsonObject node = new JsonObject();
            node.addProperty("name", j.getName());
            Transform t = j.getInitialTransform();
            node.add("translation", vec(t.getTranslation()));
            node.add("rotation", quat(t.getRotation().clone().normalizeLocal()));
            node.add("scale", vec(t.getScale()));
            if (!j.getChildren().isEmpty()) {
                JsonArray children = new JsonArray();
                for (Joint c : j.getChildren()) {
                    children.add(1 + c.getId());
                }
                node.add("children", children);
            }
            nodes.add(node);
        }
        for (Joint r : armature.getRoots()) {
            rootChildren.add(1 + r.getId());
        }
        float[] ibm = new float[16 * n];
        for (int i = 0; i < n; i++) {
            Matrix4f m = armature.getJoint(i).getInverseModelBindMatrix();
            for (int c = 0; c < 4; c++) {
                for (int r = 0; r < 4; r++) {
                    ibm[16 * i + 4 * c + r] = m.get(r, c);
                }
            }
        }
        JsonObject skin = new JsonObject();
        JsonArray skinJoints = new JsonArray();
        for (int i = 0; i < n; i++) {
            skinJoints.add(1 + i);
        }
        skin.add("joints", skinJoints);
        skin.addProperty("inverseBindMatrices", accessor(floats(ibm), FLOAT, n, "MAT4", null, null, -1));
        skin.addProperty("skeleton", 1 + armature.getRoots()[0].getId());
        int meshCount = 0;
        for (Spatial s : list) {
            if (s instanceof Geometry && ((Geometry) s).getMesh().getBuffer(VertexBuffer.Type.BoneIndex) != null) {
                Geometry g = (Geometry) s;
                int mesh = addMesh(g, assets);
                if (mesh < 0) {
                    continue;
                }
                JsonObject node = new JsonObject();
                node.addProperty("name", g.getName() == null ? "mesh" + mesh : g.getName());
                node.addProperty("mesh", mesh);
                node.addProperty("skin", 0);
                rootChildren.add(nodes.size());
                nodes.add(node);
                meshCount++;
            }
        }
        if (meshCount == 0) {
            throw new IllegalArgumentException("model '" + model.getName() + "' has no skinned triangle mesh to export");
        }
        root.add("children", rootChildren);
        JsonObject animation = animation(clip);

        JsonObject gltf = new JsonObject();
        JsonObject asset = new JsonObject();
        asset.addProperty("version", "2.0");
        asset.addProperty("generator", "hourglass-mocap GlbExporter");
        gltf.add("asset", asset);
        gltf.addProperty("scene", 0);
        JsonArray scenes = new JsonArray();
        JsonObject scene = new JsonObject();
        JsonArray sceneNodes = new JsonArray();
        sceneNodes.add(0);
        scene.add("nodes", sceneNodes);
        scenes.add(scene);
        gltf.add("scenes", scenes);
        gltf.add("nodes", nodes);
        gltf.add("meshes", meshes);
        JsonArray skins = new JsonArray();
        skins.add(skin);
        gltf.add("skins", skins);
        if (animation != null) {
            JsonArray anims = new JsonArray();
            anims.add(animation);
            gltf.add("animations", anims);
        }
        if (!materials.isEmpty()) {
            gltf.add("materials", materials);
        }
        if (!images.isEmpty()) {
            gltf.add("images", images);
            gltf.add("textures", textures);
            JsonArray samplers = new JsonArray();
            JsonObject sampler = new JsonObject();
            sampler.addProperty("magFilter", 9729);
            sampler.addProperty("minFilter", 9987);
            samplers.add(sampler);
            gltf.add("samplers", samplers);
        }
        gltf.add("accessors", accessors);
        gltf.add("bufferViews", bufferViews);
        JsonArray buffers = new JsonArray();
        JsonObject buffer = new JsonObject();
        pad(bin, (byte) 0);
        buffer.addProperty("byteLength", bin.size());
        buffers.add(buffer);
        gltf.add("buffers", buffers);
        return glb(new Gson().toJson(gltf), bin.toByteArray());
    }

    private int addMesh(Geometry g, AssetManager assets) {
        Mesh mesh = g.getMesh();
        if (mesh.getMode() != Mesh.Mode.Triangles) {
            LOG.warning(() -> "skipping mesh '" + g.getName() + "': mode " + mesh.getMode() + " is not Triangles");
            return -1;
        }
        int vertices = mesh.getVertexCount();
        FloatBuffer pos = floatBuffer(mesh, VertexBuffer.Type.BindPosePosition, VertexBuffer.Type.Position);
        FloatBuffer nrm = floatBuffer(mesh, VertexBuffer.Type.BindPoseNormal, VertexBuffer.Type.Normal);
        FloatBuffer uv = floatBuffer(mesh, VertexBuffer.Type.TexCoord, null);
        float[] p = new float[vertices * 3];
        pos.rewind();
        pos.get(p, 0, p.length);
        float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] max = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < p.length; i++) {
            min[i % 3] = Math.min(min[i % 3], p[i]);
            max[i % 3] = Math.max(max[i % 3], p[i]);
        }
        JsonObject attributes = new JsonObject();
        attributes.addProperty("POSITION", accessor(floats(p), FLOAT, vertices, "VEC3", min, max, ARRAY_BUFFER));
        if (nrm != null) {
            float[] q = new float[vertices * 3];
            nrm.rewind();
            nrm.get(q, 0, q.length);
            for (int i = 0; i < vertices; i++) {
                Vector3f v = new Vector3f(q[3 * i], q[3 * i + 1], q[3 * i + 2]);
                if (v.lengthSquared() < 1e-12f) {
                    v.set(0, 1, 0);
                }
                v.normalizeLocal();
                q[3 * i] = v.x;
                q[3 * i + 1] = v.y;
                q[3 * i + 2] = v.z;
            }
            attributes.addProperty("NORMAL", accessor(floats(q), FLOAT, vertices, "VEC3", null, null, ARRAY_BUFFER));
        }
        Texture texture = diffuse(g);
        boolean flip = texture != null && texture.getKey() instanceof TextureKey && ((TextureKey) texture.getKey()).isFlipY();
        if (uv != null && mesh.getBuffer(VertexBuffer.Type.TexCoord).getNumComponents() == 2) {
            float[] t = new float[vertices * 2];
            uv.rewind();
            uv.get(t, 0, t.length);
            if (flip) {
                for (int i = 1; i < t.length; i += 2) {
                    t[i] = 1 - t[i];
                }
            }
            attributes.addProperty("TEXCOORD_0", accessor(floats(t), FLOAT, vertices, "VEC2", null, null, ARRAY_BUFFER));
        }
        VertexBuffer bi = mesh.getBuffer(VertexBuffer.Type.BoneIndex);
        VertexBuffer bw = mesh.getBuffer(VertexBuffer.Type.BoneWeight);
        int comps = bi.getNumComponents();
        short[] joints = new short[vertices * 4];
        float[] weights = new float[vertices * 4];
        Buffer ib = bi.getData();
        FloatBuffer wb = (FloatBuffer) bw.getData();
        for (int v = 0; v < vertices; v++) {
            float sum = 0;
            for (int k = 0; k < 4; k++) {
                int idx = v * comps + k;
                int joint = k < comps ? index(ib, idx) : 0;
                float w = k < bw.getNumComponents() ? wb.get(v * bw.getNumComponents() + k) : 0f;
                joints[4 * v + k] = (short) joint;
                weights[4 * v + k] = Math.max(0f, w);
                sum += Math.max(0f, w);
            }
            if (sum <= 0) {
                weights[4 * v] = 1f;
                joints[4 * v] = 0;
            } else {
                for (int k = 0; k < 4; k++) {
                    weights[4 * v + k] /= sum;
                }
            }
        }
        ByteBuffer jb = ByteBuffer.allocate(joints.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : joints) {
            jb.putShort(s);
        }
        attributes.addProperty("JOINTS_0", accessor(jb.array(), UNSIGNED_SHORT, vertices, "VEC4", null, null, ARRAY_BUFFER));
        attributes.addProperty("WEIGHTS_0", accessor(floats(weights), FLOAT, vertices, "VEC4", null, null, ARRAY_BUFFER));
        VertexBuffer indexBuffer = mesh.getBuffer(VertexBuffer.Type.Index);
        JsonObject primitive = new JsonObject();
        primitive.add("attributes", attributes);
        primitive.addProperty("mode", 4);
        if (indexBuffer != null) {
            Buffer data = indexBuffer.getData();
            int count = data.limit();
            ByteBuffer out = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                out.putInt(index(data, i));
            }
            primitive.addProperty("indices", accessor(out.array(), UNSIGNED_INT, count, "SCALAR", null, null, ELEMENT_ARRAY_BUFFER));
        }
        int material = material(texture, assets);
        if (material >= 0) {
            primitive.addProperty("material", material);
        }
        JsonObject m = new JsonObject();
        m.addProperty("name", g.getName() == null ? "mesh" : g.getName());
        JsonArray prims = new JsonArray();
        prims.add(primitive);
        m.add("primitives", prims);
        meshes.add(m);
        return meshes.size() - 1;
    }

    private static Texture diffuse(Geometry g) {
        if (g.getMaterial() == null) {
            return null;
        }
        for (String name : new String[] {"DiffuseMap", "ColorMap", "BaseColorMap"}) {
            MatParamTexture p = g.getMaterial().getTextureParam(name);
            if (p != null && p.getTextureValue() != null) {
                return p.getTextureValue();
            }
        }
        return null;
    }

    private int material(Texture texture, AssetManager assets) {
        JsonObject mat = new JsonObject();
        JsonObject pbr = new JsonObject();
        pbr.addProperty("metallicFactor", 0);
        pbr.addProperty("roughnessFactor", 1);
        mat.add("pbrMetallicRoughness", pbr);
        if (texture != null && assets != null && texture.getKey() != null) {
            String name = texture.getKey().getName();
            String lower = name.toLowerCase(Locale.ROOT);
            String mime = lower.endsWith(".png") ? "image/png" : lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "image/jpeg" : null;
            if (mime != null) {
                AssetInfo info = assets.locateAsset(texture.getKey());
                if (info != null) {
                    try (InputStream in = info.openStream()) {
                        byte[] bytes = in.readAllBytes();
                        JsonObject image = new JsonObject();
                        image.addProperty("bufferView", view(bytes, -1));
                        image.addProperty("mimeType", mime);
                        images.add(image);
                        JsonObject tex = new JsonObject();
                        tex.addProperty("source", images.size() - 1);
                        tex.addProperty("sampler", 0);
                        textures.add(tex);
                        JsonObject ref = new JsonObject();
                        ref.addProperty("index", textures.size() - 1);
                        pbr.add("baseColorTexture", ref);
                    } catch (IOException e) {
                        LOG.warning(() -> "texture " + name + " not embedded: " + e.getMessage());
                    }
                }
            } else {
                LOG.info(() -> "texture " + name + " not embedded: glTF takes PNG or JPEG only");
            }
        }
        materials.add(mat);
        return materials.size() - 1;
    }

    private JsonObject animation(AnimClip clip) {
        JsonArray samplers = new JsonArray();
        JsonArray channels = new JsonArray();
        for (AnimTrack<?> track : clip.getTracks()) {
            if (!(track instanceof TransformTrack) || !(((TransformTrack) track).getTarget() instanceof Joint)) {
                continue;
            }
            TransformTrack tt = (TransformTrack) track;
            Joint joint = (Joint) tt.getTarget();
            float[] times = tt.getTimes();
            float[] tmin = {times[0]};
            float[] tmax = {times[times.length - 1]};
            int input = accessor(floats(times), FLOAT, times.length, "SCALAR", tmin, tmax, -1);
            if (tt.getRotations() != null) {
                Quaternion[] r = tt.getRotations();
                float[] d = new float[r.length * 4];
                for (int i = 0; i < r.length; i++) {
                    Quaternion q = r[i].clone().normalizeLocal();
                    d[4 * i] = q.getX();
                    d[4 * i + 1] = q.getY();
                    d[4 * i + 2] = q.getZ();
                    d[4 * i + 3] = q.getW();
                }
                channel(samplers, channels, input, accessor(floats(d), FLOAT, r.length, "VEC4", null, null, -1), joint, "rotation");
            }
            if (tt.getTranslations() != null) {
                channel(samplers, channels, input, accessor(floats(flatten(tt.getTranslations())), FLOAT,
                        tt.getTranslations().length, "VEC3", null, null, -1), joint, "translation");
            }
            if (tt.getScales() != null) {
                channel(samplers, channels, input, accessor(floats(flatten(tt.getScales())), FLOAT,
                        tt.getScales().length, "VEC3", null, null, -1), joint, "scale");
            }
        }
        if (channels.isEmpty()) {
            return null;
        }
        JsonObject a = new JsonObject();
        a.addProperty("name", clip.getName());
        a.add("samplers", samplers);
        a.add("channels", channels);
        return a;
    }

    private static void channel(JsonArray samplers, JsonArray channels, int input, int output, Joint joint, String path) {
        JsonObject s = new JsonObject();
        s.addProperty("input", input);
        s.addProperty("output", output);
        s.addProperty("interpolation", "LINEAR");
        samplers.add(s);
        JsonObject c = new JsonObject();
        c.addProperty("sampler", samplers.size() - 1);
        JsonObject target = new JsonObject();
        target.addProperty("node", 1 + joint.getId());
        target.addProperty("path", path);
        c.add("target", target);
        channels.add(c);
    }

    private static float[] flatten(Vector3f[] v) {
        float[] d = new float[v.length * 3];
        for (int i = 0; i < v.length; i++) {
            d[3 * i] = v[i].x;
            d[3 * i + 1] = v[i].y;
            d[3 * i + 2] = v[i].z;
        }
        return d;
    }

    private static FloatBuffer floatBuffer(Mesh mesh, VertexBuffer.Type preferred, VertexBuffer.Type fallback) {
        VertexBuffer vb = mesh.getBuffer(preferred);
        if (vb == null && fallback != null) {
            vb = mesh.getBuffer(fallback);
        }
        if (vb == null || !(vb.getData() instanceof FloatBuffer)) {
            return null;
        }
        return ((FloatBuffer) vb.getData()).duplicate();
    }

    private static int index(Buffer b, int i) {
        if (b instanceof ByteBuffer) {
            return ((ByteBuffer) b).get(i) & 0xff;
        }
        if (b instanceof ShortBuffer) {
            return ((ShortBuffer) b).get(i) & 0xffff;
        }
        if (b instanceof IntBuffer) {
            return ((IntBuffer) b).get(i);
        }
        throw new IllegalArgumentException("unsupported index buffer " + b.getClass().getSimpleName());
    }

    private static byte[] floats(float[] f) {
        ByteBuffer b = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : f) {
            b.putFloat(v);
        }
        return b.array();
    }

    private int view(byte[] data, int target) {
        pad(bin, (byte) 0);
        JsonObject v = new JsonObject();
        v.addProperty("buffer", 0);
        v.addProperty("byteOffset", bin.size());
        v.addProperty("byteLength", data.length);
        if (target > 0) {
            v.addProperty("target", target);
        }
        bin.write(data, 0, data.length);
        bufferViews.add(v);
        return bufferViews.size() - 1;
    }

    private int accessor(byte[] data, int componentType, int count, String type, float[] min, float[] max, int target) {
        JsonObject a = new JsonObject();
        a.addProperty("bufferView", view(data, target));
        a.addProperty("componentType", componentType);
        a.addProperty("count", count);
        a.addProperty("type", type);
        if (min != null) {
            a.add("min", array(min));
            a.add("max", array(max));
        }
        accessors.add(a);
        return accessors.size() - 1;
    }

    private static JsonArray array(float[] v) {
        JsonArray a = new JsonArray();
        for (float f : v) {
            a.add(f);
        }
        return a;
    }

    private static JsonArray vec(Vector3f v) {
        return array(new float[] {v.x, v.y, v.z});
    }

    private static JsonArray quat(Quaternion q) {
        return array(new float[] {q.getX(), q.getY(), q.getZ(), q.getW()});
    }

    private static void pad(ByteArrayOutputStream out, byte value) {
        while (out.size() % 4 != 0) {
            out.write(value);
        }
    }

    private static byte[] glb(String json, byte[] binary) {
        ByteArrayOutputStream j = new ByteArrayOutputStream();
        byte[] jb = json.getBytes(StandardCharsets.UTF_8);
        j.write(jb, 0, jb.length);
        pad(j, (byte) ' ');
        int total = 12 + 8 + j.size() + 8 + binary.length;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x46546C67);
        out.putInt(2);
        out.putInt(total);
        out.putInt(j.size());
        out.putInt(0x4E4F534A);
        out.put(j.toByteArray());
        out.putInt(binary.length);
        out.putInt(0x004E4942);
        out.put(binary);
        return out.array();
    }
}
