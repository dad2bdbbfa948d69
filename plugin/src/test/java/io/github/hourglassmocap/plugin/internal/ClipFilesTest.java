package io.github.hourglassmocap.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.MocapIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipFilesTest {
    @TempDir
    Path tmp;

    @Test
    void writesAtomicallyAndReplaces() throws Exception {
        Path f = tmp.resolve("sub/clip.bin");
        ClipFiles.writeAtomically(f, out -> out.write(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        ClipFiles.writeAtomically(f, out -> out.write(new byte[] {4}));
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file may remain");
        }
    }

    @Test
    void fullDiskKeepsThePreviousVersionAndLeavesNoTemporaryFile() throws Exception {
        Path f = tmp.resolve("clip.j3o");
        Files.writeString(f, "previous take");
        MocapIOException e = assertThrows(MocapIOException.class, () -> ClipFiles.writeAtomically(f, out -> {
            out.write(new byte[1000]);
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertTrue(e.getMessage().contains("clip.j3o"), e.getMessage());
        assertEquals("previous take", Files.readString(f, StandardCharsets.UTF_8));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "the temporary file must be removed");
        }
    }

    @Test
    void unwritableFolderNamesTheFileAndTheFix() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
        MocapIOException e = assertThrows(MocapIOException.class,
                () -> ClipFiles.writeAtomically(notAFolder.resolve("clip.j3o"), out -> out.write(1)));
        assertTrue(e.getMessage().contains("cannot write"), e.getMessage());
        assertTrue(e.getMessage().contains("choose another output folder"), e.getMessage());
    }
}
