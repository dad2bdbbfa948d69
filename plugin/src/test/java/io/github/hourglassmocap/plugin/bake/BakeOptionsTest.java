package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.lift.LifterOptions;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BakeOptionsTest {
    @Test
    void defaultsAndCopies() {
        BakeOptions d = BakeOptions.defaults();
        assertEquals(PoseModelFile.LITE, d.pose2dModel());
        assertEquals("jaime", d.character());
        assertNull(d.lifterModel());
        assertTrue(d.writeBvh() && d.writeGlb() && d.writePreview());
        assertFalse(d.inPlace());
        BakeOptions o = d.withCharacter("sinbad").withPose2dModel(PoseModelFile.FULL).withPreview(false)
                .withInPlace(true).withLifterModel(Path.of("m.onnx"));
        assertEquals("sinbad", o.character());
        assertEquals(PoseModelFile.FULL, o.pose2dModel());
        assertFalse(o.writePreview());
        assertTrue(o.inPlace());
        assertEquals(Path.of("m.onnx"), o.lifterModel());
        assertEquals("jaime", d.character(), "copies leave the original alone");
    }

    @Test
    void rejectsBadValuesNamingTheChoices() {
        LifterOptions l = LifterOptions.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BakeOptions(
                PoseModelFile.DETECTOR, 2, null, l, false, "jaime", false, true, true, true));
        assertTrue(e.getMessage().contains("[lite, full, heavy]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BakeOptions(PoseModelFile.LITE, 0, null, l, false,
                "jaime", false, true, true, true));
        assertThrows(IllegalArgumentException.class, () -> BakeOptions.defaults().withCharacter(" "));
    }
}
