package io.github.hourglassmocap.retarget.export;

import static org.junit.jupiter.api.Assertions.*;

import io.github.hourglassmocap.inference.MocapIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsTheFolderAndReplaces() throws Exception {
        Path f = dir.resolve("sub/out.txt");
        ExportFiles.write(f, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        ExportFiles.write(f, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two", Files.readString(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary files left");
        }
    }

    @Test
    void failureIsAMocapIOExceptionAndKeepsTheOldFile() throws Exception {
        Path f = dir.resolve("out.bin");
        Files.writeString(f, "old");
        MocapIOException e = assertThrows(MocapIOException.class, () -> ExportFiles.write(f, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("out.bin") && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary files left");
        }
    }
}
