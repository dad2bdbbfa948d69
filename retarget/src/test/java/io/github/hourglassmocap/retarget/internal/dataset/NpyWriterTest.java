package io.github.hourglassmocap.retarget.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
    @TempDir
    Path tmp;

    @Test
    void headerIsNpyVersion1PaddedTo64Bytes() {
        byte[] h = NpyWriter.header(new int[] {5, 17, 3});
        assertEquals(0, h.length % 64);
        assertEquals((byte) 0x93, h[0]);
        assertEquals("NUMPY", new String(h, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, h[6]);
        assertEquals(0, h[7]);
        assertEquals(h.length - 10, (h[8] & 0xff) | (h[9] & 0xff) << 8);
        String dict = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
        assertTrue(dict.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5, 17, 3), }"), dict);
        assertEquals('\n', dict.charAt(dict.length() - 1));
        assertTrue(new String(NpyWriter.header(new int[] {4}), StandardCharsets.US_ASCII).contains("(4,)"));
    }

    @Test
    void writeThenRead() throws Exception {
        float[] data = new float[2 * 17 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f - 3;
        }
        Path f = tmp.resolve("a.npy");
        NpyWriter.write(f, data, 2, 17, 3);
        int[] shape = new int[3];
        assertArrayEquals(data, NpyWriter.read(f, shape), 0f);
        assertArrayEquals(new int[] {2, 17, 3}, shape);
        assertEquals(128 + data.length * 4, Files.size(f));
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.write(f, data, 3, 17, 3));
    }
}
