package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void numbersCompareByValueAndTextIgnoresCase() {
        List<String> expected = List.of("frame1.png", "frame2.png", "Frame3.png", "frame10.png", "frame010b.png",
                "frame100.png", "frame99999999999999999999.png", "other.png");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.sort(NaturalOrder.INSTANCE);
        assertEquals(expected, shuffled);
    }

    @Test
    void orderIsTotalAndConsistent() {
        assertTrue(NaturalOrder.INSTANCE.compare("a01", "a1") != 0, "leading zeros still break ties");
        assertEquals(-Integer.signum(NaturalOrder.INSTANCE.compare("a01", "a1")),
                Integer.signum(NaturalOrder.INSTANCE.compare("a1", "a01")));
        assertTrue(NaturalOrder.INSTANCE.compare("A.png", "a.png") != 0);
        assertEquals(0, NaturalOrder.INSTANCE.compare("x7", "x7"));
        assertTrue(NaturalOrder.INSTANCE.compare("img", "img1") < 0, "a prefix comes first");
        assertTrue(NaturalOrder.INSTANCE.compare("9", "10") < 0);
    }
}
