package io.github.hourglassmocap.retarget.humanoid;

import static io.github.hourglassmocap.retarget.humanoid.RigGeometry.cross;
import static io.github.hourglassmocap.retarget.humanoid.RigGeometry.dot;
import static io.github.hourglassmocap.retarget.humanoid.RigGeometry.norm;
import static io.github.hourglassmocap.retarget.humanoid.RigGeometry.normalise;

import io.github.hourglassmocap.retarget.humanoid.BoneName.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a rig from its hierarchy and rest pose alone, for rigs whose joint names say nothing
 * ({@code Joint1..Joint29}): the hips are the joint where two downward chains and one upward chain branch
 * (judged by each subtree's mean rest position, +Y up), the chest is where the upward chain splits into two
 * arms and a neck (the child whose subtree lies most nearly straight up), limbs follow the largest child,
 * and left is up x forward with forward the direction the feet point. One use per rig; not thread-safe.
 */
final class StructureMapper {
    private final RigDescription rig;
    private final BoneName[] names;

    StructureMapper(RigDescription rig) {
        this.rig = rig;
        this.names = new BoneName[rig.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = BoneName.parse(rig.name(i));
        }
    }

    /**
     * Maps from the hierarchy and rest pose alone: hips where two downward chains and one upward
     * chain branch; chest where the upward chain branches into two arms and a neck.
     */
    Map<HumanoidBone, Integer> map() {
        double[] up = {0, 1, 0};
        int hips = -1;
        int[] legs = null;
        int spineStart = -1;
        for (int j = 0; j < rig.size() && hips < 0; j++) {
            List<Integer> kids = significantChildren(j);
            if (kids.size() < 3) {
                continue;
            }
            List<Integer> down = new ArrayList<>();
            List<Integer> upward = new ArrayList<>();
            for (int c : kids) {
                double dy = dot(centroidOffset(c, j), up);
                (dy < 0 ? down : upward).add(c);
            }
            if (down.size() >= 2 && !upward.isEmpty()) {
                down.sort(Comparator.comparingInt(c -> -subtreeSize(c)));
                upward.sort(Comparator.comparingInt(c -> -subtreeSize(c)));
                hips = j;
                legs = new int[] {down.get(0), down.get(1)};
                spineStart = upward.get(0);
            }
        }
        if (hips < 0) {
            return null;
        }
        Map<HumanoidBone, Integer> m = new EnumMap<>(HumanoidBone.class);
        m.put(HumanoidBone.HIPS, hips);
        double[] left = structuralLeft(up, legs);
        for (int leg : legs) {
            boolean isLeft = dot(diff(leg, hips), left) > 0;
            List<Integer> chain = limbChain(leg);
            putChain(m, chain, isLeft
                    ? new HumanoidBone[] {HumanoidBone.LEFT_UPPER_LEG, HumanoidBone.LEFT_LOWER_LEG,
                        HumanoidBone.LEFT_FOOT, HumanoidBone.LEFT_TOES}
                    : new HumanoidBone[] {HumanoidBone.RIGHT_UPPER_LEG, HumanoidBone.RIGHT_LOWER_LEG,
                        HumanoidBone.RIGHT_FOOT, HumanoidBone.RIGHT_TOES});
        }
        // Walk up the spine to where it branches into arms and neck.
        List<Integer> spine = new ArrayList<>();
        int cur = spineStart;
        int chestBranch = -1;
        while (cur >= 0) {
            List<Integer> kids = significantChildren(cur);
            if (kids.size() >= 3) {
                chestBranch = cur;
                spine.add(cur);
                break;
            }
            spine.add(cur);
            cur = kids.isEmpty() ? -1 : kids.get(0);
        }
        if (chestBranch < 0) {
            return m;
        }
        List<Integer> kids = significantChildren(chestBranch);
        // the neck is the child whose chain goes most nearly straight up; the others are arms
        final int branch = chestBranch;
        kids.sort(Comparator.comparingDouble(c -> -dot(normalise(centroidOffset(c, branch)), up)));
        int neckChild = kids.get(0);
        List<Integer> neckChain = limbChain(neckChild);
        if (neckChain.size() >= 2 && rig.children(neckChain.get(neckChain.size() - 1)).isEmpty()) {
            // a leaf at the end of the neck chain is the head's end, not a bone of its own
            neckChain.remove(neckChain.size() - 1);
        }
        if (neckChain.size() >= 2) {
            m.put(HumanoidBone.NECK, neckChain.get(0));
            m.put(HumanoidBone.HEAD, neckChain.get(1));
        } else {
            m.put(HumanoidBone.HEAD, neckChain.get(0));
        }
        HumanoidMapper.assignSpine(spine, names, m);
        for (int k = 1; k < Math.min(kids.size(), 3); k++) {
            int arm = kids.get(k);
            boolean isLeft = dot(diff(arm, chestBranch), left) > 0;
            List<Integer> chain = limbChain(arm);
            // shoulder, upper arm, lower arm, hand when the chain is long enough; else no shoulder
            HumanoidBone[] bones = isLeft
                    ? new HumanoidBone[] {HumanoidBone.LEFT_SHOULDER, HumanoidBone.LEFT_UPPER_ARM,
                        HumanoidBone.LEFT_LOWER_ARM, HumanoidBone.LEFT_HAND}
                    : new HumanoidBone[] {HumanoidBone.RIGHT_SHOULDER, HumanoidBone.RIGHT_UPPER_ARM,
                        HumanoidBone.RIGHT_LOWER_ARM, HumanoidBone.RIGHT_HAND};
            if (chain.size() == 3) {
                putChain(m, chain, new HumanoidBone[] {bones[1], bones[2], bones[3]});
            } else {
                putChain(m, chain, bones);
            }
        }
        return m;
    }

    private double[] structuralLeft(double[] up, int[] legs) {
        // forward: where the feet point (a leg chain's last bone, flattened), else +Z
        double[] f = new double[3];
        for (int leg : legs) {
            List<Integer> chain = limbChain(leg);
            if (chain.size() >= 4) {
                double[] d = diff(chain.get(3), chain.get(2));
                for (int a = 0; a < 3; a++) {
                    f[a] += d[a];
                }
            }
        }
        double along = dot(f, up);
        for (int a = 0; a < 3; a++) {
            f[a] -= along * up[a];
        }
        double[] fwd = norm(f) > 1e-9 ? normalise(f) : new double[] {0, 0, 1};
        return normalise(cross(up, fwd));
    }

    private void putChain(Map<HumanoidBone, Integer> m, List<Integer> chain, HumanoidBone[] bones) {
        for (int k = 0; k < bones.length && k < chain.size(); k++) {
            m.put(bones[k], chain.get(k));
        }
    }

    /** Follows the largest child subtree from a joint downward. */
    private List<Integer> limbChain(int start) {
        List<Integer> chain = new ArrayList<>();
        int cur = start;
        while (cur >= 0) {
            chain.add(cur);
            List<Integer> kids = significantChildren(cur);
            if (kids.isEmpty()) {
                kids = rig.children(cur);
            }
            cur = kids.isEmpty() ? -1 : kids.get(0);
            if (chain.size() > 64) {
                break;
            }
        }
        return chain;
    }

    /** Children with a subtree of at least two joints or a noticeable length, largest first. */
    private List<Integer> significantChildren(int j) {
        List<Integer> r = new ArrayList<>();
        double size = rigSize();
        for (int c : rig.children(j)) {
            if (names[c].kind() == Kind.HELPER) {
                continue;
            }
            if (subtreeSize(c) >= 2 || norm(diff(c, j)) > 0.05 * size) {
                r.add(c);
            }
        }
        r.sort(Comparator.comparingInt(c -> -subtreeSize(c)));
        return r;
    }

    /** Mean rest position of a subtree relative to a joint. */
    private double[] centroidOffset(int subtree, int from) {
        double[] c = new double[3];
        int count = 0;
        List<Integer> stack = new ArrayList<>(List.of(subtree));
        while (!stack.isEmpty()) {
            int k = stack.remove(stack.size() - 1);
            double[] d = diff(k, from);
            for (int a = 0; a < 3; a++) {
                c[a] += d[a];
            }
            count++;
            stack.addAll(rig.children(k));
        }
        for (int a = 0; a < 3; a++) {
            c[a] /= count;
        }
        return c;
    }

    private int subtreeSize(int j) {
        return RigGeometry.subtreeSize(rig, j);
    }

    private double rigSize() {
        return RigGeometry.size(rig);
    }

    private double[] diff(int a, int b) {
        return RigGeometry.diff(rig, a, b);
    }
}
