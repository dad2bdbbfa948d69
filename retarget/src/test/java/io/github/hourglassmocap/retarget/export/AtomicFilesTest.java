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

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReplaces() throws Exception {
        Path f = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary files left");
        }
    }

    @Test
    void failureLeavesTheOldFileAndNoTemporary() throws Exception {
        Path f = dir.resolve("out.bin");
        AtomicFiles.writeString(f, "old");
        MocapIOException e = assertThrows(MocapIOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("out.bin") && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary files left");
        }
    }

    @Test
    void failureWithoutOldFileLeavesNothing() {
        Path f = dir.resolve("new.bin");
        assertThrows(MocapIOException.class, () -> AtomicFiles.write(f, out -> {
            throw new IOException("boom");
        }));
        assertFalse(Files.exists(f));
    }
}
