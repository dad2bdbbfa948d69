package io.github.hourglassmocap.retarget.internal.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small, valid input files generated in code: a humanoid BVH take (with a choice of up axis and of position
 * channels on every joint), a keypoints file, a 3D pose file, a humanoid mapping file and a lifter manifest.
 * They seed the fuzz harness ({@link InputFuzzer}) and serve as test inputs; nothing here depends on files
 * outside the code. Utility class; thread-safe.
 */
public final class SyntheticInputs {
    /** The up axis a generated BVH file is written in. */
    public enum Up {
        /** Y up (the common convention, and jME's). */
        Y,
        /** Z up (Blender, 3ds Max, many exports): the Y-up take turned +90 degrees about X. */
        Z,
        /** X up: the Y-up take turned -90 degrees about Z. */
        X
    }

    private SyntheticInputs() {
    }

    /** One joint of the generated rig: name, parent index, Y-up offset in centimetres, End Site or not. */
    private record J(String name, int parent, double x, double y, double z, double[] end) {
    }

    private static final List<J> RIG = List.of(
            new J("Hips", -1, 0, 95, 0, null),
            new J("Spine", 0, 0, 10, 0, null),
            new J("Chest", 1, 0, 20, 0, null),
            new J("Neck", 2, 0, 22, 0, null),
            new J("Head", 3, 0, 10, 0, new double[] {0, 18, 0}),
            new J("LeftShoulder", 2, 4, 18, 0, null),
            new J("LeftArm", 5, 14, 0, 0, null),
            new J("LeftForeArm", 6, 28, 0, 0, null),
            new J("LeftHand", 7, 25, 0, 0, new double[] {10, 0, 0}),
            new J("RightShoulder", 2, -4, 18, 0, null),
            new J("RightArm", 9, -14, 0, 0, null),
            new J("RightForeArm", 10, -28, 0, 0, null),
            new J("RightHand", 11, -25, 0, 0, new double[] {-10, 0, 0}),
            new J("LeftUpLeg", 0, 9, -5, 0, null),
            new J("LeftLeg", 13, 0, -42, 0, null),
            new J("LeftFoot", 14, 0, -42, 0, null),
            new J("LeftToeBase", 15, 0, -6, 13, new double[] {0, 0, 5}),
            new J("RightUpLeg", 0, -9, -5, 0, null),
            new J("RightLeg", 17, 0, -42, 0, null),
            new J("RightFoot", 18, 0, -42, 0, null),
            new J("RightToeBase", 19, 0, -6, 13, new double[] {0, 0, 5}));

    /**
     * Generates a humanoid BVH take: a 21-joint rig (Mixamo-like names, centimetres) walking forward along its
     * forward axis with swinging legs and arms and a slow turn, 30 fps.
     *
     * @param up the up axis of the file (not null)
     * @param positionsOnEveryJoint true to give every joint 6 channels whose positions are its local
     *     translation (the offset), as some exporters write; false for position channels on the root only
     * @param frames the number of frames (&ge;1)
     * @return the file's text (LF line ends)
     */
    public static String humanoidBvh(Up up, boolean positionsOnEveryJoint, int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        int[][] basis = basis(up);
        StringBuilder sb = new StringBuilder(4096);
        sb.append("HIERARCHY\n");
        // rotation channels in Y-up terms: Z, X, Y (intrinsic order), mapped to the file's axes
        int[] rotAxes = new int[3];
        int[] rotSigns = new int[3];
        int[] yUpOrder = {2, 0, 1};
        for (int k = 0; k < 3; k++) {
            int[] m = mapAxis(basis, yUpOrder[k]);
            rotAxes[k] = m[0];
            rotSigns[k] = m[1];
        }
        String rotNames = "XYZ".charAt(rotAxes[0]) + "rotation " + "XYZ".charAt(rotAxes[1]) + "rotation "
                + "XYZ".charAt(rotAxes[2]) + "rotation";
        writeJoint(sb, 0, "", basis, rotNames, positionsOnEveryJoint);
        sb.append("MOTION\nFrames: ").append(frames).append("\nFrame Time: 0.0333333\n");
        for (int f = 0; f < frames; f++) {
            double t = f / 30.0;
            double swing = 25 * Math.sin(2 * Math.PI * t);
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < RIG.size(); j++) {
                J joint = RIG.get(j);
                if (j == 0 || positionsOnEveryJoint) {
                    // the root's channels add to its OFFSET unless every joint has positions (then they replace it)
                    double rootY = (positionsOnEveryJoint ? 95 : 0) + 2 * Math.cos(4 * Math.PI * t);
                    double[] p = j == 0 ? new double[] {3 * Math.sin(t), rootY, 120 * t}
                            : new double[] {joint.x, joint.y, joint.z};
                    double[] q = apply(basis, p);
                    for (double v : q) {
                        line.append(num(v)).append(' ');
                    }
                }
                // Y-up Euler angles (Z, X, Y) in degrees
                double rz = 0;
                double rx = 0;
                double ry = 0;
                switch (joint.name) {
                    case "Hips" -> ry = 20 * t;
                    case "LeftUpLeg" -> rx = swing;
                    case "RightUpLeg" -> rx = -swing;
                    case "LeftLeg", "RightLeg" -> rx = 10 + 10 * Math.sin(2 * Math.PI * t);
                    case "LeftArm" -> {
                        rz = -70;
                        rx = -swing / 2;
                    }
                    case "RightArm" -> {
                        rz = 70;
                        rx = swing / 2;
                    }
                    case "Head" -> rx = 5;
                    default -> {
                    }
                }
                double[] yUp = {rz, rx, ry};
                for (int k = 0; k < 3; k++) {
                    line.append(num(rotSigns[k] * yUp[k])).append(' ');
                }
            }
            sb.append(line.toString().trim()).append('\n');
        }
        return sb.toString();
    }

    private static void writeJoint(StringBuilder sb, int j, String indent, int[][] basis, String rotNames,
            boolean positions) {
        J joint = RIG.get(j);
        sb.append(indent).append(j == 0 ? "ROOT " : "JOINT ").append(joint.name).append('\n');
        sb.append(indent).append("{\n");
        double[] o = apply(basis, new double[] {joint.x, joint.y, joint.z});
        sb.append(indent).append("\tOFFSET ").append(num(o[0])).append(' ').append(num(o[1])).append(' ')
                .append(num(o[2])).append('\n');
        if (j == 0 || positions) {
            sb.append(indent).append("\tCHANNELS 6 Xposition Yposition Zposition ").append(rotNames).append('\n');
        } else {
            sb.append(indent).append("\tCHANNELS 3 ").append(rotNames).append('\n');
        }
        for (int c = 0; c < RIG.size(); c++) {
            if (RIG.get(c).parent == j) {
                writeJoint(sb, c, indent + "\t", basis, rotNames, positions);
            }
        }
        if (joint.end != null) {
            double[] e = apply(basis, joint.end);
            sb.append(indent).append("\tEnd Site\n").append(indent).append("\t{\n").append(indent).append("\t\tOFFSET ")
                    .append(num(e[0])).append(' ').append(num(e[1])).append(' ').append(num(e[2])).append('\n')
                    .append(indent).append("\t}\n");
        }
        sb.append(indent).append("}\n");
    }

    /** The rotation taking Y-up coordinates to the file's: rows of a signed permutation matrix. */
    private static int[][] basis(Up up) {
        return switch (up) {
            case Y -> new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
            // +90 degrees about X: y -> z, z -> -y
            case Z -> new int[][] {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}};
            // -90 degrees about Z: y -> x, x -> -y
            case X -> new int[][] {{0, 1, 0}, {-1, 0, 0}, {0, 0, 1}};
        };
    }

    private static double[] apply(int[][] m, double[] p) {
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) {
            r[i] = m[i][0] * p[0] + m[i][1] * p[1] + m[i][2] * p[2];
        }
        return r;
    }

    /** Where a Y-up unit axis goes: {file axis, sign}. */
    private static int[] mapAxis(int[][] m, int axis) {
        for (int i = 0; i < 3; i++) {
            if (m[i][axis] != 0) {
                return new int[] {i, m[i][axis]};
            }
        }
        throw new IllegalStateException("not a permutation");
    }

    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v + 0.0);
        return s.equals("-0.000000") ? "0.000000" : s;
    }

    /**
     * Generates a keypoints file (docs/formats.md, "Keypoints", version 1): three frames of a standing
     * person, the middle one without a person.
     *
     * @return the JSON text
     */
    public static String keypointsJson() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"version\": 1, \"source\": \"file:/videos/walk.mp4\", \"width\": 640, \"height\": 480, ")
                .append("\"frameRateHz\": 30.0, \"model\": \"lite\", \"frames\": [");
        for (int f = 0; f < 3; f++) {
            sb.append(f == 0 ? "" : ", ");
            sb.append("{\"index\": ").append(f).append(", \"timestampNanos\": ").append(f * 33_333_333L);
            if (f == 1) {
                sb.append(", \"person\": false}");
                continue;
            }
            sb.append(", \"person\": true, \"roi\": {\"cx\": 320.0, \"cy\": 240.0, \"size\": 400.0, ")
                    .append("\"rotationRadians\": 0.01}, \"score\": 0.98, \"landmarks33\": [");
            for (int i = 0; i < 33; i++) {
                sb.append(i == 0 ? "" : ", ").append('[').append(num2(300 + 2 * i + f)).append(", ")
                        .append(num2(100 + 9 * i)).append(", ").append(num2(-0.1 * i)).append(", 0.95, 0.99]");
            }
            sb.append("], \"joints17\": [");
            for (int j = 0; j < 17; j++) {
                sb.append(j == 0 ? "" : ", ").append('[').append(num2(310 + 3 * j + f)).append(", ")
                        .append(num2(120 + 15 * j)).append(", 0.9]");
            }
            sb.append("]}");
        }
        sb.append("]}\n");
        return sb.toString();
    }

    /**
     * Generates a 3D pose file (docs/formats.md, "3D poses", version 1) of three frames.
     *
     * @return the JSON text
     */
    public static String pose3dJson() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"version\": 1, \"source\": \"kp.json\", \"frameRateHz\": 30, \"model\": \"hot-f27\", ")
                .append("\"mode\": \"offline\", \"lookaheadFrames\": 0, \"joints\": [\"pelvis\"],\n \"frames\": [");
        for (int f = 0; f < 3; f++) {
            sb.append(f == 0 ? "\n  " : ",\n  ");
            sb.append("{\"index\": ").append(f).append(", \"timestampNanos\": ").append(f * 33_333_333L)
                    .append(", \"valid\": true, \"interpolated\": ").append(f == 1).append(", \"joints\": [");
            for (int j = 0; j < 17; j++) {
                sb.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "[%.5f, %.5f, %.5f]",
                        j == 0 ? 0.0 : 0.02 * j, j == 0 ? 0.0 : -0.05 * j + 0.01 * f, 0.01 * j));
            }
            sb.append("], \"root\": [0.10000, 0.20000, ").append(num2(3 + 0.01 * f)).append("], \"confidence\": [");
            for (int j = 0; j < 17; j++) {
                sb.append(j == 0 ? "" : ", ").append("0.900");
            }
            sb.append("]}");
        }
        sb.append("\n ]}\n");
        return sb.toString();
    }

    /**
     * Generates a humanoid mapping file (docs/formats.md, "Humanoid mapping file") for the generated BVH rig.
     *
     * @return the JSON text
     */
    public static String humanoidMapJson() {
        return "{\n  \"version\": 1,\n  \"bones\": {\n    \"hips\": \"Hips\",\n    \"leftUpperLeg\": \"LeftUpLeg\",\n"
                + "    \"rightUpperLeg\": \"RightUpLeg\",\n    \"upperChest\": null,\n    \"head\": \"Head\"\n  }\n}\n";
    }

    /**
     * Generates a lifter manifest (docs/formats.md, "Lifter model") like the shipped ones.
     *
     * @return the JSON text
     */
    public static String lifterManifestJson() {
        List<String> names = List.of("pelvis", "r_hip", "r_knee", "r_ankle", "l_hip", "l_knee", "l_ankle", "spine",
                "thorax", "neck_nose", "head", "l_shoulder", "l_elbow", "l_wrist", "r_shoulder", "r_elbow", "r_wrist");
        List<String> quoted = new ArrayList<>();
        names.forEach(n -> quoted.add("\"" + n + "\""));
        return "{\n \"version\": 1,\n \"name\": \"hot-f27\",\n \"architecture\": \"hot\",\n \"frames\": 27,\n"
                + " \"joints\": 17,\n \"jointOrder\": [" + String.join(", ", quoted) + "],\n"
                + " \"input\": {\"name\": \"keypoints\", \"shape\": [1, 27, 17, 2], \"normalisation\": \"screen\"},\n"
                + " \"output\": {\"name\": \"pose3d\", \"shape\": [1, 27, 17, 3], \"units\": \"metres\", \"rootRelative\": true},\n"
                + " \"sha256\": \"41f623242c571cf6607efc3a8670fcc1727fa285a2cac313db51271584b89629\",\n"
                + " \"flopsPerWindow\": 145000000\n}\n";
    }

    private static String num2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
