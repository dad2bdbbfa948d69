package io.github.hourglassmocap.retarget.internal.fuzz;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates an input file: byte and bit flips, truncation, deleted, repeated and swapped ranges and lines,
 * numbers replaced by edge values (huge, tiny, negative, NaN, infinite, past the int range), tokens replaced
 * by keywords, deep nesting, and for JSON also structural changes (a value of the wrong type, a member
 * removed, an array emptied or grown). Every choice comes from the {@link Random} given, so a seed
 * reproduces a case. Not thread-safe (holds the random source).
 */
final class Mutator {
    /** Numbers that break readers: edge values, overflow, special floating-point spellings. */
    static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "2", "0.5", "-0.5", "1e-320", "4.9e-324", "1e-300",
            "1e300", "-1e300", "1e38", "3.5e38", "1e6", "1e7", "-1e7", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "2000000000", "3600", "86400", "NaN", "-NaN", "Infinity",
            "-Infinity", "1.5", "0x10", "1e", "--1", "00012", "1_000", "1e400", "-1e-400", "0.000001", "120", "30");
    private static final List<String> JSON_VALUES = List.of("null", "true", "false", "\"x\"", "\"\"", "[]", "{}", "[1, 2]",
            "{\"a\": 1}", "NaN", "1e400", "-1", "0", "2000000000", "\"1\"", "[[[]]]", "1.5");
    private static final List<String> BVH_TOKENS = List.of("{", "}", "JOINT", "ROOT", "End", "Site", "OFFSET", "CHANNELS",
            "MOTION", "HIERARCHY", "Frames:", "Frame Time:", "Xposition", "Zrotation", "6", "0", "-3", "7", "x", ":", "\t",
            "JOINT a {", "End Site {", "}}", "{{");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern TOKEN = Pattern.compile("[^\\s]+");
    private static final Gson GSON = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    /**
     * Mutates an input 1 to 3 times.
     *
     * @param input the content (not null, unaffected)
     * @param json true for a JSON format (adds structural mutations and JSON spellings)
     * @param description receives the names of the mutations applied (modified)
     * @return the mutated content (new array)
     */
    byte[] mutate(byte[] input, boolean json, StringBuilder description) {
        byte[] b = input;
        int count = 1 + random.nextInt(3);
        for (int k = 0; k < count; k++) {
            int op = random.nextInt(14);
            String name;
            switch (op) {
                case 0 -> {
                    name = "byte flip";
                    b = flipByte(b);
                }
                case 1 -> {
                    name = "bit flip";
                    b = flipBit(b);
                }
                case 2 -> {
                    name = "truncate";
                    b = b.length == 0 ? b : Arrays.copyOf(b, random.nextInt(b.length));
                }
                case 3 -> {
                    name = "delete range";
                    b = deleteRange(b);
                }
                case 4 -> {
                    name = "repeat range";
                    b = repeatRange(b);
                }
                case 5, 6, 7 -> {
                    name = "edge number";
                    b = replaceNumber(b, json);
                }
                case 8 -> {
                    name = "token";
                    b = replaceToken(b, json);
                }
                case 9 -> {
                    name = "lines";
                    b = lines(b);
                }
                case 10 -> {
                    name = "deep nesting";
                    b = json ? nestJson(b) : nestBvh(b);
                }
                default -> {
                    if (json) {
                        name = "json structure";
                        b = jsonStructure(b);
                    } else {
                        name = "bvh header";
                        b = bvhHeader(b);
                    }
                }
            }
            description.append(description.length() == 0 ? "" : " + ").append(name);
        }
        return b;
    }

    private byte[] flipByte(byte[] b) {
        if (b.length == 0) {
            return b;
        }
        byte[] r = b.clone();
        r[random.nextInt(r.length)] = (byte) random.nextInt(256);
        return r;
    }

    private byte[] flipBit(byte[] b) {
        if (b.length == 0) {
            return b;
        }
        byte[] r = b.clone();
        int i = random.nextInt(r.length);
        r[i] ^= (byte) (1 << random.nextInt(8));
        return r;
    }

    private byte[] deleteRange(byte[] b) {
        if (b.length < 2) {
            return b;
        }
        int from = random.nextInt(b.length);
        int len = 1 + random.nextInt(Math.min(64, b.length - from));
        byte[] r = new byte[b.length - len];
        System.arraycopy(b, 0, r, 0, from);
        System.arraycopy(b, from + len, r, from, b.length - from - len);
        return r;
    }

    private byte[] repeatRange(byte[] b) {
        if (b.length < 2) {
            return b;
        }
        int from = random.nextInt(b.length);
        int len = 1 + random.nextInt(Math.min(256, b.length - from));
        int times = random.nextInt(4) == 0 ? 50 : 1;
        int at = random.nextInt(b.length + 1);
        byte[] r = new byte[b.length + len * times];
        System.arraycopy(b, 0, r, 0, at);
        for (int t = 0; t < times; t++) {
            System.arraycopy(b, from, r, at + t * len, len);
        }
        System.arraycopy(b, at, r, at + len * times, b.length - at);
        return r;
    }

    private byte[] replaceNumber(byte[] b, boolean json) {
        String s = text(b, json);
        List<int[]> spans = spans(NUMBER, s);
        if (spans.isEmpty()) {
            return b;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        List<String> pool = json && random.nextBoolean() ? JSON_VALUES : NUMBERS;
        String v = pool.get(random.nextInt(pool.size()));
        // Sometimes change every number of the same line (all offsets zero, all values huge).
        if (random.nextInt(4) == 0) {
            int lineStart = s.lastIndexOf('\n', span[0]) + 1;
            int lineEnd = s.indexOf('\n', span[0]);
            lineEnd = lineEnd < 0 ? s.length() : lineEnd;
            String line = s.substring(lineStart, lineEnd);
            if (!line.contains("Frame")) {
                return bytes(s.substring(0, lineStart) + NUMBER.matcher(line).replaceAll(Matcher.quoteReplacement(v))
                        + s.substring(lineEnd), json);
            }
        }
        return bytes(s.substring(0, span[0]) + v + s.substring(span[1]), json);
    }

    private byte[] replaceToken(byte[] b, boolean json) {
        String s = text(b, json);
        List<int[]> spans = spans(TOKEN, s);
        if (spans.isEmpty()) {
            return b;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        List<String> pool = json ? JSON_VALUES : BVH_TOKENS;
        String v = random.nextInt(5) == 0 ? "" : pool.get(random.nextInt(pool.size()));
        return bytes(s.substring(0, span[0]) + v + s.substring(span[1]), json);
    }

    private byte[] lines(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        if (lines.size() < 2) {
            return b;
        }
        int i = random.nextInt(lines.size());
        int j = random.nextInt(lines.size());
        switch (random.nextInt(3)) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(j, lines.get(i));
            default -> {
                String t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private int depth() {
        int[] depths = {10, 200, 300, 3000, 100_000};
        return depths[random.nextInt(depths.length)];
    }

    private byte[] nestBvh(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("JOINT");
        if (at < 0) {
            return b;
        }
        int n = depth();
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int k = 0; k < n; k++) {
            open.append("JOINT deep").append(k).append("\n{\nOFFSET 0 1 0\nCHANNELS 3 Zrotation Xrotation Yrotation\n");
            close.append("}\n");
        }
        // the extra channels make the motion lines too short: the reader must say so, not overflow its stack
        return (s.substring(0, at) + open + close + s.substring(at)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] nestJson(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        List<int[]> spans = spans(NUMBER, s);
        if (spans.isEmpty()) {
            return b;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        int n = depth();
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\": ";
        String close = arrays ? "]" : "}";
        String v = open.repeat(n) + s.substring(span[0], span[1]) + close.repeat(n);
        return (s.substring(0, span[0]) + v + s.substring(span[1])).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] bvhHeader(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        switch (random.nextInt(4)) {
            case 0 -> {
                return s.replaceFirst("(?i)(Frames:\\s*)\\S+", "$1" + Matcher.quoteReplacement(pick(NUMBERS)))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            case 1 -> {
                return s.replaceFirst("(?i)(Frame Time:\\s*)\\S+", "$1" + Matcher.quoteReplacement(pick(NUMBERS)))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            case 2 -> {
                // every OFFSET scaled to the same edge value (all zero, all huge, all tiny)
                String v = pick(List.of("0", "0.0", "1e300", "-1e300", "1e-320", "1e30", "1e-30", "1e7"));
                return Pattern.compile("(?m)^(\\s*OFFSET)\\s+\\S+\\s+\\S+\\s+\\S+").matcher(s)
                        .replaceAll("$1 " + v + " " + v + " " + v).getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> {
                // one motion value (of a random frame line) set to an edge value
                int motion = s.indexOf("Frame Time");
                if (motion < 0) {
                    return b;
                }
                int lineStart = s.indexOf('\n', motion) + 1;
                if (lineStart <= 0 || lineStart >= s.length()) {
                    return b;
                }
                List<int[]> spans = spans(NUMBER, s.substring(lineStart));
                if (spans.isEmpty()) {
                    return b;
                }
                int[] span = spans.get(random.nextInt(spans.size()));
                return (s.substring(0, lineStart + span[0]) + pick(NUMBERS) + s.substring(lineStart + span[1]))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    private byte[] jsonStructure(byte[] b) {
        JsonElement root;
        try {
            JsonReader r = new JsonReader(new StringReader(new String(b, StandardCharsets.UTF_8)));
            r.setStrictness(Strictness.LENIENT);
            root = JsonParser.parseReader(r);
        } catch (RuntimeException | StackOverflowError e) {
            // not JSON any more (an earlier mutation): fall back on a text mutation
            return replaceNumber(b, true);
        }
        List<JsonElement> containers = new ArrayList<>();
        if (!collect(root, containers)) {
            return replaceNumber(b, true);
        }
        if (containers.isEmpty()) {
            return b;
        }
        JsonElement c = containers.get(random.nextInt(containers.size()));
        if (c.isJsonObject()) {
            JsonObject o = c.getAsJsonObject();
            List<String> keys = new ArrayList<>(o.keySet());
            if (keys.isEmpty()) {
                o.add("extra", randomValue());
            } else {
                String key = keys.get(random.nextInt(keys.size()));
                switch (random.nextInt(3)) {
                    case 0 -> o.remove(key);
                    case 1 -> o.add(key, JsonNull.INSTANCE);
                    default -> o.add(key, randomValue());
                }
            }
        } else {
            JsonArray a = c.getAsJsonArray();
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (!a.isEmpty()) {
                        a.remove(random.nextInt(a.size()));
                    }
                }
                case 1 -> {
                    if (!a.isEmpty()) {
                        a.add(a.get(random.nextInt(a.size())).deepCopy());
                    }
                }
                case 2 -> {
                    while (!a.isEmpty()) {
                        a.remove(0);
                    }
                }
                default -> {
                    if (!a.isEmpty()) {
                        a.set(random.nextInt(a.size()), randomValue());
                    }
                }
            }
        }
        return GSON.toJson(root).getBytes(StandardCharsets.UTF_8);
    }

    /** Lists the containers of a tree, iteratively; false when it nests deeper than the writer can take. */
    private static boolean collect(JsonElement root, List<JsonElement> out) {
        java.util.ArrayDeque<Object[]> stack = new java.util.ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            JsonElement e = (JsonElement) top[0];
            int depth = (Integer) top[1];
            if (depth > 100) {
                return false;
            }
            if (e.isJsonObject()) {
                out.add(e);
                for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                    stack.push(new Object[] {m.getValue(), depth + 1});
                }
            } else if (e.isJsonArray()) {
                out.add(e);
                for (JsonElement c : e.getAsJsonArray()) {
                    stack.push(new Object[] {c, depth + 1});
                }
            }
        }
        return true;
    }

    private JsonElement randomValue() {
        return switch (random.nextInt(8)) {
            case 0 -> new JsonPrimitive("x");
            case 1 -> new JsonPrimitive(random.nextBoolean());
            case 2 -> JsonNull.INSTANCE;
            case 3 -> new JsonArray();
            case 4 -> new JsonObject();
            case 5 -> new JsonPrimitive(Double.parseDouble(pick(List.of("1e300", "-1", "0", "2000000000", "1.5", "-1e-300"))));
            case 6 -> new JsonPrimitive(Long.MAX_VALUE);
            default -> new JsonPrimitive(Double.NaN);
        };
    }

    private String pick(List<String> pool) {
        return pool.get(random.nextInt(pool.size()));
    }

    private static List<int[]> spans(Pattern p, String s) {
        List<int[]> r = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            r.add(new int[] {m.start(), m.end()});
        }
        return r;
    }

    private static Charset charset(boolean json) {
        return json ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    private static String text(byte[] b, boolean json) {
        return new String(b, charset(json));
    }

    private static byte[] bytes(String s, boolean json) {
        return s.getBytes(charset(json));
    }
}
