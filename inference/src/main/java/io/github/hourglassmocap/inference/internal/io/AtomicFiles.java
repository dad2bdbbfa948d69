package io.github.hourglassmocap.inference.internal.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic file writes, the one implementation for the project: the content goes to a hidden temporary file in
 * the target's own folder ({@code .<name>.<pid>-<random>.part}, the writing process's id in its name), which is flushed to disk and then renamed over the
 * target ({@link StandardCopyOption#ATOMIC_MOVE}, falling back to a plain replacing rename where the file
 * system cannot do it atomically). On any failure the temporary file is deleted and an existing target is
 * left untouched, so no reader ever sees a half-written file.
 *
 * <p>The temporary file is created with {@code CREATE_NEW} and no explicit permissions, so the finished file
 * gets the permissions any new file in that folder would get (not the owner-only mode of
 * {@link Files#createTempFile}).
 *
 * <p>Methods throw plain {@link IOException}s so that each caller can wrap them in its own
 * {@code MocapIOException} or {@code ModelLoadException} naming what it was writing. The target's folder is
 * never created here: a missing folder is a {@link NoSuchFileException} that says so.
 *
 * <p>A process killed outright (SIGKILL, power loss) cannot delete its temporary file. Because the name holds
 * the writer's process id, a later run finds such leftovers with {@link #staleTemporaries(Path)} (the writer
 * is no longer alive) and removes them with {@link #removeStaleTemporaries(Path)}, while the temporary files
 * of a run still in progress, in this or another process, are told apart by {@link #liveTemporaries(Path)}.
 */
public final class AtomicFiles {
    private static final int NAME_ATTEMPTS = 16;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AtomicFiles.class.getName());
    /** {@code .<name>.<pid>-<hex>.part}: group 1 the target's name, group 2 the writer's process id. */
    private static final java.util.regex.Pattern TEMP_NAME =
            java.util.regex.Pattern.compile("^\\.(.+)\\.(\\d+)-[0-9a-f]+\\.part$");
    /** The name before process ids were added: {@code .<name>.<hex>.part}. */
    private static final java.util.regex.Pattern OLD_TEMP_NAME = java.util.regex.Pattern.compile("^\\.(.+)\\.[0-9a-f]+\\.part$");

    private AtomicFiles() {
    }

    /**
     * An action on a value that may throw {@link IOException}.
     *
     * @param <T> the value's type
     */
    @FunctionalInterface
    public interface IoConsumer<T> {
        /**
         * Performs the action.
         *
         * @param value the value (not null)
         * @throws IOException if the action fails
         */
        void accept(T value) throws IOException;
    }

    /**
     * Writes a whole file atomically.
     *
     * @param target the file to create or replace (not null; its folder must exist and be writable)
     * @param content writes the whole content to the stream it is given (not null; buffered; the stream need
     *     not be closed, and closing it does not end the write)
     * @throws NoSuchFileException if the target's folder does not exist
     * @throws IOException if {@code content} throws, or creating, writing or renaming fails; the target is
     *     then unchanged and no temporary file is left
     */
    public static void write(Path target, IoConsumer<? super OutputStream> content) throws IOException {
        Objects.requireNonNull(content, "content");
        try (Pending p = open(target)) {
            content.accept(p.stream());
            p.commit();
        }
    }

    /**
     * Writes a UTF-8 text file atomically.
     *
     * @param target the file to create or replace (not null; its folder must exist and be writable)
     * @param text the whole content (not null)
     * @throws IOException as {@link #write(Path, IoConsumer)}
     */
    public static void writeString(Path target, String text) throws IOException {
        Objects.requireNonNull(text, "text");
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Starts an atomic write that is filled in over time, e.g. frame by frame. The caller writes to
     * {@link Pending#stream()} and then either calls {@link Pending#commit()} or closes the {@link Pending},
     * which discards the write.
     *
     * @param target the file to create or replace (not null; its folder must exist and be writable)
     * @return the pending write (caller closes)
     * @throws NoSuchFileException if the target's folder does not exist
     * @throws IOException if the temporary file cannot be created
     */
    public static Pending open(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("target must name a file, got " + target);
        }
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null,
                    "the folder for " + abs.getFileName() + " does not exist (create it first)");
        }
        for (int attempt = 0; ; attempt++) {
            Path tmp = temporarySibling(abs);
            try {
                FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new Pending(abs, tmp, ch);
            } catch (FileAlreadyExistsException e) {
                if (attempt + 1 >= NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Names a fresh hidden temporary file next to a target: {@code .<name>.<pid>-<random hex>.part} in the target's
     * folder, so a rename onto the target stays on one file system. Nothing is created; for writers that produce
     * the file themselves (e.g. a video encoder given a path), followed by {@link #moveIntoPlace}.
     *
     * @param target the file to be replaced (not null; must name a file)
     * @return an absolute path in the target's folder, not the target
     */
    public static Path temporarySibling(Path target) {
        Objects.requireNonNull(target, "target");
        Path abs = target.toAbsolutePath();
        if (abs.getParent() == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("target must name a file, got " + target);
        }
        return abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".part");
    }

    /**
     * Lists the temporary files in a folder whose writer is gone: named by {@link #temporarySibling} for a
     * process that is no longer running (or by the older scheme without a process id). What a run killed
     * outright leaves behind.
     *
     * @param dir the folder (not null; a missing folder holds none)
     * @return a new list, sorted by name
     * @throws IOException if the folder cannot be listed
     */
    public static java.util.List<Path> staleTemporaries(Path dir) throws IOException {
        return temporaries(dir, false);
    }

    /**
     * Lists the temporary files in a folder that another running process is writing now (not this process's
     * own): a run in progress on the same folder.
     *
     * @param dir the folder (not null; a missing folder holds none)
     * @return a new list, sorted by name
     * @throws IOException if the folder cannot be listed
     */
    public static java.util.List<Path> liveTemporaries(Path dir) throws IOException {
        return temporaries(dir, true);
    }

    /**
     * Deletes the {@link #staleTemporaries stale temporary files} of a folder, logging each.
     *
     * @param dir the folder (not null; a missing folder holds none)
     * @return the files deleted (a new list)
     * @throws IOException if the folder cannot be listed or a file cannot be deleted
     */
    public static java.util.List<Path> removeStaleTemporaries(Path dir) throws IOException {
        java.util.List<Path> stale = staleTemporaries(dir);
        for (Path p : stale) {
            Files.deleteIfExists(p);
            LOG.info(() -> "removed " + p + ", left by an interrupted run");
        }
        return stale;
    }

    /**
     * Returns the target a temporary file stands for, if its name is one {@link #temporarySibling} makes.
     *
     * @param temporary a file (not null)
     * @return the target in the same folder, or null if the name is not a temporary file's
     */
    public static Path findTarget(Path temporary) {
        Path name = temporary.getFileName();
        if (name == null) {
            return null;
        }
        java.util.regex.Matcher m = TEMP_NAME.matcher(name.toString());
        if (m.matches()) {
            return temporary.resolveSibling(m.group(1));
        }
        m = OLD_TEMP_NAME.matcher(name.toString());
        return m.matches() ? temporary.resolveSibling(m.group(1)) : null;
    }

    private static java.util.List<Path> temporaries(Path dir, boolean live) throws IOException {
        Objects.requireNonNull(dir, "dir");
        java.util.List<Path> found = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        long self = ProcessHandle.current().pid();
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                java.util.regex.Matcher m = TEMP_NAME.matcher(n);
                boolean alive;
                boolean own = false;
                if (m.matches()) {
                    long pid;
                    try {
                        pid = Long.parseLong(m.group(2));
                    } catch (NumberFormatException e) {
                        pid = -1;
                    }
                    own = pid == self;
                    alive = own || (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
                } else if (OLD_TEMP_NAME.matcher(n).matches()) {
                    alive = false;
                } else {
                    continue;
                }
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                if (live ? alive && !own : !alive) {
                    found.add(p);
                }
            }
        }
        java.util.Collections.sort(found);
        return found;
    }

    /**
     * Renames a finished file over a target: {@link StandardCopyOption#ATOMIC_MOVE} where the file system can,
     * else a plain replacing rename. For writers that produce the file themselves (e.g. a video encoder given a
     * path); the source should be in the target's folder. The source is left in place if the rename fails.
     *
     * @param source the finished file (not null)
     * @param target the file to create or replace (not null)
     * @throws IOException if the rename fails
     */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * An atomic write in progress: the content goes to a temporary file until {@link #commit()} renames it over
     * the target. Closing without committing discards it. Not thread-safe.
     */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private final FileChannel channel;
        private final BufferedOutputStream buffered;
        private final OutputStream stream;
        private boolean done;

        private Pending(Path target, Path tmp, FileChannel channel) {
            this.target = target;
            this.tmp = tmp;
            this.channel = channel;
            this.buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            // closing the caller's stream (e.g. through a Writer wrapped around it) only flushes; commit ends it
            this.stream = new FilterOutputStream(buffered) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    checkOpen();
                    buffered.write(b, off, len);
                }

                @Override
                public void write(int b) throws IOException {
                    checkOpen();
                    buffered.write(b);
                }

                @Override
                public void flush() throws IOException {
                    if (!done) {
                        buffered.flush();
                    }
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }

        /**
         * The stream to write the content to.
         *
         * @return the buffered stream (closing it only flushes it)
         */
        public OutputStream stream() {
            return stream;
        }

        /**
         * The file this write will create or replace.
         *
         * @return the absolute target path
         */
        public Path target() {
            return target;
        }

        /**
         * Flushes the content to disk and renames the temporary file over the target.
         *
         * @throws IllegalStateException if already committed or discarded
         * @throws IOException if flushing or renaming fails; the temporary file is then deleted and the target
         *     left as it was
         */
        public void commit() throws IOException {
            checkOpen();
            done = true;
            boolean moved = false;
            try {
                buffered.flush();
                channel.force(true);
                channel.close();
                moveIntoPlace(tmp, target);
                moved = true;
            } finally {
                if (!moved) {
                    discard();
                }
            }
        }

        /** Discards the write unless it was committed: the temporary file is deleted. Idempotent. */
        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            discard();
        }

        private void checkOpen() {
            if (done) {
                throw new IllegalStateException("the atomic write of " + target + " is already finished");
            }
        }

        private void discard() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is deleted below anyway
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                LOG.warning("could not delete the temporary file " + tmp + ": " + e);
            }
        }
    }
}
