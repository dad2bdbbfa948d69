package io.github.hourglassmocap.cli;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps what a command has captured when it is stopped from outside (Ctrl+C, SIGTERM): a JVM shutdown hook that
 * asks the command to stop, waits a bounded time for it to finish its files (marked incomplete), and failing that
 * runs a fallback that finishes them itself. The command closes the signal when its files are final; a command
 * that ends normally removes the hook that way.
 *
 * <p>Without this, the JVM ends at once on SIGTERM and an atomic writer leaves only its hidden temporary file.
 */
final class StopSignal implements AutoCloseable {
    private final String command;
    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;

    private StopSignal(String command, long graceMillis, Runnable onStop, Runnable fallback) {
        this.command = command;
        this.hook = new Thread(() -> {
            stopping = true;
            System.err.println();
            System.err.println("mocap " + command + ": stopping (Ctrl+C or SIGTERM); keeping what was captured...");
            try {
                onStop.run();
                if (!finished.await(graceMillis, TimeUnit.MILLISECONDS)) {
                    fallback.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fallback.run();
            }
        }, "mocap-" + command + "-stop");
    }

    /**
     * Installs the hook.
     *
     * @param command the command's name, for the messages (not null)
     * @param graceMillis how long the hook waits for the command to finish its files (in milliseconds, &ge;0)
     * @param onStop asks the command to stop soon; runs on the hook's thread, must not block for long (not null)
     * @param fallback finishes the files if the command did not in time; thread-safe against the command (not null)
     * @return the installed signal (close it once the outputs are final)
     */
    static StopSignal install(String command, long graceMillis, Runnable onStop, Runnable fallback) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(onStop, "onStop");
        Objects.requireNonNull(fallback, "fallback");
        if (graceMillis < 0) {
            throw new IllegalArgumentException("graceMillis " + graceMillis + " must be >= 0");
        }
        StopSignal s = new StopSignal(command, graceMillis, onStop, fallback);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /**
     * Returns whether a stop was asked for.
     *
     * @return true once the JVM is shutting down on a signal
     */
    boolean isStopping() {
        return stopping;
    }

    /**
     * Says the command's outputs are final: a hook that is waiting returns (the JVM then ends); otherwise the hook
     * is removed. Idempotent.
     */
    @Override
    public void close() {
        finished.countDown();
        if (!stopping) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutdown began meanwhile: the hook runs and returns at once, the outputs being final
            }
        }
    }

    @Override
    public String toString() {
        return "StopSignal[" + command + (stopping ? ", stopping" : "") + "]";
    }
}
