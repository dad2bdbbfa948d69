package io.github.hourglassmocap.plugin;

import com.jme3.app.SimpleApplication;
import com.jme3.light.AmbientLight;
import com.jme3.light.DirectionalLight;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Vector3f;
import com.jme3.system.AppSettings;
import com.jme3.system.JmeContext;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real jME application on its own thread (needs a display: run under xvfb-run), driven from a test. Shared with
 * the end-to-end tests module through this module's test-jar.
 */
public final class AppHarness extends SimpleApplication implements AutoCloseable {
    private final CountDownLatch started = new CountDownLatch(1);

    /**
     * Starts the application and waits (up to 60 s) until it is initialised.
     *
     * @param width window width in pixels
     * @param height window height in pixels
     * @return the running application (caller closes)
     * @throws InterruptedException if interrupted while waiting
     */
    public static AppHarness start(int width, int height) throws InterruptedException {
        AppHarness app = new AppHarness();
        AppSettings s = new AppSettings(true);
        s.setResolution(width, height);
        s.setAudioRenderer(null);
        s.setVSync(false);
        s.setFrameRate(60);
        s.setTitle("hourglass-mocap test");
        app.setSettings(s);
        app.setShowSettings(false);
        app.setPauseOnLostFocus(false);
        app.start(JmeContext.Type.Display);
        if (!app.started.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("jME did not start within 60 s (is there a display? run under xvfb-run)");
        }
        return app;
    }

    @Override
    public void simpleInitApp() {
        setDisplayStatView(false);
        setDisplayFps(false);
        flyCam.setEnabled(false);
        viewPort.setBackgroundColor(new ColorRGBA(0.2f, 0.2f, 0.25f, 1));
        cam.setLocation(new Vector3f(0, 1.2f, 6));
        cam.lookAt(new Vector3f(0, 1.0f, 0), Vector3f.UNIT_Y);
        DirectionalLight sun = new DirectionalLight(new Vector3f(-0.3f, -1, -0.5f).normalizeLocal());
        rootNode.addLight(sun);
        rootNode.addLight(new AmbientLight(ColorRGBA.White.mult(0.4f)));
        started.countDown();
    }

    /**
     * Runs a task on the render thread and waits (up to 30 s) for its result.
     *
     * @param c the task (not null)
     * @param <T> the result type
     * @return the task's result
     * @throws Exception what the task threw, or a timeout
     */
    public <T> T call(Callable<T> c) throws Exception {
        // Not AppTask.get(timeout): in jME 3.9 it can throw TimeoutException long before the timeout.
        java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
        enqueue(() -> {
            try {
                f.complete(c.call());
            } catch (Exception | AssertionError e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /**
     * Runs an action on the render thread and waits for it.
     *
     * @param r the action (not null)
     * @throws Exception what the action threw, or a timeout
     */
    public void run(Runnable r) throws Exception {
        call(() -> {
            r.run();
            return null;
        });
    }

    /**
     * Detaches a state from the application, waits until it is cleaned up and its stages are released.
     *
     * @param state the attached state (not null)
     * @param millis how long cleanup may take
     * @throws Exception if detaching fails or cleanup does not finish in time
     */
    public void detachAndAwaitRelease(MocapAppState state, long millis) throws Exception {
        run(() -> getStateManager().detach(state));
        waitFor(() -> !state.isInitialized(), millis, "the state to be cleaned up");
        state.awaitReleased();
    }

    /**
     * Polls a condition every 20 ms until it holds.
     *
     * @param cond the condition (not null)
     * @param millis how long to wait at most
     * @param what what is awaited, for the failure message
     * @throws AssertionError if the condition does not hold in time
     * @throws InterruptedException if interrupted while waiting
     */
    public static void waitFor(java.util.function.BooleanSupplier cond, long millis, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Stops the application and waits for its thread. */
    @Override
    public void close() {
        stop(true);
    }
}
