package io.github.hourglassmocap.retarget.export;

import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The exporters' file policy: the folder is created if missing, the file written atomically. */
final class ExportFiles {
    private ExportFiles() {
    }

    /**
     * Writes an exported file atomically, creating its folder if missing.
     *
     * @param file the file to create or replace (not null)
     * @param content writes the whole content (not null)
     * @throws MocapIOException if the folder cannot be created or the write or rename fails (the target is then
     *     unchanged)
     */
    static void write(Path file, AtomicFiles.IoConsumer<? super OutputStream> content) throws MocapIOException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, content);
        } catch (IOException | RuntimeException e) {
            throw new MocapIOException("cannot write " + file + ": " + e.getMessage()
                    + " (check that the folder is writable and the disk is not full)", e);
        }
    }
}
