package io.github.hourglassmocap.retarget.humanoid;

import io.github.hourglassmocap.retarget.humanoid.HumanoidBone.Finger;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a joint name says about the bone: side, kind, finger and phalanx. Understands the naming
 * conventions listed in {@code docs/skeleton.md} (Mixamo, VRM/Unity, Rigify/MakeHuman, Reallusion CC,
 * Poser/DAZ, CMU ASF, jME's Jaime and Sinbad, plain English in any case and separator style).
 * Immutable; created by {@link #parse(String)}.
 */
final class BoneName {
    /** The kind of bone a name describes. */
    public enum Kind {
        /** Hips, pelvis or root. */
        HIPS,
        /** A spine, abdomen, waist or back bone. */
        SPINE,
        /** A chest, thorax or rib-cage bone. */
        CHEST,
        /** A neck bone. */
        NECK,
        /** The head. */
        HEAD,
        /** An eye. */
        EYE,
        /** Shoulder, clavicle or collar. */
        SHOULDER,
        /** Upper arm (humerus, Poser's "Shldr"). */
        UPPER_ARM,
        /** Lower arm, forearm or elbow. */
        LOWER_ARM,
        /** Hand or wrist. */
        HAND,
        /** A finger bone (see {@link BoneName#finger()}). */
        FINGER,
        /** Upper leg, thigh or femur. */
        UPPER_LEG,
        /** Lower leg, calf, shin or knee. */
        LOWER_LEG,
        /** Foot or ankle. */
        FOOT,
        /** Toes or ball of the foot (not single toes). */
        TOES,
        /** Twist, share, IK, roll, corrective, end/nub, face, prop and attachment bones: never mapped. */
        HELPER,
        /** Nothing recognised. */
        UNKNOWN
    }

    private static final Set<String> HELPER_TOKENS = Set.of("twist", "share", "sharebone", "helper", "ik", "pole",
            "target", "ctrl", "control", "null", "end", "nub", "tip", "roll", "adjust", "corrective", "buttock",
            "sheath", "handle", "weapon", "prop", "attach", "lip", "brow", "eyebrow", "cheek", "tongue", "teeth", "jaw",
            "eyelid", "lid", "facial", "palm", "meta", "metacarpal", "carpal", "breast", "nose", "ear", "hair", "mch",
            "org", "mouth", "sight", "top", "upperjaw", "lowerjaw", "bone", "dummy", "socket", "slot", "hipjoint",
            "metatarsals", "eyes");
    private static final Set<String> FINGER_TOKENS = Set.of("thumb", "index", "middle", "mid", "ring", "pinky", "little",
            "finger", "fingers", "pointer", "pinkie");
    private static final Set<String> SIDE_WORDS = Set.of("thigh", "shin", "calf", "knee", "foot", "ankle", "toe", "toes",
            "hand", "wrist", "forearm", "arm", "shldr", "shoulder", "collar", "clavicle", "humerus", "radius", "femur",
            "tibia", "hip", "eye", "fingers", "thumb", "index", "mid", "ring", "pinky", "upperarm", "lowerarm", "upleg",
            "leg", "elbow", "buttock", "hipjoint", "clav", "ulna");

    private final String original;
    private final List<String> tokens;
    private final String compact;
    private final Side side;
    private final Kind kind;
    private final Finger finger;
    private final int phalanx;
    private final int number;

    private BoneName(String original, List<String> tokens, String compact, Side side, Kind kind, Finger finger,
            int phalanx, int number) {
        this.original = original;
        this.tokens = List.copyOf(tokens);
        this.compact = compact;
        this.side = side;
        this.kind = kind;
        this.finger = finger;
        this.phalanx = phalanx;
        this.number = number;
    }

    /**
     * Parses a joint name.
     *
     * @param name the joint name as the rig spells it (not null)
     * @return a new parsed name
     */
    public static BoneName parse(String name) {
        String raw = name;
        int cut = Math.max(raw.lastIndexOf(':'), raw.lastIndexOf('|'));
        if (cut >= 0 && cut < raw.length() - 1) {
            raw = raw.substring(cut + 1);
        }
        boolean ik = raw.length() > 2 && raw.regionMatches(true, 0, "ik", 0, 2)
                && (Character.isUpperCase(raw.charAt(1)) || !Character.isLetter(raw.charAt(2)));
        // camelCase, letter/digit boundaries and separators
        String spaced = raw.replaceAll("([a-z])([A-Z])", "$1 $2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
                .replaceAll("([A-Za-z])([0-9])", "$1 $2")
                .replaceAll("([0-9])([A-Za-z])", "$1 $2");
        List<String> tokens = new ArrayList<>();
        for (String t : spaced.split("[^A-Za-z0-9]+")) {
            if (!t.isEmpty()) {
                tokens.add(t.toLowerCase(Locale.ROOT));
            }
        }
        // Known prefixes that carry no meaning.
        while (!tokens.isEmpty() && Set.of("cc", "base", "mixamorig", "def", "bip", "bip01", "bip001", "armature", "rl",
                "valve", "biped", "character", "char", "skeleton", "jnt", "j", "b").contains(tokens.get(0))
                && tokens.size() > 1) {
            tokens.remove(0);
        }
        // "bip 01" leaves a number first
        while (tokens.size() > 1 && tokens.get(0).matches("[0-9]+") && !tokens.get(1).matches("[0-9]+")) {
            tokens.remove(0);
        }
        Side side = Side.CENTER;
        List<String> words = new ArrayList<>();
        int number = -1;
        List<Integer> numbers = new ArrayList<>();
        for (String t : tokens) {
            switch (t) {
                case "l", "left", "lt", "lft" -> side = Side.LEFT;
                case "r", "right", "rt", "rgt" -> side = Side.RIGHT;
                default -> {
                    if (t.matches("[0-9]+")) {
                        number = Integer.parseInt(t.length() > 6 ? t.substring(0, 6) : t);
                        numbers.add(number);
                    } else if (t.length() > 1 && (t.charAt(0) == 'l' || t.charAt(0) == 'r')
                            && SIDE_WORDS.contains(t.substring(1)) && side == Side.CENTER) {
                        // Poser/CMU ASF style glued side: "lfemur", "rhand", "lthumb"
                        side = t.charAt(0) == 'l' ? Side.LEFT : Side.RIGHT;
                        words.add(t.substring(1));
                    } else {
                        words.add(t);
                    }
                }
            }
        }
        String compact = String.join("", words);
        Kind kind = Kind.UNKNOWN;
        Finger finger = null;
        int phalanx = -1;
        boolean helper = ik;
        for (String w : words) {
            if (HELPER_TOKENS.contains(w)) {
                helper = true;
            }
        }
        if (compact.contains("twist") || compact.contains("sharebone") || (compact.endsWith("end") && !compact.endsWith("bend"))
                || compact.endsWith("nub") || compact.startsWith("headtop") || compact.contains("eyelid")
                || compact.contains("eyebrow")) {
            helper = true;
        }
        boolean hasToe = compact.contains("toe");
        Finger f = null;
        if (!hasToe) {
            for (String w : words) {
                f = switch (w) {
                    case "thumb" -> Finger.THUMB;
                    case "index", "pointer" -> Finger.INDEX;
                    case "middle", "mid" -> Finger.MIDDLE;
                    case "ring" -> Finger.RING;
                    case "pinky", "little", "pinkie" -> Finger.LITTLE;
                    default -> f;
                };
            }
        }
        boolean fingerWord = !hasToe && words.stream().anyMatch(FINGER_TOKENS::contains);
        if (fingerWord) {
            kind = Kind.FINGER;
            finger = f;
            if (finger == null && !numbers.isEmpty() && numbers.get(0) >= 1 && numbers.get(0) <= 5) {
                // MakeHuman: finger1-1 .. finger5-3, thumb first
                finger = Finger.values()[numbers.get(0) - 1];
                if (numbers.size() >= 2 && numbers.get(1) >= 1 && numbers.get(1) <= 3) {
                    phalanx = numbers.get(1) - 1;
                }
            }
            for (String w : words) {
                switch (w) {
                    case "prox", "proximal" -> phalanx = 0;
                    case "med", "medial", "inter", "intermediate" -> phalanx = 1;
                    case "dist", "distal" -> phalanx = 2;
                    default -> {
                    }
                }
            }
        } else if (hasToe || compact.equals("ball")) {
            boolean single = words.stream().anyMatch(w -> Set.of("big", "index", "mid", "middle", "ring", "pinky", "little",
                    "pinkie").contains(w));
            kind = single ? Kind.HELPER : Kind.TOES;
        } else if (words.contains("eye")) {
            kind = Kind.EYE;
        } else {
            kind = classify(compact, side);
        }
        if (helper && kind != Kind.NECK) {
            kind = Kind.HELPER;
        } else if (helper) {
            // A twist neck (Reallusion NeckTwist01) is still the neck when nothing better exists.
            kind = Kind.NECK;
            phalanx = -2;
        }
        return new BoneName(name, tokens, compact, side, kind, finger, phalanx, number);
    }

    private static Kind classify(String c, Side side) {
        if (c.isEmpty()) {
            return Kind.UNKNOWN;
        }
        switch (c) {
            case "foot", "ankle", "footbend" -> {
                return Kind.FOOT;
            }
            case "calf", "shin", "knee", "lowerleg", "lowleg", "leg", "tibia", "shank", "crus", "shinbend", "leglower",
                    "legshin" -> {
                return Kind.LOWER_LEG;
            }
            case "thigh", "thighbend", "upleg", "upperleg", "femur", "legupper", "thighjoint" -> {
                return Kind.UPPER_LEG;
            }
            case "hand", "wrist", "handbend" -> {
                return Kind.HAND;
            }
            case "forearm", "lowerarm", "lowarm", "elbow", "radius", "ulna", "forearmbend", "armlower", "forarm" -> {
                return Kind.LOWER_ARM;
            }
            case "upperarm", "uparm", "arm", "shldr", "shldrbend", "humerus", "armupper", "shoulderjoint" -> {
                return Kind.UPPER_ARM;
            }
            case "shoulder", "clavicle", "collar", "clav", "collarbone" -> {
                return Kind.SHOULDER;
            }
            case "head" -> {
                return Kind.HEAD;
            }
            case "hips", "pelvis", "root", "hipsroot", "cog" -> {
                return Kind.HIPS;
            }
            case "hip" -> {
                return side == Side.CENTER ? Kind.HIPS : Kind.UPPER_LEG;
            }
            default -> {
            }
        }
        if (c.contains("neck")) {
            return Kind.NECK;
        }
        if (c.contains("chest") || c.contains("thorax") || c.equals("ribs") || c.equals("ribcage")
                || c.equals("upperback")) {
            return Kind.CHEST;
        }
        if (c.contains("spine") || c.contains("abdomen") || c.contains("waist") || c.contains("torso")
                || c.contains("back") || c.contains("stomach") || c.contains("belly") || c.contains("lumbar")) {
            return Kind.SPINE;
        }
        if (c.startsWith("head")) {
            return Kind.HEAD;
        }
        return Kind.UNKNOWN;
    }

    /**
     * Returns the name as given.
     *
     * @return the original joint name (not null)
     */
    public String original() {
        return original;
    }

    /**
     * Returns the lower-case tokens after namespace and prefix removal.
     *
     * @return an unmodifiable list
     */
    public List<String> tokens() {
        return tokens;
    }

    /**
     * Returns the name's words without side markers and numbers, joined.
     *
     * @return for example "upleg" for "mixamorig:LeftUpLeg" (not null)
     */
    public String compact() {
        return compact;
    }

    /**
     * Returns the side the name states.
     *
     * @return LEFT, RIGHT, or CENTER when the name has no side marker
     */
    public Side side() {
        return side;
    }

    /**
     * Returns the kind of bone.
     *
     * @return the kind (not null)
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the finger a finger bone belongs to.
     *
     * @return the finger, or null if none is named
     */
    public Finger finger() {
        return finger;
    }

    /**
     * Returns the phalanx the name states.
     *
     * @return 0 proximal, 1 intermediate, 2 distal, -1 if not stated, -2 for a helper-named neck
     */
    public int phalanx() {
        return phalanx;
    }

    /**
     * Returns the last number in the name.
     *
     * @return the number, or -1 if there is none
     */
    public int number() {
        return number;
    }

    @Override
    public String toString() {
        return original + "[" + side + " " + kind + (finger != null ? " " + finger : "") + "]";
    }
}
