package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.model.ModelStore;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfLiteRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void loadsTheLandmarkModelAndRunsIt() throws Exception {
        Path lite = ModelStore.fromEnvironment().getModel(PoseModelFile.LITE);
        try (TfLiteRunner r = new TfLiteRunner(lite, 1, 1, 5)) {
            assertArrayEquals(new int[] {1, 256, 256, 3}, r.inputShape(0));
            assertArrayEquals(new int[] {1, 195}, r.outputShape(0));
            assertArrayEquals(new int[] {1, 1}, r.outputShape(1));
            assertEquals(5, r.outputCount());
            r.requireSquareImageInput(lite, 256);
            ModelLoadException shape = assertThrows(ModelLoadException.class, () -> r.requireSquareImageInput(lite, 224));
            assertTrue(shape.getMessage().contains("[1, 256, 256, 3]") && shape.getMessage().contains("expected [1, 224, 224, 3]"),
                    shape.getMessage());
            FloatBuffer in = r.input(0);
            for (int i = 0; i < in.limit(); i++) {
                in.put(i, 0.5f);
            }
            r.invoke();
            float[] out = new float[195];
            r.readOutput(0, out);
            assertTrue(Arrays.stream(toDouble(out)).allMatch(Double::isFinite));
            float[] score = new float[1];
            r.readOutput(1, score);
            assertTrue(score[0] >= 0 && score[0] <= 1, "pose score " + score[0] + " is a probability");
            r.close();
            r.close(); // idempotent
            IllegalStateException e = assertThrows(IllegalStateException.class, r::invoke);
            assertTrue(e.getMessage().contains("TfLiteRunner"), e.getMessage());
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void corruptModelFileIsAClearError() throws Exception {
        Path real = ModelStore.fromEnvironment().getModel(PoseModelFile.DETECTOR);
        byte[] b = Files.readAllBytes(real);
        Path cut = tmp.resolve("pose_detection.tflite");
        Files.write(cut, Arrays.copyOf(b, b.length / 3));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> new TfLiteRunner(cut, 1, 1, 2));
        assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("not a valid"), e.getMessage());

        Path junk = tmp.resolve("junk.tflite");
        Files.writeString(junk, "this is not a model");
        assertThrows(ModelLoadException.class, () -> new TfLiteRunner(junk, 1, 1, 1));

        byte[] flipped = b.clone();
        for (int i = 0; i < 64; i++) {
            flipped[8 + i] ^= (byte) 0x5a; // damage the flatbuffer's root tables
        }
        Path bad = tmp.resolve("flipped.tflite");
        Files.write(bad, flipped);
        assertThrows(ModelLoadException.class, () -> new TfLiteRunner(bad, 1, 1, 2));

        assertThrows(ModelLoadException.class, () -> new TfLiteRunner(tmp.resolve("missing.tflite"), 1, 1, 1));
    }

    @Test
    void rejectsBadArguments() throws Exception {
        Path lite = ModelStore.fromEnvironment().getModel(PoseModelFile.LITE);
        assertThrows(IllegalArgumentException.class, () -> new TfLiteRunner(lite, 0, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new TfLiteRunner(null, 1, 1, 5));
    }
}
