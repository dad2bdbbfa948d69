package io.github.hourglassmocap.inference.internal.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesAndReplaces() throws Exception {
        Path f = dir.resolve("out.txt");
        AtomicFiles.writeString(f, "one");
        assertEquals("one", Files.readString(f));
        AtomicFiles.write(f, out -> out.write("two\u00e9".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two\u00e9", Files.readString(f));
        assertEquals(List.of("out.txt"), names(), "no temporary file left");
    }

    @Test
    void failureMidWriteKeepsTheOldTargetAndLeavesNoTemporary() throws Exception {
        Path f = dir.resolve("out.bin");
        AtomicFiles.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[200_000]); // more than the buffer: bytes reach the temporary file
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("out.bin"), names(), "no temporary file left");
    }

    @Test
    void runtimeFailureWithoutOldTargetLeavesNothing() throws Exception {
        Path f = dir.resolve("new.bin");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of(), names());
    }

    @Test
    void finishedFileIsNotOwnerOnly() throws Exception {
        Assumptions.assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null,
                "POSIX permissions only");
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x");
        Path f = dir.resolve("atomic.txt");
        AtomicFiles.writeString(f, "x");
        Set<PosixFilePermission> got = Files.getPosixFilePermissions(f);
        assertEquals(Files.getPosixFilePermissions(plain), got, "same permissions as a plain new file");
        // a plain file under the usual umask is readable by others; createTempFile's 0600 would not be
        Set<PosixFilePermission> plainPerms = Files.getPosixFilePermissions(plain);
        if (plainPerms.contains(PosixFilePermission.OTHERS_READ) || plainPerms.contains(PosixFilePermission.GROUP_READ)) {
            assertTrue(got.contains(PosixFilePermission.OTHERS_READ) || got.contains(PosixFilePermission.GROUP_READ),
                    got.toString());
        }
    }

    @Test
    void missingFolderIsAClearError() {
        Path f = dir.resolve("no/such/folder/out.txt");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AtomicFiles.writeString(f, "x"));
        assertTrue(e.getMessage().contains(dir.resolve("no/such/folder").toString())
                && e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void pendingWriteCommitsOrDiscards() throws Exception {
        Path f = dir.resolve("stream.txt");
        try (AtomicFiles.Pending p = AtomicFiles.open(f)) {
            try (OutputStream out = p.stream()) {
                out.write("abc".getBytes(StandardCharsets.US_ASCII));
            }
            assertFalse(Files.exists(f), "nothing visible before commit");
            p.commit();
            assertThrows(IllegalStateException.class, p::commit);
        }
        assertEquals("abc", Files.readString(f));

        try (AtomicFiles.Pending p = AtomicFiles.open(f)) {
            p.stream().write("discarded".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals("abc", Files.readString(f));
        assertEquals(List.of("stream.txt"), names());
    }

    @Test
    void moveIntoPlaceReplaces() throws Exception {
        Path a = dir.resolve(".a.part");
        Path b = dir.resolve("b");
        Files.writeString(a, "new");
        Files.writeString(b, "old");
        AtomicFiles.moveIntoPlace(a, b);
        assertEquals("new", Files.readString(b));
        assertFalse(Files.exists(a));
    }

    @Test
    void temporarySiblingIsHiddenInTheSameFolderAndFresh() {
        Path f = dir.resolve("clip.mp4");
        Path a = AtomicFiles.temporarySibling(f);
        Path b = AtomicFiles.temporarySibling(f);
        assertEquals(dir.toAbsolutePath(), a.getParent());
        assertTrue(a.getFileName().toString().startsWith(".clip.mp4.") && a.toString().endsWith(".part"), a.toString());
        assertNotEquals(a, b);
        assertFalse(Files.exists(a), "nothing is created");
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.temporarySibling(Path.of("/")));
    }

    @Test
    void temporaryNamesCarryTheProcessIdAndNameTheirTarget() {
        Path f = dir.resolve("kp.json");
        Path t = AtomicFiles.temporarySibling(f);
        assertTrue(t.getFileName().toString().startsWith(".kp.json." + ProcessHandle.current().pid() + "-"), t.toString());
        assertEquals(f.toAbsolutePath(), AtomicFiles.findTarget(t));
        assertEquals(dir.resolve("a.mp4"), AtomicFiles.findTarget(dir.resolve(".a.mp4.0123abcd.part")), "the older scheme");
        assertEquals(null, AtomicFiles.findTarget(dir.resolve("kp.json")));
    }

    @Test
    void staleTemporariesAreThoseOfDeadProcessesOnly() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        long deadPid = done.pid();
        Process running = new ProcessBuilder("sleep", "30").start();
        try {
            Path dead = Files.writeString(dir.resolve(".kp.json." + deadPid + "-1a2b.part"), "{\"version\":1,");
            Path old = Files.writeString(dir.resolve(".clip.bvh.7f3e.part"), "");
            Path other = Files.writeString(dir.resolve(".pose3d.json." + running.pid() + "-99.part"), "");
            Path own = AtomicFiles.temporarySibling(dir.resolve("metrics.json"));
            Files.writeString(own, "");
            Files.writeString(dir.resolve("keep.part"), "not ours");
            Files.writeString(dir.resolve("kp.json"), "{}");

            assertEquals(List.of(old, dead), AtomicFiles.staleTemporaries(dir));
            assertEquals(List.of(other), AtomicFiles.liveTemporaries(dir));
            assertEquals(List.of(old, dead), AtomicFiles.removeStaleTemporaries(dir));
            assertFalse(Files.exists(dead));
            assertFalse(Files.exists(old));
            assertTrue(Files.exists(other) && Files.exists(own) && Files.exists(dir.resolve("keep.part")));
            assertEquals(List.of(), AtomicFiles.staleTemporaries(dir));
            assertEquals(List.of(), AtomicFiles.staleTemporaries(dir.resolve("missing")));
        } finally {
            running.destroy();
        }
    }
}
