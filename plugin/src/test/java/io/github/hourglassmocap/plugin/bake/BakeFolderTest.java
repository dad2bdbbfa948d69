package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.MocapIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BakeFolderTest {
    @TempDir
    Path dir;

    @Test
    void aFreshFolderIsCreated() throws Exception {
        Path out = dir.resolve("a/b");
        BakeFolder.Prepared p = BakeFolder.prepare(out, false);
        assertTrue(Files.isDirectory(out));
        assertEquals(List.of(), p.removedTemporaries());
        assertEquals(List.of(), p.replaced());
    }

    @Test
    void temporariesOfAKilledBakeAreRemovedOthersKept() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        Path stale = Files.writeString(dir.resolve(".keypoints.json." + done.pid() + "-3c.part"), "{\"version\": 1, ");
        Path staleVideo = Files.writeString(dir.resolve(".preview.mp4." + done.pid() + "-4d.part"), "");
        Path notOurs = Files.writeString(dir.resolve(".notes.txt." + done.pid() + "-5e.part"), "");
        BakeFolder.Prepared p = BakeFolder.prepare(dir, false);
        assertEquals(List.of(stale.toAbsolutePath(), staleVideo.toAbsolutePath()), p.removedTemporaries());
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleVideo));
        assertTrue(Files.exists(notOurs), "only the bake's own temporaries are touched");
    }

    @Test
    void aFolderAnotherRunningBakeWritesToIsRefused() throws Exception {
        Process running = new ProcessBuilder("sleep", "30").start();
        try {
            Path live = Files.writeString(dir.resolve(".keypoints.json." + running.pid() + "-1.part"), "");
            MocapIOException e = assertThrows(MocapIOException.class, () -> BakeFolder.prepare(dir, true));
            assertTrue(e.getMessage().contains("another bake is writing to"), e.getMessage());
            assertTrue(Files.exists(live));
        } finally {
            running.destroy();
        }
    }

    @Test
    void anEarlierBakeIsRefusedUnlessReplacedAndThenRemovedWhole() throws Exception {
        Files.writeString(dir.resolve("keypoints.json"), "{}");
        Files.writeString(dir.resolve("preview.mp4"), "old");
        Files.writeString(dir.resolve("metrics.json"),
                "{\"version\": 1, \"runId\": \"20261203T000000Z-abcdef\", \"bake\": {\"status\": \"interrupted\"}}");
        Files.writeString(dir.resolve("mine.txt"), "the user's");
        MocapIOException e = assertThrows(MocapIOException.class, () -> BakeFolder.prepare(dir, false));
        assertTrue(e.getMessage().contains("run 20261203T000000Z-abcdef, interrupted"), e.getMessage());
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("preview.mp4")), "nothing is deleted when refusing");

        BakeFolder.Prepared p = BakeFolder.prepare(dir, true);
        assertEquals(3, p.replaced().size());
        for (String name : BakeFolder.OUTPUTS) {
            assertFalse(Files.exists(dir.resolve(name)), name);
        }
        assertTrue(Files.exists(dir.resolve("mine.txt")));
    }
}
