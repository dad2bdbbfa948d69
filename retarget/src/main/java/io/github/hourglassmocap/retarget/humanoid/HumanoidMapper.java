package io.github.hourglassmocap.retarget.humanoid;

import static io.github.hourglassmocap.retarget.humanoid.RigGeometry.cross;
import static io.github.hourglassmocap.retarget.humanoid.RigGeometry.dot;
import static io.github.hourglassmocap.retarget.humanoid.RigGeometry.norm;
import static io.github.hourglassmocap.retarget.humanoid.RigGeometry.normalise;

import io.github.hourglassmocap.retarget.humanoid.BoneName.Kind;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone.Finger;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Maps a rig's joints to the canonical {@link HumanoidBone}s automatically, from names first and the
 * hierarchy and rest pose where names cannot decide. The rules are written down in {@code docs/skeleton.md};
 * in short:
 * <ol>
 * <li>every joint name is parsed by {@link BoneName} (side, kind; twist/helper/IK/face/prop bones are never
 * mapped);</li>
 * <li>names without a side marker get one from the rest pose (the joint's offset along the rig's left
 * axis, derived from the up direction and the direction the feet point);</li>
 * <li>limb chains are found per side with each bone a descendant of the previous one (upper leg, lower leg,
 * foot, toes; shoulder, upper arm, lower arm, hand), taking the candidate nearest the root, so a twist
 * or segment bone below the real joint is never chosen;</li>
 * <li>the hips are the lowest common ancestor of both upper legs and the head; the spine bones are the
 * non-helper joints between the hips and the neck (or the shoulders' common ancestor): one gives spine, two
 * spine and chest, three or more spine, chest (the one named "chest", else the one below the last) and
 * upper chest (the last);</li>
 * <li>a rig whose names say nothing (for example {@code Joint1..Joint29}) is mapped from the hierarchy
 * alone: the hips are the joint where two downward chains and one upward chain branch, the chest is where
 * the upward chain branches into two arms and a neck.</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class HumanoidMapper {
    private static final Logger LOG = Logger.getLogger(HumanoidMapper.class.getName());

    private HumanoidMapper() {
    }

    /**
     * Maps a rig and checks that every required bone was found.
     *
     * @param rig the rig (not null)
     * @return a new map
     * @throws HumanoidMapException if a required bone is missing (the message lists missing and found bones)
     */
    public static HumanoidMap map(RigDescription rig) throws HumanoidMapException {
        return map(rig, null);
    }

    /**
     * Maps a rig, applies a mapping file's overrides, and checks that every required bone was found.
     *
     * @param rig the rig (not null)
     * @param overrides entries that replace or complete the automatic map; a null joint name removes the
     *     bone (may be null)
     * @return a new map
     * @throws HumanoidMapException if a required bone is missing or an override names an unknown joint
     */
    public static HumanoidMap map(RigDescription rig, Map<HumanoidBone, String> overrides) throws HumanoidMapException {
        return map(rig, null, overrides);
    }

    /**
     * Applies a mapping file's overrides to a given map (a character's hand-written one) or to the automatic one,
     * and checks that every required bone was found.
     *
     * @param rig the rig (not null)
     * @param base the map to start from (null: the automatic map; unaffected)
     * @param overrides entries that replace or complete the map; a null joint name removes the bone (may be null)
     * @return a new map
     * @throws HumanoidMapException if a required bone is missing or an override names an unknown joint
     */
    public static HumanoidMap map(RigDescription rig, HumanoidMap base, Map<HumanoidBone, String> overrides)
            throws HumanoidMapException {
        Map<HumanoidBone, String> found = base == null ? mapPartial(rig) : new java.util.EnumMap<>(base.asMap());
        if (overrides != null) {
            for (Map.Entry<HumanoidBone, String> e : overrides.entrySet()) {
                if (e.getValue() == null) {
                    found.remove(e.getKey());
                } else if (rig.findIndex(e.getValue()) < 0) {
                    throw new HumanoidMapException("mapping for " + e.getKey().vrmName() + " names joint '" + e.getValue()
                            + "', which rig '" + rig.name() + "' does not have; joints: " + rig.names());
                } else {
                    found.put(e.getKey(), e.getValue());
                }
            }
        }
        List<HumanoidBone> missing = new ArrayList<>();
        for (HumanoidBone b : HumanoidBone.values()) {
            if (b.isRequired() && !found.containsKey(b)) {
                missing.add(b);
            }
        }
        if (!missing.isEmpty()) {
            throw new HumanoidMapException(rig.name(), missing, found);
        }
        return new HumanoidMap(found);
    }

    /**
     * Maps what can be mapped, without checking for required bones.
     *
     * @param rig the rig (not null)
     * @return a new modifiable map in canonical order (possibly incomplete)
     */
    public static Map<HumanoidBone, String> mapPartial(RigDescription rig) {
        Map<HumanoidBone, Integer> byName = new Solver(rig).byNames();
        Map<HumanoidBone, Integer> result = byName;
        if (!complete(byName)) {
            Map<HumanoidBone, Integer> structural = new StructureMapper(rig).map();
            if (structural != null && count(structural) > count(byName)) {
                LOG.fine(() -> "rig '" + rig.name() + "': names did not describe a humanoid; mapped from the hierarchy");
                // keep what names found where the structure agrees or has nothing
                for (Map.Entry<HumanoidBone, Integer> e : byName.entrySet()) {
                    structural.putIfAbsent(e.getKey(), e.getValue());
                }
                result = structural;
            }
        }
        Map<HumanoidBone, String> named = new EnumMap<>(HumanoidBone.class);
        for (Map.Entry<HumanoidBone, Integer> e : result.entrySet()) {
            named.put(e.getKey(), rig.name(e.getValue()));
        }
        return named;
    }

    /**
     * Lists the joints a map leaves unmapped, helpers excluded.
     *
     * @param rig the rig (not null)
     * @param map the map (not null)
     * @return a new list of joint names that are neither mapped nor recognised helpers
     */
    public static List<String> unmapped(RigDescription rig, HumanoidMap map) {
        List<String> r = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>(map.asMap().values());
        for (String n : rig.names()) {
            if (!used.contains(n)) {
                r.add(n);
            }
        }
        return r;
    }

    /**
     * Guesses the naming convention of a rig from its joint names, for reports.
     *
     * @param rig the rig (not null)
     * @return a label such as "Mixamo", "Reallusion CC", "Poser/DAZ", "CMU ASF", "Rigify", "MakeHuman",
     *     "Unreal", "VRM/Unity", "Blender (.L/.R)", "unnamed joints" or "other"
     */
    public static String convention(RigDescription rig) {
        List<String> names = rig.names();
        java.util.function.Predicate<String> any = re -> names.stream().anyMatch(n -> n.matches(re));
        if (any.test("(?i)mixamorig\\d*[:_].*")) {
            return "Mixamo";
        }
        if (any.test("CC_Base_.*")) {
            return "Reallusion CC";
        }
        if (any.test("DEF-.*")) {
            return "Rigify";
        }
        if (any.test("upperleg0\\d\\.[LR]") || any.test("spine0\\d")) {
            return "MakeHuman";
        }
        if (any.test("[lr](femur|tibia|humerus|radius)")) {
            return "CMU ASF";
        }
        if (any.test("[lr](Thigh|ThighBend|Shldr|ShldrBend|ForeArm|Shin)")) {
            return "Poser/DAZ";
        }
        if (any.test("(upperarm|thigh|calf)_[lr]")) {
            return "Unreal";
        }
        if (any.test("(Left|Right)(UpperArm|UpperLeg|LowerLeg)")) {
            return "VRM/Unity";
        }
        if (any.test(".*\\.[LR](\\.\\d+)?")) {
            return "Blender (.L/.R)";
        }
        if (names.stream().allMatch(n -> BoneName.parse(n).kind() == BoneName.Kind.UNKNOWN)) {
            return "unnamed joints";
        }
        return "other";
    }

    private static boolean complete(Map<HumanoidBone, Integer> m) {
        for (HumanoidBone b : HumanoidBone.values()) {
            if (b.isRequired() && !m.containsKey(b)) {
                return false;
            }
        }
        return true;
    }

    private static int count(Map<HumanoidBone, Integer> m) {
        int c = 0;
        for (HumanoidBone b : m.keySet()) {
            if (b.isRequired()) {
                c++;
            }
        }
        return c;
    }

    /** One mapping attempt over one rig. */
    private static final class Solver {
        private final RigDescription rig;
        private final int n;
        private final BoneName[] names;
        private final Side[] sides;
        private final Map<HumanoidBone, Integer> out = new EnumMap<>(HumanoidBone.class);

        Solver(RigDescription rig) {
            this.rig = rig;
            this.n = rig.size();
            this.names = new BoneName[n];
            this.sides = new Side[n];
            for (int i = 0; i < n; i++) {
                names[i] = BoneName.parse(rig.name(i));
                sides[i] = names[i].side();
            }
        }

        private boolean is(int j, Kind k, Side s) {
            return names[j].kind() == k && sides[j] == s;
        }

        /** Candidates of a kind and side, optionally below an ancestor, nearest the root first. */
        private List<Integer> candidates(Kind k, Side s, int below) {
            List<Integer> r = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (is(j, k, s) && (below < 0 || rig.isAncestor(below, j))) {
                    r.add(j);
                }
            }
            r.sort(Comparator.comparingInt(rig::depth).thenComparingInt(j -> j));
            return r;
        }

        private int first(Kind k, Side s, int below) {
            List<Integer> c = candidates(k, s, below);
            return c.isEmpty() ? -1 : c.get(0);
        }

        Map<HumanoidBone, Integer> byNames() {
            inferSidesFromRestPose();
            for (Side s : new Side[] {Side.LEFT, Side.RIGHT}) {
                boolean left = s == Side.LEFT;
                // Legs: the upper leg nearest the root that has a foot or lower leg below it.
                int upperLeg = -1;
                for (int c : candidates(Kind.UPPER_LEG, s, -1)) {
                    if (first(Kind.FOOT, s, c) >= 0 || first(Kind.LOWER_LEG, s, c) >= 0) {
                        upperLeg = c;
                        break;
                    }
                }
                if (upperLeg < 0) {
                    upperLeg = first(Kind.UPPER_LEG, s, -1);
                }
                int lowerLeg = upperLeg < 0 ? -1 : first(Kind.LOWER_LEG, s, upperLeg);
                int foot = first(Kind.FOOT, s, lowerLeg >= 0 ? lowerLeg : upperLeg);
                if (upperLeg >= 0 && lowerLeg < 0 && foot >= 0) {
                    lowerLeg = mainChainBetween(upperLeg, foot);
                }
                int toes = foot < 0 ? -1 : first(Kind.TOES, s, foot);
                put(left ? HumanoidBone.LEFT_UPPER_LEG : HumanoidBone.RIGHT_UPPER_LEG, upperLeg);
                put(left ? HumanoidBone.LEFT_LOWER_LEG : HumanoidBone.RIGHT_LOWER_LEG, lowerLeg);
                put(left ? HumanoidBone.LEFT_FOOT : HumanoidBone.RIGHT_FOOT, foot);
                put(left ? HumanoidBone.LEFT_TOES : HumanoidBone.RIGHT_TOES, toes);
                // Arms.
                int upperArm = -1;
                for (int c : candidates(Kind.UPPER_ARM, s, -1)) {
                    if (first(Kind.HAND, s, c) >= 0 || first(Kind.LOWER_ARM, s, c) >= 0) {
                        upperArm = c;
                        break;
                    }
                }
                int shoulder = -1;
                if (upperArm < 0) {
                    // Rigs that call the upper arm "shoulder" and have no clavicle.
                    for (int c : candidates(Kind.SHOULDER, s, -1)) {
                        if (first(Kind.LOWER_ARM, s, c) >= 0 || first(Kind.HAND, s, c) >= 0) {
                            if (first(Kind.SHOULDER, s, c) < 0 && first(Kind.UPPER_ARM, s, c) < 0) {
                                upperArm = c;
                                break;
                            }
                        }
                    }
                }
                if (upperArm >= 0) {
                    for (int c : candidates(Kind.SHOULDER, s, -1)) {
                        if (c != upperArm && rig.isAncestor(c, upperArm)) {
                            shoulder = c;
                            break;
                        }
                    }
                }
                int lowerArm = upperArm < 0 ? -1 : first(Kind.LOWER_ARM, s, upperArm);
                int hand = first(Kind.HAND, s, lowerArm >= 0 ? lowerArm : upperArm);
                if (upperArm >= 0 && lowerArm < 0 && hand >= 0) {
                    lowerArm = mainChainBetween(upperArm, hand);
                }
                put(left ? HumanoidBone.LEFT_SHOULDER : HumanoidBone.RIGHT_SHOULDER, shoulder);
                put(left ? HumanoidBone.LEFT_UPPER_ARM : HumanoidBone.RIGHT_UPPER_ARM, upperArm);
                put(left ? HumanoidBone.LEFT_LOWER_ARM : HumanoidBone.RIGHT_LOWER_ARM, lowerArm);
                put(left ? HumanoidBone.LEFT_HAND : HumanoidBone.RIGHT_HAND, hand);
                if (hand >= 0) {
                    mapFingers(s, hand);
                }
            }
            int lul = get(HumanoidBone.LEFT_UPPER_LEG);
            int rul = get(HumanoidBone.RIGHT_UPPER_LEG);
            int lua = get(HumanoidBone.LEFT_UPPER_ARM);
            int rua = get(HumanoidBone.RIGHT_UPPER_ARM);
            int armsRoot = lua >= 0 && rua >= 0 ? rig.commonAncestor(lua, rua) : -1;
            // Head: a named head below the arms' common ancestor if there is one.
            int head = -1;
            for (int c : candidates(Kind.HEAD, Side.CENTER, -1)) {
                if (armsRoot < 0 || rig.isAncestor(armsRoot, c)) {
                    head = c;
                    break;
                }
            }
            int neck = -1;
            if (head >= 0) {
                List<Integer> necks = candidates(Kind.NECK, Side.CENTER, -1);
                for (int pass = 0; pass < 2 && neck < 0; pass++) {
                    for (int c : necks) {
                        boolean helperNamed = names[c].phalanx() == -2;
                        if (rig.isAncestor(c, head) && (pass == 1 || !helperNamed)
                                && (armsRoot < 0 || c == armsRoot || rig.isAncestor(armsRoot, c))) {
                            neck = c;
                            break;
                        }
                    }
                }
            } else if (armsRoot >= 0) {
                // Names do not say which is the head (Rigify's spine.004..006): the end of the chain above the arms.
                List<Integer> chain = upwardChain(armsRoot, lua, rua);
                if (!chain.isEmpty()) {
                    head = chain.get(chain.size() - 1);
                    if (chain.size() >= 2) {
                        neck = chain.get(0);
                    }
                }
            }
            put(HumanoidBone.HEAD, head);
            put(HumanoidBone.NECK, neck);
            if (head >= 0) {
                for (Side s : new Side[] {Side.LEFT, Side.RIGHT}) {
                    put(s == Side.LEFT ? HumanoidBone.LEFT_EYE : HumanoidBone.RIGHT_EYE, first(Kind.EYE, s, head));
                }
            }
            int hips = -1;
            if (lul >= 0 && rul >= 0 && head >= 0) {
                hips = rig.commonAncestor(lul, rul, head);
            } else if (lul >= 0 && rul >= 0) {
                hips = rig.commonAncestor(lul, rul);
            }
            put(HumanoidBone.HIPS, hips);
            if (hips >= 0 && head >= 0) {
                int top = neck >= 0 ? neck : head;
                if (armsRoot >= 0 && neck < 0 && rig.isAncestor(armsRoot, head) && armsRoot != hips) {
                    top = head;
                }
                List<Integer> spine = new ArrayList<>();
                for (int j : rig.pathBelow(hips, top)) {
                    if (j != top && names[j].kind() != Kind.HELPER) {
                        spine.add(j);
                    }
                }
                if (neck < 0 && armsRoot >= 0 && spine.contains(armsRoot)) {
                    // joints above the arms' root and below the head are neck
                    int idx = spine.indexOf(armsRoot);
                    if (idx < spine.size() - 1) {
                        put(HumanoidBone.NECK, spine.get(idx + 1));
                        spine = new ArrayList<>(spine.subList(0, idx + 1));
                    }
                }
                assignSpine(spine);
            }
            return out;
        }

        /** The main chain above the arms' common ancestor (toward the head), arms excluded. */
        private List<Integer> upwardChain(int from, int lua, int rua) {
            List<Integer> chain = new ArrayList<>();
            int cur = from;
            while (true) {
                int next = -1;
                int best = 0;
                for (int c : rig.children(cur)) {
                    if (c == lua || c == rua || rig.isAncestor(c, lua) || rig.isAncestor(c, rua)
                            || names[c].kind() == Kind.HELPER) {
                        continue;
                    }
                    int size = subtreeSize(c);
                    if (size > best) {
                        best = size;
                        next = c;
                    }
                }
                if (next < 0) {
                    return chain;
                }
                chain.add(next);
                cur = next;
            }
        }

        private int subtreeSize(int j) {
            return RigGeometry.subtreeSize(rig, j);
        }

        private void assignSpine(List<Integer> spine) {
            HumanoidMapper.assignSpine(spine, names, out);
        }

        /** A non-helper joint on the path strictly between a and b, preferring the one nearest a. */
        private int mainChainBetween(int a, int b) {
            for (int j : rig.pathBelow(a, b)) {
                if (j != b && names[j].kind() != Kind.HELPER) {
                    return j;
                }
            }
            return -1;
        }

        private void mapFingers(Side s, int hand) {
            for (Finger f : Finger.values()) {
                List<Integer> chain = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    if (names[j].kind() == Kind.FINGER && names[j].finger() == f && rig.isAncestor(hand, j)
                            && (sides[j] == s || sides[j] == Side.CENTER)) {
                        chain.add(j);
                    }
                }
                chain.sort(Comparator.comparingInt(rig::depth).thenComparingInt(j -> j));
                int[] byPhalanx = {-1, -1, -1};
                int next = 0;
                for (int j : chain) {
                    int p = names[j].phalanx();
                    if (p < 0) {
                        p = next;
                    }
                    if (p <= 2 && byPhalanx[p] < 0) {
                        byPhalanx[p] = j;
                        next = p + 1;
                    }
                }
                for (int p = 0; p < 3; p++) {
                    put(HumanoidBone.finger(s, f, p), byPhalanx[p]);
                }
            }
        }

        /**
         * Joints whose names carry no side get one from the rest pose when a same-kind partner exists: the
         * one further along the rig's left axis is the left one.
         */
        private void inferSidesFromRestPose() {
            double[] left = leftAxis();
            double[] centre = centre();
            for (int j = 0; j < n; j++) {
                Kind k = names[j].kind();
                if (sides[j] != Side.CENTER || k == Kind.HIPS || k == Kind.SPINE || k == Kind.CHEST
                        || k == Kind.NECK || k == Kind.HEAD || k == Kind.HELPER || k == Kind.UNKNOWN) {
                    continue;
                }
                double lateral = 0;
                for (int a = 0; a < 3; a++) {
                    lateral += (rig.rest(j, a) - centre[a]) * left[a];
                }
                double scale = rigSize();
                if (Math.abs(lateral) > 1e-3 * scale) {
                    sides[j] = lateral > 0 ? Side.LEFT : Side.RIGHT;
                }
            }
        }

        private double rigSize() {
            return RigGeometry.size(rig);
        }

        private double[] centre() {
            // the root's rest position
            for (int j = 0; j < n; j++) {
                if (rig.parent(j) < 0) {
                    return new double[] {rig.rest(j, 0), rig.rest(j, 1), rig.rest(j, 2)};
                }
            }
            return new double[3];
        }

        /**
         * The rig's left axis in rest pose: up x forward, with up from the hips toward the head (or +Y)
         * and forward from the feet toward the toes (or +Z), the convention of BVH and jME.
         */
        double[] leftAxis() {
            double[] up = {0, 1, 0};
            double[] fwd = {0, 0, 1};
            int head = -1;
            int hips = -1;
            for (int j = 0; j < n && (head < 0 || hips < 0); j++) {
                if (head < 0 && names[j].kind() == Kind.HEAD) {
                    head = j;
                }
                if (hips < 0 && names[j].kind() == Kind.HIPS) {
                    hips = j;
                }
            }
            if (head >= 0 && hips >= 0) {
                double[] u = diff(head, hips);
                if (norm(u) > 0) {
                    up = normalise(u);
                }
            }
            double[] f = new double[3];
            for (int j = 0; j < n; j++) {
                if (names[j].kind() == Kind.TOES && rig.parent(j) >= 0) {
                    double[] d = diff(j, rig.parent(j));
                    for (int a = 0; a < 3; a++) {
                        f[a] += d[a];
                    }
                }
            }
            double along = dot(f, up);
            for (int a = 0; a < 3; a++) {
                f[a] -= along * up[a];
            }
            if (norm(f) > 1e-9) {
                fwd = normalise(f);
            }
            return normalise(cross(up, fwd));
        }

        private double[] diff(int a, int b) {
            return RigGeometry.diff(rig, a, b);
        }

        private void put(HumanoidBone b, int joint) {
            if (joint >= 0) {
                out.put(b, joint);
            }
        }

        private int get(HumanoidBone b) {
            Integer j = out.get(b);
            return j == null ? -1 : j;
        }
    }

    /**
     * Assigns spine, chest and upper chest from the spine joints between hips and neck, bottom first: one
     * is spine; two are spine and chest; three or more are spine (first), chest (the one named "chest",
     * else the one below the last) and upper chest (the last).
     */
    static void assignSpine(List<Integer> spine, BoneName[] names, Map<HumanoidBone, Integer> out) {
        int m = spine.size();
        if (m == 0) {
            return;
        }
        out.put(HumanoidBone.SPINE, spine.get(0));
        if (m == 2) {
            out.put(HumanoidBone.CHEST, spine.get(1));
        } else if (m >= 3) {
            out.put(HumanoidBone.UPPER_CHEST, spine.get(m - 1));
            int chest = spine.get(m - 2);
            for (int k = 1; k < m - 1; k++) {
                if (names[spine.get(k)].compact().equals("chest")) {
                    chest = spine.get(k);
                }
            }
            out.put(HumanoidBone.CHEST, chest);
        }
    }
}
