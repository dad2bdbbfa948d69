package io.github.hourglassmocap.inference.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class JsonCheckTest {
    private final JsonCheck c = new JsonCheck("test file t.json");

    private JsonObject parse(String s) throws Exception {
        return c.object(c.parse(s), "");
    }

    @Test
    void acceptsWhatFitsAndNamesWhatDoesNot() throws Exception {
        JsonObject o = parse("{\"n\": 3, \"x\": 1.5, \"s\": \"a\", \"b\": true, \"a\": [1, 2], \"nan\": NaN, \"z\": null}");
        assertEquals(3, c.integer(o.get("n"), "n", 0, 10));
        assertEquals(1.5, c.number(o.get("x"), "x", 0, 2, false), 0);
        assertEquals("a", c.string(o.get("s"), "s", true));
        assertTrue(c.bool(o.get("b"), "b"));
        assertEquals(2, c.array(o.get("a"), "a", 2, 2).size());
        assertTrue(Double.isNaN(c.number(o.get("nan"), "nan", 0, 1, true)));
        assertTrue(Double.isNaN(c.number(o.get("z"), "z", 0, 1, true)));

        String m = assertThrows(JsonCheck.InvalidJsonException.class, () -> c.integer(o.get("x"), "x", 0, 10)).getMessage();
        assertEquals("test file t.json: field \"x\" is the number 1.5; expected a whole number in [0, 10]", m);
        m = assertThrows(JsonCheck.InvalidJsonException.class, () -> c.number(o.get("nan"), "nan", 0, 1, false)).getMessage();
        assertTrue(m.contains("field \"nan\"") && m.contains("expected a number in [0, 1]"), m);
        m = assertThrows(JsonCheck.InvalidJsonException.class, () -> c.integer(o.get("missing"), "missing", 0, 1)).getMessage();
        assertTrue(m.contains("field \"missing\" is missing"), m);
        m = assertThrows(JsonCheck.InvalidJsonException.class, () -> c.array(o.get("a"), "a", 17, 17)).getMessage();
        assertTrue(m.contains("holds 2 elements; expected 17 elements"), m);
        m = assertThrows(JsonCheck.InvalidJsonException.class, () -> c.number(o.get("s"), "s", 0, 1, true)).getMessage();
        assertTrue(m.contains("is the string \"a\""), m);
        m = assertThrows(JsonCheck.InvalidJsonException.class, () -> c.integer(parse("{\"v\": 1e400}").get("v"), "v", 0, 9))
                .getMessage();
        assertTrue(m.contains("expected a whole number"), m);
    }

    @Test
    void syntaxErrorsAndDeepNestingAreNamed() {
        String m = assertThrows(JsonCheck.InvalidJsonException.class, () -> c.parse("{\"a\": [1, 2")).getMessage();
        assertTrue(m.startsWith("test file t.json is not valid JSON") && m.contains("expected one complete JSON document"), m);
        m = assertThrows(JsonCheck.InvalidJsonException.class, () -> c.parse("[".repeat(65) + "]".repeat(65))).getMessage();
        assertTrue(m.contains("more than 64 levels"), m);
        // brackets inside strings do not count
        assertTrue(assertDoesNotThrow("[\"" + "[".repeat(100) + "\"]"));
    }

    private boolean assertDoesNotThrow(String s) {
        try {
            c.parse(s);
            return true;
        } catch (JsonCheck.InvalidJsonException e) {
            return false;
        }
    }
}
