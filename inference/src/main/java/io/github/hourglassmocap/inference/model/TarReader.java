package io.github.hourglassmocap.inference.model;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the regular-file entries of a POSIX (ustar) tar stream, such as the inside of an npm {@code .tgz}.
 * Only what npm writes is supported: 512-byte headers, octal sizes, the ustar name prefix; pax and GNU
 * long-name records are skipped over (their names fall back to the header's own name).
 */
final class TarReader {
    private static final int BLOCK = 512;

    /** One entry: its path inside the archive and its length. */
    record Entry(String name, long size, boolean regularFile) {
    }

    private final InputStream in;
    private long remaining;
    private long padding;

    /**
     * Wraps an uncompressed tar stream.
     *
     * @param in the tar bytes (not null, read but not closed)
     */
    TarReader(InputStream in) {
        this.in = in;
    }

    /**
     * Skips whatever is left of the current entry and reads the next header.
     *
     * @return the next entry, or null at the end of the archive
     * @throws IOException if the archive is truncated or a header is malformed
     */
    Entry next() throws IOException {
        skipFully(remaining + padding);
        remaining = 0;
        padding = 0;
        byte[] header = new byte[BLOCK];
        int n = in.readNBytes(header, 0, BLOCK);
        if (n == 0) {
            return null; // archives written without the two zero blocks
        }
        if (n < BLOCK) {
            throw new EOFException("tar archive truncated inside a header");
        }
        if (allZero(header)) {
            return null;
        }
        String name = text(header, 0, 100);
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        String magic = text(header, 257, 6);
        if (magic.startsWith("ustar")) {
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
        return new Entry(name, size, type == '0' || type == 0);
    }

    /**
     * Returns a stream over the current entry's bytes; reading past its end returns -1. Closing it does nothing.
     *
     * @return a view of the current entry (shares the underlying stream)
     */
    InputStream entryStream() {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("tar archive truncated inside an entry");
                }
                remaining--;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int r = in.read(b, off, (int) Math.min(len, remaining));
                if (r < 0) {
                    throw new EOFException("tar archive truncated inside an entry");
                }
                remaining -= r;
                return r;
            }

            @Override
            public void close() {
                // the archive stream belongs to the caller of TarReader
            }
        };
    }

    private void skipFully(long count) throws IOException {
        long left = count;
        byte[] buf = new byte[8192];
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException("tar archive truncated inside an entry");
            }
            left -= r;
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) throws IOException {
        String s = text(b, off, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("malformed tar header: size field '" + s + "'", e);
        }
    }
}
