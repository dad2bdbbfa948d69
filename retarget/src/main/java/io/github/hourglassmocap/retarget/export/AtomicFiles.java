package io.github.hourglassmocap.retarget.export;

import io.github.hourglassmocap.inference.MocapIOException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic file writes: the content goes to a temporary file in the destination's folder, which is renamed over
 * the destination only once it is complete. A failure deletes the temporary file and leaves any existing
 * destination untouched, so no reader ever sees a half-written file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the whole content.
         *
         * @param out the stream to write to (not null; closed by the caller)
         * @throws IOException if writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes a file atomically.
     *
     * @param destination the file to create or replace (not null; its folder is created if missing)
     * @param writer writes the content (not null)
     * @throws MocapIOException if the folder cannot be created or the write or rename fails
     */
    public static void write(Path destination, Writer writer) throws MocapIOException {
        Path target = destination.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            throw new MocapIOException("cannot write " + destination + ": " + e.getMessage()
                    + " (check that the folder is writable and the disk is not full)", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The original failure is what matters; a stray temporary file is named so it is recognisable.
                }
            }
        }
    }

    /**
     * Writes a UTF-8 text file atomically.
     *
     * @param destination the file (not null)
     * @param text the content (not null)
     * @throws MocapIOException if writing fails
     */
    public static void writeString(Path destination, String text) throws MocapIOException {
        write(destination, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
