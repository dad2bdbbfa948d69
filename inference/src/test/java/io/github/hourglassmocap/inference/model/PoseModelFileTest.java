package io.github.hourglassmocap.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PoseModelFileTest {
    @Test
    void landmarkModelByName() {
        assertEquals(PoseModelFile.LITE, PoseModelFile.landmarkModel("lite"));
        assertEquals(PoseModelFile.FULL, PoseModelFile.landmarkModel("FULL"));
        assertEquals(PoseModelFile.HEAVY, PoseModelFile.landmarkModel("heavy"));
        assertEquals("full", PoseModelFile.FULL.shortName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PoseModelFile.landmarkModel("huge"));
        assertEquals("unknown model 'huge'; expected one of [lite, full, heavy]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PoseModelFile.landmarkModel(null));
        assertThrows(IllegalArgumentException.class, () -> PoseModelFile.landmarkModel("detector"));
    }

    @Test
    void digestsAreDistinctHex() {
        for (PoseModelFile m : PoseModelFile.values()) {
            assertTrue(m.sha256().matches("[0-9a-f]{64}"), m.name());
        }
        assertEquals(4, java.util.Arrays.stream(PoseModelFile.values()).map(PoseModelFile::sha256).distinct().count());
    }
}
