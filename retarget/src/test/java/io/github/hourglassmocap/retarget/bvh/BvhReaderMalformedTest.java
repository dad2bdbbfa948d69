package io.github.hourglassmocap.retarget.bvh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Malformed files fail with the line number and what was expected there. */
class BvhReaderMalformedTest {
    private static final String GOOD = String.join("\n",
            "HIERARCHY", // 1
            "ROOT Hips", // 2
            "{", // 3
            "  OFFSET 0 0 0", // 4
            "  CHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation Xrotation", // 5
            "  JOINT Spine", // 6
            "  {", // 7
            "    OFFSET 0 10 0", // 8
            "    CHANNELS 3 Zrotation Yrotation Xrotation", // 9
            "    End Site", // 10
            "    {", // 11
            "      OFFSET 0 5 0", // 12
            "    }", // 13
            "  }", // 14
            "}", // 15
            "MOTION", // 16
            "Frames: 2", // 17
            "Frame Time: 0.5", // 18
            "0 1 2 3 4 5 6 7 8", // 19
            "0 1 2 3 4 5 6 7 8", // 20
            "");

    private static BvhParseException fails(String text) {
        return assertThrows(BvhParseException.class, () -> BvhReader.readAll(text, "t.bvh"));
    }

    private static String replaceLine(int line, String with) {
        String[] lines = GOOD.split("\n", -1);
        lines[line - 1] = with;
        return String.join("\n", lines);
    }

    private static void expect(BvhParseException e, int line, String... fragments) {
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.bvh" + (line > 0 ? ":" + line : "") + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void theGoodFileReads() throws Exception {
        assertEquals(2, BvhReader.readAll(GOOD, "t.bvh").frameCount());
    }

    @Test
    void missingClosingBrace() {
        expect(fails(replaceLine(14, "")), 16, "'MOTION' inside joint 'Hips'", "unbalanced braces");
    }

    @Test
    void extraClosingBrace() {
        expect(fails(replaceLine(15, "} }")), 15, "unbalanced braces");
        expect(fails(replaceLine(16, "}\nMOTION")), 16, "expected 'MOTION'", "'}'");
    }

    @Test
    void fileEndsInsideTheHierarchy() {
        expect(fails("HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n"), 0, "ends inside joint 'Hips'", "expected '}'");
    }

    @Test
    void fewerMotionValuesThanChannels() {
        expect(fails(replaceLine(20, "0 1 2 3 4 5 6 7")), 20, "motion frame 2 has 8 values; expected 9");
    }

    @Test
    void moreMotionValuesThanChannels() {
        expect(fails(replaceLine(19, "0 1 2 3 4 5 6 7 8 9")), 19, "more than 9 values");
    }

    @Test
    void missingFrameTime() {
        expect(fails(replaceLine(18, "0 1 2 3 4 5 6 7 8")), 18, "expected 'Frame Time: <seconds>'");
    }

    @Test
    void missingFrames() {
        expect(fails(replaceLine(17, "Frame Time: 0.5")), 17, "expected 'Frames: <count>'");
    }

    @Test
    void badFrameTimeAndCount() {
        expect(fails(replaceLine(18, "Frame Time: 0")), 18, "frame time 0 s is out of range; expected 1.0E-4 to 1.0 s");
        expect(fails(replaceLine(17, "Frames: two")), 17, "whole number of frames");
    }

    @Test
    void nanAndInfinityInMotion() {
        expect(fails(replaceLine(20, "0 1 2 3 nan 5 6 7 8")), 20, "value 5", "joint 'Hips' Yrotation", "'nan'",
                "expected a number");
        expect(fails(replaceLine(19, "0 1 2 3 4 5 NaN 7 8")), 19, "joint 'Spine' Zrotation", "finite number");
        expect(fails(replaceLine(19, "0 1 2 3 4 5 6 7 Infinity")), 19, "finite number");
    }

    @Test
    void nanInAnOffset() {
        expect(fails(replaceLine(8, "    OFFSET 0 NaN 0")), 8, "finite number", "OFFSET of joint 'Spine'");
    }

    @Test
    void unknownChannelName() {
        expect(fails(replaceLine(9, "    CHANNELS 3 Zrotation Wrotation Xrotation")), 9, "unknown channel 'Wrotation'",
                "Xposition");
    }

    @Test
    void channelCountDoesNotMatchNames() {
        expect(fails(replaceLine(9, "    CHANNELS 3 Zrotation Yrotation")), 9, "lists only 2");
        expect(fails(replaceLine(9, "    CHANNELS 2 Zrotation Yrotation Xrotation")), 9, "followed by more names");
        expect(fails(replaceLine(9, "    CHANNELS 7 Zrotation Yrotation Xrotation")), 9, "expected 0 to 6");
        expect(fails(replaceLine(9, "    CHANNELS 3 Zrotation Zrotation Xrotation")), 9, "listed twice");
    }

    @Test
    void offsetWithTooFewNumbers() {
        expect(fails(replaceLine(4, "  OFFSET 0 0")), 4, "has 2 numbers; expected 3");
    }

    @Test
    void unknownKeywordInAJoint() {
        expect(fails(replaceLine(9, "    ROTATION 3 Zrotation Yrotation Xrotation")), 9, "unexpected 'ROTATION'",
                "expected OFFSET, CHANNELS, JOINT, End Site or '}'");
    }

    @Test
    void missingHierarchyOrRoot() {
        expect(fails(replaceLine(1, "HIERARCHIE")), 1, "expected 'HIERARCHY'");
        expect(fails(replaceLine(2, "JOINT Hips")), 2, "expected 'ROOT <name>'");
    }

    @Test
    void missingMotion() {
        expect(fails(replaceLine(16, "")), 17, "expected 'MOTION'");
    }

    @Test
    void fewerFramesThanDeclared() {
        expect(fails(replaceLine(17, "Frames: 3")), 0, "ends after 2 motion frames", "line 17 declares 3");
    }

    @Test
    void moreFramesThanDeclared() {
        expect(fails(replaceLine(17, "Frames: 1")), 20, "more motion lines than the 1 frames declared");
    }

    @Test
    void duplicateJointName() {
        expect(fails(replaceLine(6, "  JOINT Hips")), 6, "duplicate joint name 'Hips'");
    }
}
