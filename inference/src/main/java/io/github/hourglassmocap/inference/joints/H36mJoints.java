package io.github.hourglassmocap.inference.joints;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The lifter's 17 joints in the Human3.6M order (VideoPose3D, MixSTE, HoT). The table is read from
 * {@code h36m17.json}, the same file the Python trainer reads, so the two can never disagree.
 */
public final class H36mJoints {
    /** Number of joints (17). */
    public static final int COUNT = 17;
    public static final int PELVIS = 0;
    public static final int R_HIP = 1;
    public static final int R_KNEE = 2;
    public static final int R_ANKLE = 3;
    public static final int L_HIP = 4;
    public static final int L_KNEE = 5;
    public static final int L_ANKLE = 6;
    public static final int SPINE = 7;
    public static final int THORAX = 8;
    public static final int NECK_NOSE = 9;
    public static final int HEAD = 10;
    public static final int L_SHOULDER = 11;
    public static final int L_ELBOW = 12;
    public static final int L_WRIST = 13;
    public static final int R_SHOULDER = 14;
    public static final int R_ELBOW = 15;
    public static final int R_WRIST = 16;

    private static final List<String> NAMES;
    private static final int[] PARENTS;
    private static final int[] LEFT;
    private static final int[] RIGHT;
    private static final int[] MIRROR;

    static {
        try (InputStream in = H36mJoints.class.getResourceAsStream("h36m17.json")) {
            if (in == null) {
                throw new IllegalStateException("h36m17.json missing from the classpath (assets/skeleton)");
            }
            JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
            NAMES = List.copyOf(root.getAsJsonArray("names").asList().stream().map(e -> e.getAsString()).toList());
            PARENTS = ints(root.getAsJsonArray("parents"));
            LEFT = ints(root.getAsJsonArray("left"));
            RIGHT = ints(root.getAsJsonArray("right"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (NAMES.size() != COUNT || PARENTS.length != COUNT || LEFT.length != RIGHT.length) {
            throw new IllegalStateException("h36m17.json does not describe 17 joints");
        }
        MIRROR = new int[COUNT];
        for (int i = 0; i < COUNT; i++) {
            MIRROR[i] = i;
        }
        for (int i = 0; i < LEFT.length; i++) {
            MIRROR[LEFT[i]] = RIGHT[i];
            MIRROR[RIGHT[i]] = LEFT[i];
        }
    }

    private H36mJoints() {
    }

    private static int[] ints(JsonArray a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsInt();
        }
        return r;
    }

    /**
     * Returns the joint names in order.
     *
     * @return an unmodifiable shared list of 17 names
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Returns the name of one joint.
     *
     * @param joint the joint index (0..16)
     * @return the name, for example "l_wrist"
     */
    public static String name(int joint) {
        return NAMES.get(checkIndex(joint));
    }

    /**
     * Returns the parent of a joint.
     *
     * @param joint the joint index (0..16)
     * @return the parent index, or -1 for the pelvis
     */
    public static int parent(int joint) {
        return PARENTS[checkIndex(joint)];
    }

    /**
     * Returns the joint that a left/right mirror maps this joint to.
     *
     * @param joint the joint index (0..16)
     * @return the mirrored joint index (the joint itself on the midline)
     */
    public static int mirror(int joint) {
        return MIRROR[checkIndex(joint)];
    }

    /**
     * Returns the left-side joints.
     *
     * @return a new array of joint indices, paired element by element with {@link #right()}
     */
    public static int[] left() {
        return LEFT.clone();
    }

    /**
     * Returns the right-side joints.
     *
     * @return a new array of joint indices, paired element by element with {@link #left()}
     */
    public static int[] right() {
        return RIGHT.clone();
    }

    private static int checkIndex(int joint) {
        if (joint < 0 || joint >= COUNT) {
            throw new IllegalArgumentException("joint index " + joint + " out of range; expected 0.." + (COUNT - 1));
        }
        return joint;
    }
}
