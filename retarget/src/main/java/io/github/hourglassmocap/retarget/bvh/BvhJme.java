package io.github.hourglassmocap.retarget.bvh;

import com.jme3.anim.AnimClip;
import com.jme3.anim.AnimTrack;
import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.anim.TransformTrack;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.retarget.internal.skeleton.ForwardKinematics;
import io.github.hourglassmocap.retarget.internal.skeleton.Quat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Converts between BVH and jME's animation system (jme3-anim): a BVH skeleton becomes an {@link Armature}
 * and its motion an {@link AnimClip}; an AnimClip on an Armature becomes a BVH motion.
 *
 * <p>BVH to jME: one joint per BVH joint (End Sites are not joints), local translation = OFFSET x scale,
 * identity rotation; the armature's bind and initial pose is that rest pose. The clip has one
 * {@link TransformTrack} per joint with channels, one keyframe per BVH frame at {@code frame x frameTime}
 * seconds, translations (the OFFSET with the position channels, {@link ForwardKinematics}) x scale and the
 * channels' rotation. Both use
 * Y up and the file's forward, which is jME's convention for BVH files facing +Z.
 *
 * <p>jME to BVH: the armature's joints in depth-first order (an armature with several roots keeps the root
 * with the most joints; the others, usually IK or control bones, are dropped with a log message), OFFSET =
 * the initial local translation x scale, the root with 6 channels, other joints with 3 rotation channels
 * ({@code Zrotation Xrotation Yrotation}) or 6 when the clip moves their translation. The clip is sampled at
 * a chosen rate with {@link TransformTrack#getDataAtTime}. BVH has no scale: the ancestors' scale is folded
 * into each joint's translation the way jME composes model transforms, so every joint position is kept
 * (a scaled mesh's stretch is not).
 *
 * <p>Stateless and thread-safe (the armature and clip given are only read, except where documented).
 */
public final class BvhJme {
    private static final Logger LOG = Logger.getLogger(BvhJme.class.getName());
    private static final List<BvhChannel> ROOT_CHANNELS = List.of(BvhChannel.XPOSITION, BvhChannel.YPOSITION,
            BvhChannel.ZPOSITION, BvhChannel.ZROTATION, BvhChannel.XROTATION, BvhChannel.YROTATION);
    private static final List<BvhChannel> JOINT_CHANNELS = List.of(BvhChannel.ZROTATION, BvhChannel.XROTATION,
            BvhChannel.YROTATION);
    private static final int[] ZXY = {2, 0, 1};

    private BvhJme() {
    }

    /**
     * Builds an armature from a BVH skeleton.
     *
     * @param skeleton the hierarchy (not null)
     * @param metresPerUnit the scale from file units to model units (&gt;0, finite), for example the
     *     {@code Joints17View.metresPerUnit()} of the rig, or 0.01 for centimetres
     * @return a new armature whose joint indices equal the BVH joint indices, bind and initial pose saved
     */
    public static Armature toArmature(BvhSkeleton skeleton, double metresPerUnit) {
        Objects.requireNonNull(skeleton, "skeleton");
        checkScale(metresPerUnit);
        Joint[] joints = new Joint[skeleton.size()];
        for (int i = 0; i < joints.length; i++) {
            BvhJoint b = skeleton.joint(i);
            Joint j = new Joint(b.name());
            j.setLocalTranslation(new Vector3f((float) (b.offset(0) * metresPerUnit), (float) (b.offset(1) * metresPerUnit),
                    (float) (b.offset(2) * metresPerUnit)));
            joints[i] = j;
            if (b.parent() >= 0) {
                joints[b.parent()].addChild(j);
            }
        }
        Armature a = new Armature(joints);
        a.update();
        a.saveBindPose();
        a.saveInitialPose();
        return a;
    }

    /**
     * Builds a clip from a BVH motion for an armature made by {@link #toArmature} (or any armature with
     * joints of the same names).
     *
     * @param motion the motion (not null)
     * @param armature the target armature (not null, unaffected)
     * @param name the clip name (not null)
     * @param metresPerUnit the same scale as the armature's (&gt;0, finite)
     * @return a new clip, one track per joint that has channels and exists in the armature
     */
    public static AnimClip toClip(BvhMotion motion, Armature armature, String name, double metresPerUnit) {
        Objects.requireNonNull(motion, "motion");
        Objects.requireNonNull(armature, "armature");
        Objects.requireNonNull(name, "name");
        checkScale(metresPerUnit);
        BvhSkeleton s = motion.skeleton();
        int n = s.size();
        int frames = motion.frameCount();
        float[] times = new float[frames];
        Vector3f[][] tr = new Vector3f[n][frames];
        Quaternion[][] rot = new Quaternion[n][frames];
        double[] ch = new double[s.channelCount()];
        double[] lr = new double[n * 4];
        double[] lt = new double[n * 3];
        for (int f = 0; f < frames; f++) {
            times[f] = (float) (f * motion.frameTimeSeconds());
            ForwardKinematics.localFromChannels(s, motion.frame(f, ch), lr, lt);
            for (int j = 0; j < n; j++) {
                tr[j][f] = new Vector3f((float) (lt[j * 3] * metresPerUnit), (float) (lt[j * 3 + 1] * metresPerUnit),
                        (float) (lt[j * 3 + 2] * metresPerUnit));
                rot[j][f] = new Quaternion((float) lr[j * 4], (float) lr[j * 4 + 1], (float) lr[j * 4 + 2],
                        (float) lr[j * 4 + 3]);
            }
        }
        List<AnimTrack<?>> tracks = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (s.joint(j).channels().isEmpty()) {
                continue;
            }
            String jointName = s.joint(j).name();
            Joint joint = armature.getJoint(jointName);
            if (joint == null) {
                LOG.fine(() -> "clip " + name + ": armature has no joint " + jointName);
                continue;
            }
            tracks.add(new TransformTrack(joint, times.clone(), tr[j], rot[j], null));
        }
        AnimClip clip = new AnimClip(name);
        clip.setTracks(tracks.toArray(new AnimTrack[0]));
        return clip;
    }

    /**
     * Samples a clip playing on an armature into a BVH motion.
     *
     * @param clip the clip; its transform tracks must target joints of the armature (not null, unaffected)
     * @param armature the armature (not null, unaffected)
     * @param frameRateHz the sampling rate (&gt;0, finite)
     * @param unitsPerMetre the scale from model units to BVH units (&gt;0, finite), for example 100 for centimetres
     * @return a new motion with floor(length x rate) + 1 frames
     */
    public static BvhMotion fromClip(AnimClip clip, Armature armature, double frameRateHz, double unitsPerMetre) {
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(armature, "armature");
        if (!(frameRateHz > 0) || !Double.isFinite(frameRateHz)) {
            throw new IllegalArgumentException("frameRateHz must be > 0 and finite, got " + frameRateHz);
        }
        checkScale(unitsPerMetre);
        List<Joint> order = depthFirst(armature);
        Map<Joint, TransformTrack> trackOf = new HashMap<>();
        for (AnimTrack<?> t : clip.getTracks()) {
            if (t instanceof TransformTrack tt && tt.getTarget() instanceof Joint j) {
                trackOf.put(j, tt);
            }
        }
        int frames = (int) Math.floor(clip.getLength() * frameRateHz + 1e-6) + 1;
        int n = order.size();
        // sample local transforms
        int[] parentOf = new int[n];
        Map<Joint, Integer> position = new HashMap<>();
        for (int k = 0; k < n; k++) {
            position.put(order.get(k), k);
            parentOf[k] = k == 0 ? -1 : position.get(order.get(k).getParent());
        }
        // BVH has no scale. jME composes model transforms as t_model = R_parent (S_parent * t) + T_parent with
        // S_parent the component-wise product of the ancestors' scales, so folding that product into each
        // joint's translation keeps every joint position exact (only the mesh's stretch is lost).
        float[] samples = new float[frames * n * 7];
        float[] restTranslation = new float[n * 3];
        float[] cumulative = new float[n * 3];
        Transform tmp = new Transform();
        boolean scaled = false;
        for (int f = -1; f < frames; f++) {
            double time = Math.min(Math.max(f, 0) / frameRateHz, clip.getLength());
            for (int k = 0; k < n; k++) {
                Joint j = order.get(k);
                tmp.set(j.getInitialTransform());
                TransformTrack tt = trackOf.get(j);
                if (tt != null && f >= 0) {
                    tt.getDataAtTime(time, tmp);
                }
                Vector3f sc = tmp.getScale();
                scaled |= Math.abs(sc.x - 1) > 1e-4 || Math.abs(sc.y - 1) > 1e-4 || Math.abs(sc.z - 1) > 1e-4;
                int p = parentOf[k];
                float px = p < 0 ? 1f : cumulative[p * 3];
                float py = p < 0 ? 1f : cumulative[p * 3 + 1];
                float pz = p < 0 ? 1f : cumulative[p * 3 + 2];
                cumulative[k * 3] = px * sc.x;
                cumulative[k * 3 + 1] = py * sc.y;
                cumulative[k * 3 + 2] = pz * sc.z;
                Vector3f t = tmp.getTranslation();
                if (f < 0) {
                    restTranslation[k * 3] = t.x * px;
                    restTranslation[k * 3 + 1] = t.y * py;
                    restTranslation[k * 3 + 2] = t.z * pz;
                    continue;
                }
                Quaternion q = tmp.getRotation();
                int o = (f * n + k) * 7;
                samples[o] = t.x * px;
                samples[o + 1] = t.y * py;
                samples[o + 2] = t.z * pz;
                samples[o + 3] = q.getX();
                samples[o + 4] = q.getY();
                samples[o + 5] = q.getZ();
                samples[o + 6] = q.getW();
            }
        }
        if (scaled) {
            LOG.fine(() -> "clip " + clip.getName() + " scales joints; folded into the BVH translations");
        }
        // which joints move their translation
        boolean[] moves = new boolean[n];
        for (int k = 0; k < n; k++) {
            Vector3f rest = new Vector3f(restTranslation[k * 3], restTranslation[k * 3 + 1], restTranslation[k * 3 + 2]);
            for (int f = 0; f < frames && !moves[k]; f++) {
                int o = (f * n + k) * 7;
                double d = Math.abs(samples[o] - rest.x) + Math.abs(samples[o + 1] - rest.y)
                        + Math.abs(samples[o + 2] - rest.z);
                moves[k] = d > 1e-5 * (1 + rest.length());
            }
        }
        List<BvhJoint> joints = new ArrayList<>();
        Map<Joint, Integer> index = new HashMap<>();
        int channel = 0;
        for (int k = 0; k < n; k++) {
            Joint j = order.get(k);
            index.put(j, k);
            int parent = k == 0 ? -1 : index.get(j.getParent());
            Vector3f o = new Vector3f(restTranslation[k * 3], restTranslation[k * 3 + 1], restTranslation[k * 3 + 2]);
            List<BvhChannel> channels = (k == 0 || moves[k]) ? ROOT_CHANNELS : JOINT_CHANNELS;
            joints.add(new BvhJoint(j.getName(), k, parent, new double[] {o.x * unitsPerMetre, o.y * unitsPerMetre,
                o.z * unitsPerMetre}, channels, channel, null));
            channel += channels.size();
        }
        BvhSkeleton skeleton = new BvhSkeleton(joints);
        float[] data = new float[frames * skeleton.channelCount()];
        double[] q = new double[4];
        double[] euler = new double[3];
        for (int f = 0; f < frames; f++) {
            int c = f * skeleton.channelCount();
            for (int k = 0; k < n; k++) {
                int o = (f * n + k) * 7;
                BvhJoint b = joints.get(k);
                if (b.channels().size() == 6) {
                    // the reader's convention: positions replace the offset, or add to it on a root
                    double base = skeleton.positionsReplaceOffset(k) ? 0 : 1;
                    for (int a = 0; a < 3; a++) {
                        data[c++] = (float) (samples[o + a] * unitsPerMetre - base * b.offset(a));
                    }
                }
                q[0] = samples[o + 3];
                q[1] = samples[o + 4];
                q[2] = samples[o + 5];
                q[3] = samples[o + 6];
                double norm = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
                for (int a = 0; a < 4; a++) {
                    q[a] = norm > 0 ? q[a] / norm : (a == 3 ? 1 : 0);
                }
                Quat.toEuler(q, 0, ZXY, euler);
                data[c++] = (float) Math.toDegrees(euler[0]);
                data[c++] = (float) Math.toDegrees(euler[1]);
                data[c++] = (float) Math.toDegrees(euler[2]);
            }
        }
        return new BvhMotion(skeleton, 1.0 / frameRateHz, frames, data);
    }

    /** The joints below the largest root, parents first. */
    private static List<Joint> depthFirst(Armature armature) {
        Joint[] roots = armature.getRoots();
        if (roots.length == 0) {
            throw new IllegalArgumentException("the armature has no joints");
        }
        Joint best = roots[0];
        int bestSize = -1;
        for (Joint r : roots) {
            int size = collect(r, new ArrayList<>()).size();
            if (size > bestSize) {
                bestSize = size;
                best = r;
            }
        }
        if (roots.length > 1) {
            List<String> dropped = new ArrayList<>();
            for (Joint r : roots) {
                if (r != best) {
                    for (Joint j : collect(r, new ArrayList<>())) {
                        dropped.add(j.getName());
                    }
                }
            }
            LOG.info("BVH has one root: keeping '" + best.getName() + "', dropping the other roots' joints " + dropped);
        }
        return collect(best, new ArrayList<>());
    }

    private static List<Joint> collect(Joint j, List<Joint> out) {
        out.add(j);
        for (Joint c : j.getChildren()) {
            collect(c, out);
        }
        return out;
    }

    private static void checkScale(double s) {
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalArgumentException("scale must be > 0 and finite, got " + s);
        }
    }
}
