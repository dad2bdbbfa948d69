package io.github.hourglassmocap.retarget.internal.dataset;

import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes NumPy {@code .npy} files (format version 1.0, little-endian float32, C order), atomically: to a
 * temporary file in the same folder, then renamed.
 */
public final class NpyWriter {
    private NpyWriter() {
    }

    /**
     * Builds the header of a float32 array.
     *
     * @param shape the dimensions (not null, each &ge;0)
     * @return the header bytes: magic, version 1.0, length and the padded dictionary (a multiple of 64 bytes)
     */
    static byte[] header(int[] shape) {
        String dims = shape.length == 1 ? shape[0] + "," : Arrays.stream(shape).mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        StringBuilder sb = new StringBuilder(dict);
        while (10 + sb.length() + 1 < total) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] d = sb.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + d.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) d.length).put(d);
        return b.array();
    }

    /**
     * Writes a float32 array.
     *
     * @param file the destination (not null; its folder must exist; replaced atomically)
     * @param data the values in C order (not null, length = product of shape)
     * @param shape the dimensions (not null, each &ge;0)
     * @throws MocapIOException if the file cannot be written
     */
    public static void write(Path file, float[] data, int... shape) throws MocapIOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(data, "data");
        long count = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("shape must be >= 0, got " + Arrays.toString(shape));
            }
            count *= s;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " values; shape " + Arrays.toString(shape)
                    + " needs " + count);
        }
        try {
            AtomicFiles.write(file, out -> {
                out.write(header(shape));
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : data) {
                    if (!buf.hasRemaining()) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putFloat(v);
                }
                out.write(buf.array(), 0, buf.position());
            });
        } catch (IOException e) {
            throw new MocapIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a float32 {@code .npy} file written by {@link #write} (used by tests and tools).
     *
     * @param file the file (not null)
     * @param shapeOut receives the shape (length &ge; number of dimensions, modified)
     * @return a new array of the values
     * @throws MocapIOException if the file cannot be read or is not a little-endian float32 C-order array
     */
    public static float[] read(Path file, int[] shapeOut) throws MocapIOException {
        try {
            byte[] all = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            if ((all[0] & 0xff) != 0x93 || !new String(all, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
                throw new MocapIOException(file + " is not a .npy file (bad magic)");
            }
            int hlen = b.getShort(8) & 0xffff;
            String dict = new String(all, 10, hlen, StandardCharsets.US_ASCII);
            if (!dict.contains("'<f4'") || !dict.contains("False")) {
                throw new MocapIOException(file + ": expected little-endian float32 in C order, header " + dict.trim());
            }
            String dims = dict.substring(dict.indexOf('(') + 1, dict.indexOf(')'));
            int k = 0;
            for (String d : dims.split(",")) {
                if (!d.isBlank()) {
                    shapeOut[k++] = Integer.parseInt(d.trim());
                }
            }
            int n = (all.length - 10 - hlen) / 4;
            float[] r = new float[n];
            b.position(10 + hlen);
            b.asFloatBuffer().get(r);
            return r;
        } catch (IOException e) {
            throw new MocapIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
