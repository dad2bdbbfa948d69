package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Removes the hidden temporary files that a killed run of a command (SIGKILL, power loss) left next to the files the
 * command is about to write: those {@link AtomicFiles#staleTemporaries} finds (their writer's process is gone) and
 * that stand for one of those files. Temporary files of a run still going, and other files, are left alone.
 */
final class StaleTemporaries {
    private StaleTemporaries() {
    }

    /**
     * Removes the stale temporary files of some targets, saying so on stderr.
     *
     * @param targets the files the command writes (nulls ignored; folders need not exist)
     * @return how many were removed
     * @throws MocapIOException if a folder cannot be listed or a file cannot be deleted
     */
    static int remove(Path... targets) throws MocapIOException {
        int removed = 0;
        for (Path target : targets) {
            if (target == null) {
                continue;
            }
            Path abs = Objects.requireNonNull(target.toAbsolutePath().getParent(), "target's folder").resolve(
                    target.getFileName());
            try {
                for (Path p : AtomicFiles.staleTemporaries(abs.getParent())) {
                    if (abs.equals(AtomicFiles.findTarget(p))) {
                        Files.deleteIfExists(p);
                        removed++;
                        System.err.println("removed " + p + ", left by an interrupted run");
                    }
                }
            } catch (IOException e) {
                throw new MocapIOException("cannot clean up temporary files next to " + abs + ": " + e, e);
            }
        }
        return removed;
    }
}
