package io.github.hourglassmocap.plugin.internal;

import com.jme3.anim.AnimClip;
import com.jme3.export.binary.BinaryExporter;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes clips atomically (through {@link AtomicFiles}): to a temporary file in the target folder, then renamed
 * over the target, so a crash or a full disk never leaves a half-written clip (the previous version, if any,
 * stays intact).
 */
public final class ClipFiles {
    private ClipFiles() {
    }

    /**
     * Saves a clip as a j3o file.
     *
     * @param clip the clip (not null, unaffected)
     * @param file the target file (not null; its folder is created if missing)
     * @throws MocapIOException if the folder cannot be created or written, naming the file and the reason
     */
    public static void saveJ3o(AnimClip clip, Path file) throws MocapIOException {
        if (clip == null || file == null) {
            throw new IllegalArgumentException("clip and file must not be null");
        }
        writeAtomically(file, out -> BinaryExporter.getInstance().save(clip, out));
    }

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the content.
         *
         * @param out the stream (not null; closed by the caller; closing it here only flushes it)
         * @throws IOException if writing failed
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes a file atomically.
     *
     * @param file the target file (not null)
     * @param writer writes the content (not null)
     * @throws MocapIOException if the file could not be written; no partial file is left behind
     */
    public static void writeAtomically(Path file, Writer writer) throws MocapIOException {
        Path abs = file.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            AtomicFiles.write(abs, writer::write);
        } catch (IOException e) {
            throw new MocapIOException("cannot write " + abs + ": " + e
                    + " (is the folder writable and is there space left? choose another output folder)", e);
        }
    }
}
