package io.github.hourglassmocap.tests;

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

/** A real jME application on its own thread (needs a display: run under xvfb-run), driven from a test. */
final class AppHarness extends SimpleApplication implements AutoCloseable {
    private final CountDownLatch started = new CountDownLatch(1);

    static AppHarness start(int width, int height) throws InterruptedException {
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

    <T> T call(Callable<T> c) throws Exception {
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

    void run(Runnable r) throws Exception {
        call(() -> {
            r.run();
            return null;
        });
    }

    @Override
    public void close() {
        stop(true);
    }
}
