package io.github.hourglassmocap.retarget.humanoid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Synthetic rigs in each naming convention, built on one T-pose template (Y up, facing +Z, left = +X).
 * A convention names the template roles it has; a role it leaves out is skipped and its children attach to
 * the nearest named ancestor.
 */
class NamingConventionsTest {
    /** role, parent role, rest position. Side roles exist as "L." and "R." (sign of x). */
    private static final List<Object[]> TEMPLATE = new ArrayList<>();

    static {
        row("hips", null, 0, 100, 0);
        row("pelvisSide", "hips", 0, 98, 0, true);
        row("spine", "hips", 0, 110, 0);
        row("spine2", "spine", 0, 117, 0);
        row("chest", "spine2", 0, 125, 0);
        row("chest2", "chest", 0, 132, 0);
        row("upperChest", "chest2", 0, 140, 0);
        row("neck", "upperChest", 0, 150, 0);
        row("neck2", "neck", 0, 153, 0);
        row("neck3", "neck2", 0, 156, 0);
        row("head", "neck3", 0, 160, 0);
        row("headEnd", "head", 0, 180, 0);
        row("shoulder", "upperChest", 3, 145, 0, true);
        row("shoulder2", "shoulder", 10, 145, 0, true);
        row("upperArm", "shoulder2", 15, 145, 0, true);
        row("upperArmTwist", "upperArm", 29, 145, 0, true);
        row("lowerArm", "upperArmTwist", 43, 145, 0, true);
        row("lowerArmTwist", "lowerArm", 55, 145, 0, true);
        row("hand", "lowerArmTwist", 68, 145, 0, true);
        row("hand2", "hand", 69, 145, 0, true);
        for (String f : new String[] {"thumb", "index", "middle", "ring", "little"}) {
            double z = switch (f) {
                case "thumb" -> 4;
                case "index" -> 2;
                case "middle" -> 0;
                case "ring" -> -2;
                default -> -4;
            };
            row(f + "Meta", "hand2", 70, 145, z, true);
            row(f + "1", f + "Meta", 74, 145, z, true);
            row(f + "2", f + "1", 77, 145, z, true);
            row(f + "3", f + "2", 79, 145, z, true);
            row(f + "End", f + "3", 81, 145, z, true);
        }
        row("upperLeg", "pelvisSide", 9, 95, 0, true);
        row("upperLegTwist", "upperLeg", 9, 72, 0, true);
        row("lowerLeg", "upperLegTwist", 10, 50, 0, true);
        row("lowerLegTwist", "lowerLeg", 10, 30, 0, true);
        row("foot", "lowerLegTwist", 10, 8, 0, true);
        row("metatarsals", "foot", 10, 4, 6, true);
        row("toes", "metatarsals", 10, 2, 12, true);
        row("toeEnd", "toes", 10, 2, 18, true);
    }

    private static void row(String role, String parent, double x, double y, double z) {
        TEMPLATE.add(new Object[] {role, parent, x, y, z});
    }

    private static void row(String role, String parent, double x, double y, double z, boolean sided) {
        for (String s : new String[] {"L.", "R."}) {
            double sx = s.equals("L.") ? x : -x;
            String p = parent == null ? null : (isSided(parent) ? s + parent : parent);
            TEMPLATE.add(new Object[] {s + role, p, sx, y, z});
        }
    }

    private static boolean isSided(String role) {
        for (Object[] r : TEMPLATE) {
            if (((String) r[0]).equals("L." + role)) {
                return true;
            }
        }
        return false;
    }

    /** Builds a rig from a convention: role -> joint name (null: the rig has no such joint). */
    static RigDescription rig(String label, Function<String, String> convention) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, String> parentOf = new HashMap<>();
        List<String> names = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        List<Double> pos = new ArrayList<>();
        for (Object[] r : TEMPLATE) {
            parentOf.put((String) r[0], (String) r[1]);
        }
        for (Object[] r : TEMPLATE) {
            String role = (String) r[0];
            String name = convention.apply(role);
            if (name == null) {
                continue;
            }
            String p = (String) r[1];
            while (p != null && !index.containsKey(p)) {
                p = parentOf.get(p);
            }
            index.put(role, names.size());
            names.add(name);
            parents.add(p == null ? -1 : index.get(p));
            pos.add((Double) r[2]);
            pos.add((Double) r[3]);
            pos.add((Double) r[4]);
        }
        return new RigDescription(label, names, parents.stream().mapToInt(Integer::intValue).toArray(),
                pos.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Looks up role names per side: "L.upperArm" -> table.get("upperArm") with {S} replaced. */
    static Function<String, String> sided(Map<String, String> table, String left, String right) {
        return role -> {
            if (role.startsWith("L.") || role.startsWith("R.")) {
                String t = table.get(role.substring(2));
                return t == null ? null : t.replace("{S}", role.startsWith("L.") ? left : right);
            }
            return table.get(role);
        };
    }

    static Map<String, String> table(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static void expect(HumanoidMap m, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            HumanoidBone b = HumanoidBone.find(pairs[i]);
            assertEquals(pairs[i + 1], m.findJoint(b), pairs[i] + " in " + m);
        }
    }

    @Test
    void mixamo() throws Exception {
        HumanoidMap m = HumanoidMapper.map(rig("mixamo", sided(table(
                "hips", "mixamorig:Hips", "spine", "mixamorig:Spine", "chest", "mixamorig:Spine1",
                "upperChest", "mixamorig:Spine2", "neck", "mixamorig:Neck", "head", "mixamorig:Head",
                "headEnd", "mixamorig:HeadTop_End", "shoulder", "mixamorig:{S}Shoulder", "upperArm", "mixamorig:{S}Arm",
                "lowerArm", "mixamorig:{S}ForeArm", "hand", "mixamorig:{S}Hand",
                "index1", "mixamorig:{S}HandIndex1", "index2", "mixamorig:{S}HandIndex2",
                "index3", "mixamorig:{S}HandIndex3", "indexEnd", "mixamorig:{S}HandIndex4",
                "thumb1", "mixamorig:{S}HandThumb1", "upperLeg", "mixamorig:{S}UpLeg", "lowerLeg", "mixamorig:{S}Leg",
                "foot", "mixamorig:{S}Foot", "toes", "mixamorig:{S}ToeBase", "toeEnd", "mixamorig:{S}Toe_End"),
                "Left", "Right")));
        expect(m, "hips", "mixamorig:Hips", "spine", "mixamorig:Spine", "chest", "mixamorig:Spine1",
                "upperChest", "mixamorig:Spine2", "neck", "mixamorig:Neck", "head", "mixamorig:Head",
                "leftShoulder", "mixamorig:LeftShoulder", "leftUpperArm", "mixamorig:LeftArm",
                "rightLowerArm", "mixamorig:RightForeArm", "leftHand", "mixamorig:LeftHand",
                "leftUpperLeg", "mixamorig:LeftUpLeg", "rightLowerLeg", "mixamorig:RightLeg",
                "rightFoot", "mixamorig:RightFoot", "leftToes", "mixamorig:LeftToeBase",
                "leftIndexProximal", "mixamorig:LeftHandIndex1", "leftIndexDistal", "mixamorig:LeftHandIndex3",
                "rightThumbProximal", "mixamorig:RightHandThumb1");
    }

    @Test
    void vrmAndUnityHumanoid() throws Exception {
        HumanoidMap m = HumanoidMapper.map(rig("vrm", sided(table(
                "hips", "Hips", "spine", "Spine", "chest", "Chest", "upperChest", "UpperChest", "neck", "Neck",
                "head", "Head", "shoulder", "{S}Shoulder", "upperArm", "{S}UpperArm", "lowerArm", "{S}LowerArm",
                "hand", "{S}Hand", "thumb1", "{S}ThumbProximal", "thumb2", "{S}ThumbIntermediate",
                "thumb3", "{S}ThumbDistal", "little1", "{S}LittleProximal", "little2", "{S}LittleIntermediate",
                "upperLeg", "{S}UpperLeg", "lowerLeg", "{S}LowerLeg", "foot", "{S}Foot", "toes", "{S}Toes"),
                "Left", "Right")));
        for (HumanoidBone b : HumanoidBone.values()) {
            String name = m.findJoint(b);
            if (name != null) {
                assertEquals(b.vrmName().toLowerCase(), name.toLowerCase(), "VRM names map to themselves");
            }
        }
        expect(m, "upperChest", "UpperChest", "leftThumbDistal", "LeftThumbDistal", "rightToes", "RightToes",
                "leftLittleIntermediate", "LeftLittleIntermediate");
    }

    @Test
    void rigifyDeformBonesWhoseHeadIsOnlyASpineNumber() throws Exception {
        HumanoidMap m = HumanoidMapper.map(rig("rigify", sided(table(
                "hips", "DEF-spine", "pelvisSide", "DEF-pelvis.{S}", "spine", "DEF-spine.001", "chest", "DEF-spine.002",
                "upperChest", "DEF-spine.003", "neck", "DEF-spine.004", "neck2", "DEF-spine.005", "head", "DEF-spine.006",
                "shoulder", "DEF-shoulder.{S}", "upperArm", "DEF-upper_arm.{S}", "upperArmTwist", "DEF-upper_arm.{S}.001",
                "lowerArm", "DEF-forearm.{S}", "lowerArmTwist", "DEF-forearm.{S}.001", "hand", "DEF-hand.{S}",
                "index1", "DEF-f_index.01.{S}", "index2", "DEF-f_index.02.{S}", "index3", "DEF-f_index.03.{S}",
                "thumb1", "DEF-thumb.01.{S}", "upperLeg", "DEF-thigh.{S}", "upperLegTwist", "DEF-thigh.{S}.001",
                "lowerLeg", "DEF-shin.{S}", "lowerLegTwist", "DEF-shin.{S}.001", "foot", "DEF-foot.{S}",
                "toes", "DEF-toe.{S}"), "L", "R")));
        expect(m, "hips", "DEF-spine", "spine", "DEF-spine.001", "chest", "DEF-spine.002", "upperChest", "DEF-spine.003",
                "neck", "DEF-spine.004", "head", "DEF-spine.006", "leftUpperArm", "DEF-upper_arm.L",
                "leftLowerArm", "DEF-forearm.L", "rightUpperLeg", "DEF-thigh.R", "rightLowerLeg", "DEF-shin.R",
                "leftToes", "DEF-toe.L", "leftIndexIntermediate", "DEF-f_index.02.L", "rightThumbProximal",
                "DEF-thumb.01.R");
    }

    @Test
    void makeHuman() throws Exception {
        HumanoidMap m = HumanoidMapper.map(rig("makehuman", sided(table(
                "hips", "root", "pelvisSide", "pelvis.{S}", "spine", "spine05", "spine2", "spine04", "chest", "spine03",
                "chest2", "spine02", "upperChest", "spine01", "neck", "neck01", "neck2", "neck02", "neck3", "neck03",
                "head", "head", "shoulder", "clavicle.{S}", "shoulder2", "shoulder01.{S}", "upperArm", "upperarm01.{S}",
                "upperArmTwist", "upperarm02.{S}", "lowerArm", "lowerarm01.{S}", "lowerArmTwist", "lowerarm02.{S}",
                "hand", "wrist.{S}", "thumbMeta", "metacarpal1.{S}", "thumb1", "finger1-1.{S}", "thumb2", "finger1-2.{S}",
                "indexMeta", "metacarpal2.{S}", "index1", "finger2-1.{S}", "index2", "finger2-2.{S}",
                "index3", "finger2-3.{S}", "upperLeg", "upperleg01.{S}", "upperLegTwist", "upperleg02.{S}",
                "lowerLeg", "lowerleg01.{S}", "lowerLegTwist", "lowerleg02.{S}", "foot", "foot.{S}",
                "toes", "toe1-1.{S}"), "L", "R")));
        expect(m, "hips", "root", "spine", "spine05", "chest", "spine02", "upperChest", "spine01", "neck", "neck01",
                "head", "head", "leftShoulder", "clavicle.L", "leftUpperArm", "upperarm01.L", "leftLowerArm", "lowerarm01.L",
                "leftHand", "wrist.L", "rightUpperLeg", "upperleg01.R", "rightLowerLeg", "lowerleg01.R",
                "rightToes", "toe1-1.R", "leftThumbProximal", "finger1-1.L", "leftIndexDistal", "finger2-3.L");
    }

    @Test
    void dazGenesisAndPoser() throws Exception {
        HumanoidMap m = HumanoidMapper.map(rig("genesis", sided(table(
                "hips", "hip", "spine", "abdomenLower", "spine2", "abdomenUpper",
                "chest", "chestLower", "upperChest", "chestUpper", "neck", "neckLower", "neck2", "neckUpper", "head", "head",
                "shoulder", "{S}Collar", "upperArm", "{S}ShldrBend", "upperArmTwist", "{S}ShldrTwist",
                "lowerArm", "{S}ForearmBend", "lowerArmTwist", "{S}ForearmTwist", "hand", "{S}Hand",
                "thumbMeta", "{S}Carpal1", "thumb1", "{S}Thumb1", "thumb2", "{S}Thumb2", "index1", "{S}Index1",
                "middle1", "{S}Mid1", "little1", "{S}Pinky1", "upperLeg", "{S}ThighBend", "upperLegTwist", "{S}ThighTwist",
                "lowerLeg", "{S}Shin", "foot", "{S}Foot", "metatarsals", "{S}Metatarsals", "toes", "{S}Toe"), "l", "r")));
        expect(m, "hips", "hip", "spine", "abdomenLower", "chest", "chestLower", "upperChest", "chestUpper",
                "neck", "neckLower", "head", "head", "leftShoulder", "lCollar", "leftUpperArm", "lShldrBend",
                "leftLowerArm", "lForearmBend", "rightHand", "rHand", "leftUpperLeg", "lThighBend", "leftLowerLeg", "lShin",
                "rightFoot", "rFoot", "rightToes", "rToe", "leftMiddleProximal", "lMid1", "rightThumbIntermediate",
                "rThumb2");
    }

    @Test
    void cmuAsf() throws Exception {
        HumanoidMap m = HumanoidMapper.map(rig("cmu-asf", sided(table(
                "hips", "root", "pelvisSide", "{S}hipjoint", "spine", "lowerback", "chest", "upperback",
                "upperChest", "thorax", "neck", "lowerneck", "neck2", "upperneck", "head", "head",
                "shoulder", "{S}clavicle", "upperArm", "{S}humerus", "lowerArm", "{S}radius", "hand", "{S}wrist",
                "hand2", "{S}hand", "index1", "{S}fingers", "thumb1", "{S}thumb", "upperLeg", "{S}femur",
                "lowerLeg", "{S}tibia", "foot", "{S}foot", "toes", "{S}toes"), "l", "r")));
        expect(m, "hips", "root", "spine", "lowerback", "chest", "upperback", "upperChest", "thorax",
                "neck", "lowerneck", "head", "head", "leftShoulder", "lclavicle", "leftUpperArm", "lhumerus",
                "leftLowerArm", "lradius", "leftHand", "lwrist", "rightUpperLeg", "rfemur", "rightLowerLeg", "rtibia",
                "rightFoot", "rfoot", "rightToes", "rtoes", "leftThumbProximal", "lthumb");
    }

    @Test
    void unrealMannequin() throws Exception {
        HumanoidMap m = HumanoidMapper.map(rig("ue", sided(table(
                "hips", "pelvis", "spine", "spine_01", "chest", "spine_02", "upperChest", "spine_03", "neck", "neck_01",
                "head", "head", "shoulder", "clavicle_{S}", "upperArm", "upperarm_{S}", "upperArmTwist",
                "upperarm_twist_01_{S}", "lowerArm", "lowerarm_{S}", "hand", "hand_{S}", "index1", "index_01_{S}",
                "upperLeg", "thigh_{S}", "upperLegTwist", "thigh_twist_01_{S}", "lowerLeg", "calf_{S}", "foot", "foot_{S}",
                "toes", "ball_{S}"), "l", "r")));
        expect(m, "hips", "pelvis", "spine", "spine_01", "upperChest", "spine_03", "neck", "neck_01",
                "leftUpperArm", "upperarm_l", "leftLowerArm", "lowerarm_l", "rightUpperLeg", "thigh_r",
                "rightLowerLeg", "calf_r", "leftToes", "ball_l", "leftIndexProximal", "index_01_l");
    }

    @Test
    void plainEnglishInAnyCaseAndSeparatorStyle() throws Exception {
        HumanoidMap m = HumanoidMapper.map(rig("plain", sided(table(
                "hips", "HIPS", "spine", "spine", "chest", "Chest", "neck", "NECK", "head", "Head",
                "shoulder", "{S}-shoulder", "upperArm", "{S}_UPPER_ARM", "lowerArm", "{S} lower arm", "hand", "{S}Hand",
                "upperLeg", "{S}_upper_leg", "lowerLeg", "{S}-Lower-Leg", "foot", "{S} FOOT", "toes", "{S}_toes"),
                "left", "right")));
        expect(m, "hips", "HIPS", "spine", "spine", "chest", "Chest", "neck", "NECK", "head", "Head",
                "leftShoulder", "left-shoulder", "leftUpperArm", "left_UPPER_ARM", "rightLowerArm", "right lower arm",
                "rightHand", "rightHand", "leftUpperLeg", "left_upper_leg", "rightLowerLeg", "right-Lower-Leg",
                "leftFoot", "left FOOT", "rightToes", "right_toes");
    }

    @Test
    void sidesFromTheRestPoseWhenNamesHaveNone() throws Exception {
        // "Arm" and "Arm.001": which is left is decided by the rest pose (left = +X when facing +Z).
        HumanoidMap m = HumanoidMapper.map(rig("unsided", role -> {
            Map<String, String> t = table("hips", "Hips", "spine", "Spine", "chest", "Chest", "neck", "Neck",
                    "head", "Head", "upperArm", "UpperArm", "lowerArm", "LowerArm", "hand", "Hand",
                    "upperLeg", "Thigh", "lowerLeg", "Shin", "foot", "Foot", "toes", "Toe");
            if (role.startsWith("L.") || role.startsWith("R.")) {
                String n = t.get(role.substring(2));
                return n == null ? null : role.startsWith("R.") ? n : n + ".001";
            }
            return t.get(role);
        }));
        expect(m, "leftUpperArm", "UpperArm.001", "rightUpperArm", "UpperArm", "leftFoot", "Foot.001",
                "rightLowerLeg", "Shin", "leftHand", "Hand.001");
    }

    @Test
    void missingRequiredBonesAreListedWithWhatWasFound() {
        HumanoidMapException e = assertThrows(HumanoidMapException.class, () -> HumanoidMapper.map(rig("armless",
                sided(table("hips", "Hips", "spine", "Spine", "neck", "Neck", "head", "Head", "upperLeg", "{S}UpLeg",
                        "lowerLeg", "{S}Leg", "foot", "{S}Foot"), "Left", "Right"))));
        assertEquals(List.of(HumanoidBone.LEFT_UPPER_ARM, HumanoidBone.LEFT_LOWER_ARM, HumanoidBone.LEFT_HAND,
                HumanoidBone.RIGHT_UPPER_ARM, HumanoidBone.RIGHT_LOWER_ARM, HumanoidBone.RIGHT_HAND), e.missing());
        assertTrue(e.getMessage().contains("armless"), e.getMessage());
        assertTrue(e.getMessage().contains("LEFT_UPPER_LEG=LeftUpLeg"), e.getMessage());
        assertTrue(e.getMessage().contains("mapping file"), e.getMessage());
    }

    @Test
    void overridesCompleteAndReplaceTheAutomaticMap() throws Exception {
        RigDescription rig = rig("odd", sided(table("hips", "Hips", "spine", "Spine", "head", "Head",
                "upperArm", "{S}Wing", "lowerArm", "{S}Wing2", "hand", "{S}Claw", "upperLeg", "{S}UpLeg",
                "lowerLeg", "{S}Leg", "foot", "{S}Foot", "neck", "Neck"), "Left", "Right"));
        Map<HumanoidBone, String> o = new HashMap<>();
        o.put(HumanoidBone.LEFT_UPPER_ARM, "LeftWing");
        o.put(HumanoidBone.LEFT_LOWER_ARM, "LeftWing2");
        o.put(HumanoidBone.LEFT_HAND, "LeftClaw");
        o.put(HumanoidBone.RIGHT_UPPER_ARM, "RightWing");
        o.put(HumanoidBone.RIGHT_LOWER_ARM, "RightWing2");
        o.put(HumanoidBone.RIGHT_HAND, "RightClaw");
        o.put(HumanoidBone.NECK, null);
        HumanoidMap m = HumanoidMapper.map(rig, o);
        assertEquals("LeftClaw", m.getJoint(HumanoidBone.LEFT_HAND));
        assertEquals(null, m.findJoint(HumanoidBone.NECK));
        o.put(HumanoidBone.HEAD, "Skull");
        HumanoidMapException e = assertThrows(HumanoidMapException.class, () -> HumanoidMapper.map(rig, o));
        assertTrue(e.getMessage().contains("'Skull'"), e.getMessage());
    }

    @Test
    void conventionIsRecognised() {
        assertEquals("Mixamo", HumanoidMapper.convention(rig("m", sided(table("hips", "mixamorig:Hips",
                "upperArm", "mixamorig:{S}Arm"), "Left", "Right"))));
        assertEquals("Rigify", HumanoidMapper.convention(rig("r", sided(table("hips", "DEF-spine"), "L", "R"))));
        assertEquals("CMU ASF", HumanoidMapper.convention(rig("c", sided(table("hips", "root", "upperLeg", "{S}femur"),
                "l", "r"))));
        assertEquals("Poser/DAZ", HumanoidMapper.convention(rig("p", sided(table("hips", "hip", "upperLeg", "{S}Thigh"),
                "l", "r"))));
        assertEquals("VRM/Unity", HumanoidMapper.convention(rig("v", sided(table("hips", "Hips", "upperLeg",
                "{S}UpperLeg"), "Left", "Right"))));
        assertEquals("unnamed joints", HumanoidMapper.convention(rig("n", role -> "Joint" + Math.abs(role.hashCode()))));
    }
}
