package io.github.hourglassmocap.inference.internal.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapIOException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the project's JSON files with checks whose messages name the file, the field (as a path such as
 * {@code frames[3].joints17[4][1]}) and what was expected: the text must be UTF-8, nest at most
 * {@value #MAX_DEPTH} levels and parse (NaN and Infinity literals are read, as the project's readers always
 * have); each field is checked for its type and range before a reader uses it. Immutable and thread-safe.
 */
public final class JsonCheck {
    /** The deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 64;

    private final String what;

    /**
     * A field or the text of a JSON file is not what the format expects. The message names the file, the
     * field and what was expected.
     */
    public static final class InvalidJsonException extends DecodeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates an exception.
         *
         * @param message the full message (not null)
         * @param cause the underlying failure (may be null)
         */
        public InvalidJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Creates a checker.
     *
     * @param what names the file in messages, for example {@code "keypoints file /a/kp.json"} (not null)
     */
    public JsonCheck(String what) {
        this.what = what;
    }

    /**
     * Reads and parses a JSON file.
     *
     * @param path the file (not null)
     * @param hint what to do about a missing file, appended to that message (not null, may be empty)
     * @return the root element
     * @throws MocapIOException if the file is missing or cannot be read
     * @throws InvalidJsonException if it is not UTF-8, nests too deep or is not JSON
     */
    public JsonElement read(Path path, String hint) throws MocapIOException, InvalidJsonException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new MocapIOException(what + " not found" + hint, e);
        } catch (IOException e) {
            throw new MocapIOException(what + " cannot be read: " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidJsonException(what + " is not UTF-8 text (" + e.getMessage() + "); expected a UTF-8 JSON file", e);
        }
        return parse(text);
    }

    /**
     * Parses JSON text.
     *
     * @param text the text (not null)
     * @return the root element
     * @throws InvalidJsonException if it nests too deep or is not JSON
     */
    public JsonElement parse(String text) throws InvalidJsonException {
        checkDepth(text);
        try {
            JsonReader r = new JsonReader(new StringReader(text));
            r.setStrictness(Strictness.LENIENT);
            return JsonParser.parseReader(r);
        } catch (JsonParseException | IllegalStateException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            String m = String.valueOf(c.getMessage());
            int see = m.indexOf("\nSee ");
            throw new InvalidJsonException(what + " is not valid JSON: " + (see >= 0 ? m.substring(0, see) : m)
                    + "; expected one complete JSON document", e);
        }
    }

    private void checkDepth(String text) throws InvalidJsonException {
        int depth = 0;
        boolean inString = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    throw new InvalidJsonException(what + " nests arrays and objects more than " + MAX_DEPTH
                            + " levels deep (line " + line + "); expected the format's own structure", null);
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
    }

    /**
     * Checks a frame's {@code index}: an integer in [0, Integer.MAX_VALUE] above the previous frame's.
     *
     * @param frame the frame object (not null)
     * @param at the frame's field path, such as {@code frames[3]} (not null)
     * @param previous the previous frame's index (-1 for the first frame)
     * @return the index
     * @throws InvalidJsonException naming {@code <at>.index} if it is missing, out of range or not increasing
     */
    public long increasingIndex(JsonObject frame, String at, long previous) throws InvalidJsonException {
        long index = integer(frame.get("index"), at + ".index", 0, Integer.MAX_VALUE);
        if (index <= previous) {
            throw fail(at + ".index", frame.get("index"),
                    "increasing indices: one above the previous frame's (" + previous + ")");
        }
        return index;
    }

    /**
     * Requires an element to be an object.
     *
     * @param e the element (may be null)
     * @param field the field's path for messages ("" for the root)
     * @return the object
     * @throws InvalidJsonException if it is not an object
     */
    public JsonObject object(JsonElement e, String field) throws InvalidJsonException {
        if (e == null || !e.isJsonObject()) {
            throw fail(field, e, "a JSON object");
        }
        return e.getAsJsonObject();
    }

    /**
     * Requires an element to be an array of a size within bounds.
     *
     * @param e the element (may be null)
     * @param field the field's path for messages
     * @param minSize the least number of elements
     * @param maxSize the most number of elements
     * @return the array
     * @throws InvalidJsonException if it is not such an array
     */
    public JsonArray array(JsonElement e, String field, int minSize, int maxSize) throws InvalidJsonException {
        if (e == null || !e.isJsonArray()) {
            throw fail(field, e, "an array" + sizes(minSize, maxSize));
        }
        JsonArray a = e.getAsJsonArray();
        if (a.size() < minSize || a.size() > maxSize) {
            throw new InvalidJsonException(what + ": field \"" + field + "\" holds " + a.size() + " elements; expected"
                    + sizes(minSize, maxSize).replace(" of", ""), null);
        }
        return a;
    }

    private static String sizes(int min, int max) {
        if (min == max) {
            return " of " + min + " elements";
        }
        return max == Integer.MAX_VALUE ? " of at least " + min + " elements" : " of " + min + " to " + max + " elements";
    }

    /**
     * Requires an element to be a whole number within bounds.
     *
     * @param e the element (may be null)
     * @param field the field's path for messages
     * @param min the least value
     * @param max the largest value
     * @return the value
     * @throws InvalidJsonException if it is not such a number
     */
    public long integer(JsonElement e, String field, long min, long max) throws InvalidJsonException {
        String expected = "a whole number in [" + min + ", " + max + "]";
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw fail(field, e, expected);
        }
        BigDecimal v;
        try {
            v = e.getAsBigDecimal();
        } catch (NumberFormatException ex) {
            throw fail(field, e, expected);
        }
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0
                || v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw fail(field, e, expected);
        }
        return v.longValueExact();
    }

    /**
     * Requires an element to be a number within bounds (NaN optionally allowed; infinities never).
     *
     * @param e the element (may be null)
     * @param field the field's path for messages
     * @param min the least value
     * @param max the largest value
     * @param nanAllowed true to accept NaN (and null, read as NaN)
     * @return the value
     * @throws InvalidJsonException if it is not such a number
     */
    public double number(JsonElement e, String field, double min, double max, boolean nanAllowed)
            throws InvalidJsonException {
        if (nanAllowed && (e == null || e.isJsonNull())) {
            return Double.NaN;
        }
        String expected = String.format(Locale.ROOT, "a number in [%s, %s]%s", fmt(min), fmt(max),
                nanAllowed ? " (or NaN/null)" : "");
        // A lenient parse reads the bare literals NaN and Infinity as strings.
        boolean special = e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()
                && (e.getAsString().equals("NaN") || e.getAsString().equals("Infinity") || e.getAsString().equals("-Infinity"));
        if (!special && (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber())) {
            throw fail(field, e, expected);
        }
        double v;
        try {
            v = e.getAsDouble();
        } catch (NumberFormatException ex) {
            throw fail(field, e, expected);
        }
        if (Double.isNaN(v) ? !nanAllowed : !(v >= min && v <= max)) {
            throw fail(field, e, expected);
        }
        return v;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Requires an element to be a string.
     *
     * @param e the element (may be null)
     * @param field the field's path for messages
     * @param nonEmpty true to refuse ""
     * @return the value
     * @throws InvalidJsonException if it is not such a string
     */
    public String string(JsonElement e, String field, boolean nonEmpty) throws InvalidJsonException {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()
                || nonEmpty && e.getAsString().isEmpty()) {
            throw fail(field, e, nonEmpty ? "a non-empty string" : "a string");
        }
        return e.getAsString();
    }

    /**
     * Requires an element to be true or false.
     *
     * @param e the element (may be null)
     * @param field the field's path for messages
     * @return the value
     * @throws InvalidJsonException if it is not a boolean
     */
    public boolean bool(JsonElement e, String field) throws InvalidJsonException {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw fail(field, e, "true or false");
        }
        return e.getAsBoolean();
    }

    /**
     * Makes the exception for a field that is not what was expected.
     *
     * @param field the field's path
     * @param found the element found (may be null when missing)
     * @param expected what was expected
     * @return a new exception
     */
    public InvalidJsonException fail(String field, JsonElement found, String expected) {
        if (field.equals("version") && found != null && found.isJsonPrimitive()) {
            return new InvalidJsonException(what + " has version " + found.getAsString() + "; expected " + expected, null);
        }
        String name = field.isEmpty() ? "the top level" : "field \"" + field + "\"";
        return new InvalidJsonException(what + ": " + name + " is " + describe(found) + "; expected " + expected, null);
    }

    private static String describe(JsonElement e) {
        if (e == null) {
            return "missing";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array of " + e.getAsJsonArray().size();
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        String s = p.isString() ? "\"" + p.getAsString() + "\"" : p.getAsString();
        if (s.length() > 40) {
            s = s.substring(0, 40) + "...";
        }
        return (p.isString() ? "the string " : p.isBoolean() ? "" : "the number ") + s;
    }
}
