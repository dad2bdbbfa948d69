package io.github.hourglassmocap.retarget.solve;

import static io.github.hourglassmocap.inference.joints.H36mJoints.*;

import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.internal.skeleton.ScratchArmatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

/**
 * A character's armature read once for retargeting: its rest pose (the armature's initial pose), the axes the
 * character faces in, the rest shape (T-pose, A-pose), each mapped bone's rest model transform, the spine and
 * neck chains the solver spreads bending over, and the 17-joint view of the rig in any pose. Immutable after
 * construction; {@link #view17} poses the armature it was built from, so use one rig per thread.
 */
public final class CharacterRig {
    private static final Logger LOG = Logger.getLogger(CharacterRig.class.getName());

    private final Armature armature;
    private final HumanoidMap map;
    private final int[] boneJoint;
    private final Transform[] restLocal;
    private final Quaternion[] restModelRotation;
    private final Transform[] restModel;
    private final int[] topologicalOrder;
    private final Vector3f[] restModelPosition;
    private final Vector3f[] rest17;
    private final Vector3f up;
    private final Vector3f forward;
    private final Vector3f left;
    private final RestPoseKind restPoseKind;
    private final float armDropDegrees;
    private final float legLength;
    private final int[] spineChain;
    private final int[] neckChain;
    private final Vector3f headTopLocal;
    private final int thoraxJoint;
    private final int midSpineJoint;

    /**
     * Analyses a rig. The armature is put into its initial (rest) pose.
     *
     * @param armature the character's armature (not null; its joints are posed by this class)
     * @param map the humanoid map naming the rig's joints (not null; every required bone mapped to a joint
     *     that exists in {@code armature})
     * @throws IllegalArgumentException if a required bone is missing or names no joint of the armature, or the
     *     rest pose is degenerate
     */
    public CharacterRig(Armature armature, HumanoidMap map) {
        if (armature == null || map == null) {
            throw new IllegalArgumentException("armature and map must not be null");
        }
        this.armature = armature;
        this.map = map;
        HumanoidBone[] bones = HumanoidBone.values();
        boneJoint = new int[bones.length];
        List<String> missing = new ArrayList<>();
        for (HumanoidBone b : bones) {
            String name = map.findJoint(b);
            int id = name == null ? -1 : armature.getJointIndex(name);
            if (name != null && id < 0) {
                throw new IllegalArgumentException("humanoid map names joint '" + name + "' for " + b
                        + ", but the armature has no such joint");
            }
            boneJoint[b.ordinal()] = id;
            if (b.isRequired() && id < 0) {
                missing.add(b.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("humanoid map lacks required bones " + missing
                    + "; map them (for example with --mapping map.json)");
        }
        int n = armature.getJointCount();
        armature.applyInitialPose();
        armature.update();
        restLocal = new Transform[n];
        restModelRotation = new Quaternion[n];
        restModelPosition = new Vector3f[n];
        restModel = new Transform[n];
        List<Integer> order = new ArrayList<>();
        List<Joint> queue = new ArrayList<>(List.of(armature.getRoots()));
        for (int q = 0; q < queue.size(); q++) {
            order.add(queue.get(q).getId());
            queue.addAll(queue.get(q).getChildren());
        }
        topologicalOrder = order.stream().mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < n; i++) {
            Joint j = armature.getJoint(i);
            restModel[i] = j.getModelTransform().clone();
            restLocal[i] = j.getLocalTransform().clone();
            restModelRotation[i] = j.getModelTransform().getRotation().clone().normalizeLocal();
            restModelPosition[i] = j.getModelTransform().getTranslation().clone();
        }
        int head = joint(HumanoidBone.HEAD);
        int neck = joint(HumanoidBone.NECK);
        thoraxJoint = neck;
        int headBase = neck >= 0 ? neck : parentId(head);
        if (headBase < 0) {
            throw new IllegalArgumentException("HEAD joint '" + map.getJoint(HumanoidBone.HEAD) + "' has no parent");
        }
        int hips = joint(HumanoidBone.HIPS);
        int lArm = firstArmJoint(true);
        int rArm = firstArmJoint(false);
        int torsoTop = commonAncestor(parentId(lArm), commonAncestor(parentId(rArm), parentId(neck >= 0 ? neck : head)));
        spineChain = chain(hips, torsoTop);
        neckChain = chain(torsoTop, head);
        if (spineChain == null || neckChain == null) {
            throw new IllegalArgumentException("rig hierarchy: HEAD and the arms must descend from HIPS through the spine");
        }
        int[] candidates = spineChain.length > 0 ? spineChain : new int[] {hips};
        Vector3f p0 = mid(pos(HumanoidBone.LEFT_UPPER_LEG), pos(HumanoidBone.RIGHT_UPPER_LEG));
        Vector3f p8 = thorax(restModelPosition);
        Vector3f mid = mid(p0, p8);
        int best = candidates[0];
        for (int c : candidates) {
            if (restModelPosition[c].distance(mid) < restModelPosition[best].distance(mid)) {
                best = c;
            }
        }
        midSpineJoint = best;

        Vector3f lHip = pos(HumanoidBone.LEFT_UPPER_LEG);
        Vector3f rHip = pos(HumanoidBone.RIGHT_UPPER_LEG);
        Vector3f lSh = pos(HumanoidBone.LEFT_UPPER_ARM);
        Vector3f rSh = pos(HumanoidBone.RIGHT_UPPER_ARM);
        Vector3f side = lHip.subtract(rHip).addLocal(lSh.subtract(rSh));
        Vector3f upRaw = restModelPosition[head].subtract(p0);
        if (side.length() < 1e-9f || upRaw.length() < 1e-9f) {
            throw new IllegalArgumentException("degenerate rest pose: hips/shoulders coincide or head sits on the pelvis");
        }
        up = upRaw.normalize();
        left = side.subtract(up.mult(side.dot(up))).normalizeLocal();
        forward = left.cross(up).normalizeLocal();

        // Head top as the BVH 17-joint view places it: along the rest neck-to-head axis, about a tenth of the
        // stature above the head joint (stature from leg + trunk, which are 0.87 of it).
        Vector3f headUp = restModelPosition[head].subtract(restModelPosition[headBase]);
        if (headUp.length() < 1e-9f) {
            headUp = up;
        }
        float legRest = lHip.distance(pos(HumanoidBone.LEFT_LOWER_LEG)) + pos(HumanoidBone.LEFT_LOWER_LEG).distance(pos(HumanoidBone.LEFT_FOOT));
        float stature = (legRest + restModelPosition[head].distance(p0)) / 0.87f;
        headTopLocal = restModelRotation[head].inverse().mult(headUp.normalize().multLocal(0.1f * stature));

        Vector3f[] v = new Vector3f[COUNT];
        fill17(v, restModelPosition, restModelRotation);
        rest17 = v;
        float drop = 0;
        for (int[] arm : new int[][] {{L_SHOULDER, L_ELBOW}, {R_SHOULDER, R_ELBOW}}) {
            Vector3f d = v[arm[1]].subtract(v[arm[0]]).normalizeLocal();
            drop += (float) Math.toDegrees(Math.asin(Math.max(-1f, Math.min(1f, -d.dot(up)))));
        }
        armDropDegrees = drop / 2;
        restPoseKind = RestPoseKind.classify(armDropDegrees);
        legLength = (v[L_HIP].distance(v[L_KNEE]) + v[L_KNEE].distance(v[L_ANKLE])
                + v[R_HIP].distance(v[R_KNEE]) + v[R_KNEE].distance(v[R_ANKLE])) / 2;
        if (!(legLength > 0)) {
            throw new IllegalArgumentException("degenerate rest pose: legs have zero length");
        }
        LOG.fine(() -> "rig: " + restPoseKind + " (arms " + armDropDegrees + " deg below horizontal), forward " + forward
                + ", leg length " + legLength + ", spine chain " + spineChain.length + ", neck chain " + neckChain.length);
    }

    /**
     * Analyses a rig on its own copy of the armature's joints ({@link ScratchArmatures#copyOf}), so that solving
     * (which poses {@link #getArmature()}) never touches the armature the character is drawn with, and that
     * armature is not even put into its rest pose. A live retargeter uses this and applies each solved pose to
     * the character once.
     *
     * @param armature the character's armature (not null, unaffected)
     * @param map the humanoid map naming the rig's joints (not null; as for the constructor)
     * @return a new rig whose armature is a private copy
     * @throws IllegalArgumentException as the constructor
     */
    public static CharacterRig detached(Armature armature, HumanoidMap map) {
        if (armature == null) {
            throw new IllegalArgumentException("armature must not be null");
        }
        return new CharacterRig(ScratchArmatures.copyOf(armature), map);
    }

    private int firstArmJoint(boolean leftSide) {
        int s = joint(leftSide ? HumanoidBone.LEFT_SHOULDER : HumanoidBone.RIGHT_SHOULDER);
        return s >= 0 ? s : joint(leftSide ? HumanoidBone.LEFT_UPPER_ARM : HumanoidBone.RIGHT_UPPER_ARM);
    }

    private int parentId(int id) {
        Joint p = armature.getJoint(id).getParent();
        return p == null ? -1 : p.getId();
    }

    private boolean isAncestor(int ancestor, int id) {
        for (int j = id; j >= 0; j = parentId(j)) {
            if (j == ancestor) {
                return true;
            }
        }
        return false;
    }

    private int commonAncestor(int a, int b) {
        if (a < 0 || b < 0) {
            return a < 0 ? b : a;
        }
        for (int j = a; j >= 0; j = parentId(j)) {
            if (isAncestor(j, b)) {
                return j;
            }
        }
        return -1;
    }

    /** Joints from {@code from} (exclusive) down to {@code to} (inclusive), or null if not an ancestor. */
    private int[] chain(int from, int to) {
        List<Integer> ids = new ArrayList<>();
        int j = to;
        while (j >= 0 && j != from) {
            ids.add(j);
            j = parentId(j);
        }
        if (j != from) {
            return null;
        }
        Collections.reverse(ids);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Vector3f mid(Vector3f a, Vector3f b) {
        return a.add(b).multLocal(0.5f);
    }

    private Vector3f pos(HumanoidBone b) {
        return restModelPosition[joint(b)];
    }

    /** The thorax of the 17-joint view: the NECK joint, or the midpoint of the upper arms without one. */
    private Vector3f thorax(Vector3f[] positions) {
        if (thoraxJoint >= 0) {
            return positions[thoraxJoint].clone();
        }
        return mid(positions[joint(HumanoidBone.LEFT_UPPER_ARM)], positions[joint(HumanoidBone.RIGHT_UPPER_ARM)]);
    }

    /**
     * Fills the 17-joint view from model-space joint positions and rotations.
     *
     * @param out where to write (17 slots, modified)
     * @param positions model positions by joint id (unaffected)
     * @param rotations model rotations by joint id (unaffected)
     */
    private void fill17(Vector3f[] out, Vector3f[] positions, Quaternion[] rotations) {
        Vector3f lHip = positions[joint(HumanoidBone.LEFT_UPPER_LEG)];
        Vector3f rHip = positions[joint(HumanoidBone.RIGHT_UPPER_LEG)];
        out[PELVIS] = mid(lHip, rHip);
        out[R_HIP] = rHip.clone();
        out[R_KNEE] = positions[joint(HumanoidBone.RIGHT_LOWER_LEG)].clone();
        out[R_ANKLE] = positions[joint(HumanoidBone.RIGHT_FOOT)].clone();
        out[L_HIP] = lHip.clone();
        out[L_KNEE] = positions[joint(HumanoidBone.LEFT_LOWER_LEG)].clone();
        out[L_ANKLE] = positions[joint(HumanoidBone.LEFT_FOOT)].clone();
        out[SPINE] = positions[midSpineJoint].clone();
        out[THORAX] = thorax(positions);
        int head = joint(HumanoidBone.HEAD);
        out[NECK_NOSE] = positions[head].clone();
        out[HEAD] = positions[head].add(rotations[head].mult(headTopLocal));
        out[L_SHOULDER] = positions[joint(HumanoidBone.LEFT_UPPER_ARM)].clone();
        out[L_ELBOW] = positions[joint(HumanoidBone.LEFT_LOWER_ARM)].clone();
        out[L_WRIST] = positions[joint(HumanoidBone.LEFT_HAND)].clone();
        out[R_SHOULDER] = positions[joint(HumanoidBone.RIGHT_UPPER_ARM)].clone();
        out[R_ELBOW] = positions[joint(HumanoidBone.RIGHT_LOWER_ARM)].clone();
        out[R_WRIST] = positions[joint(HumanoidBone.RIGHT_HAND)].clone();
    }

    /**
     * Returns the 17 H36M joints of the armature in its current pose, in model space, placed as the BVH
     * 17-joint view places them (docs/skeleton.md) where that matters for limb directions: pelvis halfway
     * between the upper legs, thorax at NECK (or halfway between the upper arms), head top a tenth of the
     * stature above HEAD along its rest neck-to-head axis, turning with HEAD. The spine joint is the
     * spine-chain joint nearest the middle of the torso and joint 9 is HEAD itself.
     *
     * @param updateFirst whether to call {@code armature.update()} first (true unless the caller just did)
     * @return 17 new vectors (model space)
     */
    public Vector3f[] view17(boolean updateFirst) {
        if (updateFirst) {
            armature.update();
        }
        int n = armature.getJointCount();
        Vector3f[] p = new Vector3f[n];
        Quaternion[] r = new Quaternion[n];
        for (int i = 0; i < n; i++) {
            Transform t = armature.getJoint(i).getModelTransform();
            p[i] = t.getTranslation();
            r[i] = t.getRotation();
        }
        Vector3f[] out = new Vector3f[COUNT];
        fill17(out, p, r);
        return out;
    }

    /**
     * Returns the joint id of a humanoid bone.
     *
     * @param bone the bone (not null)
     * @return the armature joint index, or -1 if unmapped
     */
    public int joint(HumanoidBone bone) {
        return boneJoint[bone.ordinal()];
    }

    /** @return the armature this rig poses (shared) */
    public Armature getArmature() {
        return armature;
    }

    /** @return the humanoid map (shared, immutable) */
    public HumanoidMap getMap() {
        return map;
    }

    /**
     * Returns a joint's rest local transform.
     *
     * @param id the joint index (0..jointCount-1)
     * @return the shared instance (do not modify)
     */
    public Transform getRestLocal(int id) {
        return restLocal[id];
    }

    /**
     * Returns a joint's rest model rotation.
     *
     * @param id the joint index
     * @return the shared instance (do not modify)
     */
    public Quaternion getRestModelRotation(int id) {
        return restModelRotation[id];
    }

    /**
     * Returns a joint's rest model transform.
     *
     * @param id the joint index
     * @return the shared instance (do not modify)
     */
    public Transform getRestModel(int id) {
        return restModel[id];
    }

    int[] order() {
        return topologicalOrder;
    }

    /** @return joint indices, parents before children (new array) */
    public int[] getTopologicalOrder() {
        return topologicalOrder.clone();
    }

    /**
     * Returns a joint's rest model position.
     *
     * @param id the joint index
     * @return the shared instance (do not modify)
     */
    public Vector3f getRestModelPosition(int id) {
        return restModelPosition[id];
    }

    /**
     * Returns the 17-joint view of the rest pose.
     *
     * @return new copies (model space)
     */
    public Vector3f[] getRest17() {
        Vector3f[] c = new Vector3f[COUNT];
        for (int i = 0; i < COUNT; i++) {
            c[i] = rest17[i].clone();
        }
        return c;
    }

    /** @return the NECK joint, which the 17-joint view calls the thorax, or -1 (then it is the upper arms' midpoint) */
    public int getThoraxJoint() {
        return thoraxJoint;
    }

    /**
     * Returns the head-top point of the 17-joint view relative to the HEAD joint, at rest, in model space.
     *
     * @return a new vector (model units)
     */
    public Vector3f getHeadTopOffset() {
        return restModelRotation[joint(HumanoidBone.HEAD)].mult(headTopLocal);
    }

    /** @return the rig's up direction in model space (new unit vector, pelvis towards head) */
    public Vector3f getUp() {
        return up.clone();
    }

    /** @return the direction the rig faces in model space (new unit vector) */
    public Vector3f getForward() {
        return forward.clone();
    }

    /**
     * Returns the turn about the vertical that takes the lifted poses' forward (+Z: an actor facing the camera)
     * to the direction this rig faces, snapped to the nearest quarter turn (authored models face an axis), so that
     * an actor facing the camera drives the character facing the way the model was made to face, whichever axis
     * that is (Sinbad +Z: no turn; Jaime and Ninja -Z: a half turn).
     *
     * @return a new rotation about +Y
     */
    public Quaternion getCameraFacingTurn() {
        double angle = Math.atan2(forward.x, forward.z);
        double quarter = Math.PI / 2;
        float snapped = (float) (Math.round(angle / quarter) * quarter);
        return new Quaternion().fromAngleAxis(snapped, Vector3f.UNIT_Y);
    }

    /**
     * Turns a lifted frame to face the way this rig faces: the one place the {@link #getCameraFacingTurn()} is
     * applied (both retargeters call it on their input). A frame that is not {@link SourceFrame#isFacingCamera()}
     * (world motion such as a BVH take, or a frame already turned) is returned as it is.
     *
     * @param frame the source frame (not null, unaffected)
     * @return {@code frame} itself, or a new turned frame that no longer faces the camera
     */
    public SourceFrame toRigFacing(SourceFrame frame) {
        return frame.isFacingCamera() ? frame.turned(getCameraFacingTurn(), false) : frame;
    }

    /**
     * Turns the lifted frames of a clip to face the way this rig faces ({@link #toRigFacing(SourceFrame)}).
     *
     * @param sequence the clip (not null, unaffected)
     * @return {@code sequence} itself if no frame faces the camera, else a new sequence
     */
    public SourceSequence toRigFacing(SourceSequence sequence) {
        boolean any = false;
        java.util.List<SourceFrame> out = new java.util.ArrayList<>(sequence.size());
        for (int i = 0; i < sequence.size(); i++) {
            SourceFrame f = sequence.get(i);
            any |= f.isFacingCamera();
            out.add(toRigFacing(f));
        }
        return any ? new SourceSequence(sequence.getFrameRateHz(), out) : sequence;
    }

    /** @return the character's own left in model space (new unit vector) */
    public Vector3f getLeft() {
        return left.clone();
    }

    /** @return the recognised rest shape */
    public RestPoseKind getRestPoseKind() {
        return restPoseKind;
    }

    /** @return the mean angle of the rest upper arms below horizontal (degrees) */
    public float getArmDropDegrees() {
        return armDropDegrees;
    }

    /** @return the rest leg length, hip to knee to ankle, mean of both sides (model units) */
    public float getLegLength() {
        return legLength;
    }

    /** @return the joints from HIPS (exclusive) to the top of the torso (inclusive), new array */
    public int[] getSpineChain() {
        return spineChain.clone();
    }

    /** @return the joints from the top of the torso (exclusive) to HEAD (inclusive), new array */
    public int[] getNeckChain() {
        return neckChain.clone();
    }
}
