package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BakeResultTest {
    @Test
    void totalsAndRealTimeFactorLeaveThePreviewOut() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("keypoints", 3.0);
        s.put("lift", 0.5);
        s.put("retarget", 0.3);
        s.put("export", 0.2);
        s.put("preview", 6.0);
        BakeResult r = new BakeResult(Map.of(), 300, 290, 10.0, s, 1.0, 3.0);
        assertEquals(10.0, r.totalSeconds(), 1e-9);
        assertEquals(2.5, r.realTimeFactor(), 1e-9);
        assertEquals(0.0, new BakeResult(Map.of(), 0, 0, 0, Map.of(), 0, 0).realTimeFactor(), 0.0);
    }
}
