package io.github.hourglassmocap.retarget.humanoid;

import com.jme3.anim.Armature;
import com.jme3.anim.Joint;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.retarget.bvh.BvhSkeleton;
import io.github.hourglassmocap.retarget.internal.skeleton.ForwardKinematics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the humanoid mapper needs to know about a rig, whatever it comes from (a BVH skeleton, a jME
 * {@code Armature}): joint names, parents and rest-pose positions in the rig's model space. Immutable.
 */
public final class RigDescription {
    private final String name;
    private final List<String> names;
    private final int[] parents;
    private final double[] restPositions;
    private final Map<String, Integer> byName;

    /**
     * Creates a description.
     *
     * @param name a label for messages, for example the file name (not null)
     * @param names the joint names (not null, unique, not empty; copied)
     * @param parents each joint's parent index, -1 for roots; a parent precedes its child or not, either is fine,
     *     but there must be no cycle (not null, same length as names; copied)
     * @param restPositions 3 values per joint: rest-pose model-space positions (not null, finite; copied)
     */
    public RigDescription(String name, List<String> names, int[] parents, double[] restPositions) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(parents, "parents");
        Objects.requireNonNull(restPositions, "restPositions");
        int n = names.size();
        if (n == 0 || parents.length != n || restPositions.length != 3 * n) {
            throw new IllegalArgumentException("rig '" + name + "': need one parent and 3 rest coordinates per joint; got "
                    + n + " names, " + parents.length + " parents, " + restPositions.length + " coordinates");
        }
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String s = names.get(i);
            if (s == null || s.isEmpty() || map.put(s, i) != null) {
                throw new IllegalArgumentException("rig '" + name + "': joint names must be unique and not empty; bad: '"
                        + s + "'");
            }
            if (parents[i] < -1 || parents[i] >= n || parents[i] == i) {
                throw new IllegalArgumentException("rig '" + name + "': joint '" + s + "' has invalid parent " + parents[i]);
            }
        }
        for (double v : restPositions) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("rig '" + name + "': rest positions must be finite");
            }
        }
        for (int i = 0; i < n; i++) {
            int steps = 0;
            for (int p = parents[i]; p >= 0; p = parents[p]) {
                if (++steps > n) {
                    throw new IllegalArgumentException("rig '" + name + "': the parents of '" + names.get(i) + "' form a cycle");
                }
            }
        }
        this.names = List.copyOf(names);
        this.parents = parents.clone();
        this.restPositions = restPositions.clone();
        this.byName = Collections.unmodifiableMap(map);
    }

    /**
     * Describes a BVH skeleton; its rest pose is the pose with every rotation zero and every joint at its
     * OFFSET ({@link BvhSkeleton#restFrame()}).
     *
     * @param name a label for messages (not null)
     * @param skeleton the hierarchy (not null)
     * @return a new description
     */
    public static RigDescription of(String name, BvhSkeleton skeleton) {
        return of(name, skeleton, skeleton.restFrame());
    }

    /**
     * Describes a BVH skeleton posed by one motion frame, for files whose all-zero pose is not a usable
     * rest pose and whose joint names do not say left from right.
     *
     * @param name a label for messages (not null)
     * @param skeleton the hierarchy (not null)
     * @param channels the frame used as rest pose, for example the first (length &ge; channel count, unaffected)
     * @return a new description
     */
    public static RigDescription of(String name, BvhSkeleton skeleton, double[] channels) {
        ForwardKinematics fk = new ForwardKinematics(skeleton);
        fk.setFrame(channels);
        return new RigDescription(name, skeleton.names(), skeleton.parents(), fk.worldPositions().clone());
    }

    /**
     * Describes a jME armature; its rest pose is the bind pose (the pose the mesh was skinned in), read from
     * each joint's inverse model bind matrix, so the armature is not modified.
     *
     * @param name a label for messages (not null)
     * @param armature the armature (not null, unaffected)
     * @return a new description, joints in armature order
     */
    public static RigDescription of(String name, Armature armature) {
        Objects.requireNonNull(armature, "armature");
        int n = armature.getJointCount();
        List<String> names = new ArrayList<>(n);
        int[] parents = new int[n];
        double[] rest = new double[n * 3];
        for (int i = 0; i < n; i++) {
            Joint j = armature.getJoint(i);
            names.add(j.getName());
            parents[i] = j.getParent() == null ? -1 : j.getParent().getId();
            Vector3f t = j.getInverseModelBindMatrix().invert().toTranslationVector();
            rest[i * 3] = t.x;
            rest[i * 3 + 1] = t.y;
            rest[i * 3 + 2] = t.z;
        }
        return new RigDescription(name, names, parents, rest);
    }

    /**
     * Returns the label.
     *
     * @return the rig's name (not null)
     */
    public String name() {
        return name;
    }

    /**
     * Returns the number of joints.
     *
     * @return the count (&ge;1)
     */
    public int size() {
        return names.size();
    }

    /**
     * Returns the joint names.
     *
     * @return an unmodifiable shared list
     */
    public List<String> names() {
        return names;
    }

    /**
     * Returns one joint's name.
     *
     * @param joint the index (0..size-1)
     * @return the name (not null)
     */
    public String name(int joint) {
        return names.get(joint);
    }

    /**
     * Returns one joint's parent.
     *
     * @param joint the index (0..size-1)
     * @return the parent index, -1 for a root
     */
    public int parent(int joint) {
        return parents[Objects.checkIndex(joint, parents.length)];
    }

    /**
     * Returns one coordinate of a rest position.
     *
     * @param joint the index (0..size-1)
     * @param axis 0 X, 1 Y, 2 Z
     * @return the coordinate (model space)
     */
    public double rest(int joint, int axis) {
        return restPositions[Objects.checkIndex(joint, parents.length) * 3 + axis];
    }

    /**
     * Finds a joint by name.
     *
     * @param jointName the exact name (not null)
     * @return the index, or -1 if absent
     */
    public int findIndex(String jointName) {
        Integer i = byName.get(jointName);
        return i == null ? -1 : i;
    }

    /**
     * Returns a joint's depth (0 for a root).
     *
     * @param joint the index (0..size-1)
     * @return the number of ancestors
     */
    public int depth(int joint) {
        int d = 0;
        for (int p = parent(joint); p >= 0; p = parents[p]) {
            d++;
        }
        return d;
    }

    /**
     * Returns whether one joint is a strict ancestor of another.
     *
     * @param ancestor the candidate ancestor index
     * @param joint the joint index
     * @return true if ancestor lies on the path from joint to its root, joint excluded
     */
    public boolean isAncestor(int ancestor, int joint) {
        for (int p = parent(joint); p >= 0; p = parents[p]) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the children of a joint.
     *
     * @param joint the index (0..size-1)
     * @return a new list of child indices
     */
    public List<Integer> children(int joint) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < parents.length; i++) {
            if (parents[i] == joint) {
                r.add(i);
            }
        }
        return r;
    }

    /**
     * Returns the path from an ancestor down to a joint.
     *
     * @param ancestor the ancestor (excluded from the result)
     * @param joint the descendant (included)
     * @return a new list from just below the ancestor to the joint, or an empty list if ancestor is not an
     *     ancestor of joint
     */
    public List<Integer> pathBelow(int ancestor, int joint) {
        List<Integer> r = new ArrayList<>();
        for (int j = joint; j >= 0 && j != ancestor; j = parents[j]) {
            r.add(0, j);
        }
        if (r.isEmpty() || parents[r.get(0)] != ancestor) {
            return new ArrayList<>();
        }
        return r;
    }

    /**
     * Returns the lowest common ancestor of joints (a joint counts as its own ancestor).
     *
     * @param joints the joint indices (not empty)
     * @return the index, or -1 if they lie in different trees
     */
    public int commonAncestor(int... joints) {
        int a = joints[0];
        for (int k = 1; k < joints.length && a >= 0; k++) {
            int b = joints[k];
            int x = a;
            while (x >= 0 && !(x == b || isAncestor(x, b))) {
                x = parents[x];
            }
            a = x;
        }
        return a;
    }

    @Override
    public String toString() {
        return "RigDescription[" + name + ", " + names.size() + " joints]";
    }
}
