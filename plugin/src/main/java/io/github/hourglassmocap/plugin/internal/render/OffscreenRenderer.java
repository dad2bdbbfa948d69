package io.github.hourglassmocap.plugin.internal.render;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AppState;
import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.system.AppSettings;
import com.jme3.system.JmeContext;
import com.jme3.texture.FrameBuffer;
import com.jme3.texture.Image;
import com.jme3.util.BufferUtils;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.video.Frame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders an {@link OffscreenScene} without a visible window, one requested frame at a time, into BGR
 * {@link Frame}s.
 *
 * <p>It runs a jMonkeyEngine application on an offscreen surface (LWJGL 3; on a headless Linux machine run
 * under {@code xvfb-run}) whose main view draws into a framebuffer of exactly the requested size, which is
 * read back after each requested frame. Frame {@code i} is drawn at the scene time the caller passes, never
 * at wall-clock time, so a render is deterministic for a deterministic scene. While no frame is requested
 * the view is disabled and the render thread idles.
 *
 * <p>Errors on the render thread (in the scene's callbacks or in the engine) are rethrown to the caller
 * of {@link #start} or {@link #render} as a {@link MocapException} with the original cause. The renderer is
 * a native resource: {@link #close()} stops the engine and waits for its thread; it is idempotent, and any
 * use after it throws {@link IllegalStateException}. Calls from several threads are serialised.
 *
 * <p>One renderer at a time per JVM: GLFW, under the engine, is process-global (the engine terminates it
 * when a context ends), so {@link #start} refuses while another renderer is open.
 *
 * @param <T> the per-frame annotation of the scene
 */
public final class OffscreenRenderer<T> implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(OffscreenRenderer.class.getName());
    /** Largest width or height accepted (the GL implementations we use allow at least this). */
    public static final int MAX_SIZE = 8192;

    /** Held from start to the end of close: GLFW state is process-wide. */
    private static final java.util.concurrent.atomic.AtomicBoolean OPEN = new java.util.concurrent.atomic.AtomicBoolean();
    /** How long close waits for the render thread to end (GLFW terminates at its very end). */
    private static final long JOIN_MILLIS = 30_000;

    private final RenderApp<T> app;
    private final int width;
    private final int height;
    private final long frameTimeoutMillis;
    private boolean closed;

    private OffscreenRenderer(RenderApp<T> app, int width, int height, long frameTimeoutMillis) {
        this.app = app;
        this.width = width;
        this.height = height;
        this.frameTimeoutMillis = frameTimeoutMillis;
    }

    /**
     * Starts a renderer and builds its scene (blocking until the scene is built).
     *
     * @param width the output width (in pixels, 1..{@value #MAX_SIZE})
     * @param height the output height (in pixels, 1..{@value #MAX_SIZE})
     * @param samples multisample anti-aliasing samples per pixel (1 for none, or 2, 4, 8)
     * @param scene the scene to draw (not null; its callbacks run on the render thread)
     * @param timeoutSeconds how long to wait for start-up and for each frame (in seconds, &gt;0)
     * @param <T> the annotation type of the scene
     * @return a new, started renderer (close it)
     * @throws MocapException if the engine cannot start (no display, no OpenGL 3.2) or the scene's
     *     {@code initialize} failed (the cause is kept)
     * @throws IllegalStateException if another renderer is open in this JVM
     */
    public static <T> OffscreenRenderer<T> start(int width, int height, int samples, OffscreenScene<T> scene,
            double timeoutSeconds) throws MocapException {
        if (width < 1 || width > MAX_SIZE || height < 1 || height > MAX_SIZE) {
            throw new IllegalArgumentException("render size " + width + "x" + height + " must be within 1.." + MAX_SIZE);
        }
        if (samples != 1 && samples != 2 && samples != 4 && samples != 8) {
            throw new IllegalArgumentException("samples " + samples + " must be one of [1, 2, 4, 8]");
        }
        if (scene == null) {
            throw new IllegalArgumentException("scene must not be null");
        }
        if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds)) {
            throw new IllegalArgumentException("timeoutSeconds " + timeoutSeconds + " must be positive and finite");
        }
        long timeoutMillis = (long) Math.ceil(timeoutSeconds * 1000.0);
        if (!OPEN.compareAndSet(false, true)) {
            throw new IllegalStateException("another OffscreenRenderer is open in this JVM; close it first");
        }
        boolean ok = false;
        try {
            for (int attempt = 1;; attempt++) {
                try {
                    OffscreenRenderer<T> renderer = startApp(width, height, samples, scene, timeoutSeconds, timeoutMillis);
                    ok = true;
                    return renderer;
                } catch (DisplayUnavailable e) {
                    if (attempt >= DISPLAY_ATTEMPTS) {
                        throw e.toMocapException(attempt);
                    }
                    LOGGER.log(Level.FINE, "display not ready (attempt {0}): {1}", new Object[] {attempt, e.getMessage()});
                    // An X server with no client left resets itself; a connection made meanwhile fails.
                    // GLFW stays initialised after a half-failed start, so terminate it before trying again.
                    org.lwjgl.glfw.GLFW.glfwTerminate();
                    try {
                        Thread.sleep(DISPLAY_RETRY_MILLIS * attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new MocapException("interrupted while waiting for the display", ie);
                    }
                }
            }
        } finally {
            if (!ok) {
                OPEN.set(false);
            }
        }
    }

    /** Tries at opening the display before giving up (see {@link DisplayUnavailable}). */
    private static final int DISPLAY_ATTEMPTS = 5;
    private static final long DISPLAY_RETRY_MILLIS = 200;

    /**
     * The engine could not open its window or context, before any scene code ran. On Xvfb this happens when a
     * previous renderer of the same process was the server's last client: the server resets itself after it
     * disconnects, and a connection made during the reset fails ("Failed to detect any supported platform", or
     * no monitor). Retried a few times, then reported.
     */
    private static final class DisplayUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        DisplayUnavailable(Throwable cause) {
            super(describe(cause), cause);
        }

        MocapException toMocapException(int attempts) {
            return new RendererUnavailableException("offscreen renderer failed to start after " + attempts + " attempts: " + getMessage()
                    + (System.getenv("DISPLAY") == null
                            ? " (DISPLAY is not set: run under xvfb-run -a -s \"-screen 0 1920x1080x24\")"
                            : " (needs an OpenGL 3.2 display; headless, run under xvfb-run)"), getCause());
        }
    }

    private static <T> OffscreenRenderer<T> startApp(int width, int height, int samples, OffscreenScene<T> scene,
            double timeoutSeconds, long timeoutMillis) throws MocapException, DisplayUnavailable {
        RenderApp<T> app = new RenderApp<>(scene, width, height, samples);
        AppSettings settings = new AppSettings(true);
        settings.setResolution(width, height);
        settings.setAudioRenderer(null);
        settings.setUseInput(false);
        settings.setVSync(false);
        settings.setFrameRate(-1);
        settings.setSamples(0);
        settings.setResizable(false);
        settings.setGammaCorrection(false);
        settings.setRenderer(AppSettings.LWJGL_OPENGL32);
        app.setSettings(settings);
        app.setShowSettings(false);
        app.setPauseOnLostFocus(false);
        app.start(JmeContext.Type.OffscreenSurface);
        try {
            app.started.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            app.stopAndJoin();
            if (!app.sceneStarted) {
                throw new DisplayUnavailable(e.getCause());
            }
            throw new MocapException("offscreen renderer failed to start: " + describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            app.stopAndJoin();
            throw new MocapException("offscreen renderer did not start within " + timeoutSeconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            app.stop(false);
            throw new MocapException("interrupted while starting the offscreen renderer", e);
        }
        LOGGER.log(Level.FINE, "offscreen renderer started at {0}x{1}, {2} samples", new Object[] {width, height, samples});
        return new OffscreenRenderer<>(app, width, height, timeoutMillis);
    }

    /**
     * Renders one frame at a given scene time.
     *
     * @param frameIndex the frame index stored in the returned frame and passed to the scene (&ge;0)
     * @param timeSeconds the scene time (in seconds, &ge;0, finite)
     * @return the frame (pixels in a new buffer) and the scene's annotation of it
     * @throws MocapException if the scene or the engine failed while rendering, or the frame timed out
     * @throws IllegalStateException if the renderer is closed
     */
    public synchronized RenderedFrame<T> render(long frameIndex, double timeSeconds) throws MocapException {
        if (closed) {
            throw new IllegalStateException("OffscreenRenderer is closed");
        }
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frameIndex " + frameIndex + " must be >= 0");
        }
        if (!(timeSeconds >= 0) || Double.isInfinite(timeSeconds)) {
            throw new IllegalArgumentException("timeSeconds " + timeSeconds + " must be >= 0 and finite");
        }
        Throwable fatal = app.fatal;
        if (fatal != null) {
            throw new MocapException("offscreen renderer has failed earlier: " + describe(fatal), fatal);
        }
        Request<T> request = new Request<>(frameIndex, timeSeconds);
        app.requests.add(request);
        try {
            return request.result.get(frameTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new MocapException("rendering frame " + frameIndex + " failed: " + describe(cause), cause);
        } catch (TimeoutException e) {
            throw new MocapException("rendering frame " + frameIndex + " took longer than "
                    + frameTimeoutMillis / 1000.0 + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MocapException("interrupted while rendering frame " + frameIndex, e);
        }
    }

    /**
     * Runs a task on the render thread and waits for its result (for example to change the scene
     * between frames).
     *
     * @param task the task (not null)
     * @param <V> its result type
     * @return what the task returned
     * @throws MocapException if the task threw (the cause is kept) or timed out
     * @throws IllegalStateException if the renderer is closed
     */
    public synchronized <V> V call(java.util.concurrent.Callable<V> task) throws MocapException {
        if (closed) {
            throw new IllegalStateException("OffscreenRenderer is closed");
        }
        if (task == null) {
            throw new IllegalArgumentException("task must not be null");
        }
        try {
            return app.enqueue(task).get(frameTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new MocapException("render-thread task failed: " + describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new MocapException("render-thread task took longer than " + frameTimeoutMillis / 1000.0 + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MocapException("interrupted while waiting for the render thread", e);
        }
    }

    /**
     * Returns the output width.
     *
     * @return the width (in pixels)
     */
    public int width() {
        return width;
    }

    /**
     * Returns the output height.
     *
     * @return the height (in pixels)
     */
    public int height() {
        return height;
    }

    /**
     * Stops the engine and waits for its thread to end. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            app.stopAndJoin();
            app.failPending(new IllegalStateException("OffscreenRenderer closed"));
        } finally {
            OPEN.set(false);
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }

    /** One frame asked of the render thread. */
    private static final class Request<T> {
        final long frameIndex;
        final double timeSeconds;
        final CompletableFuture<RenderedFrame<T>> result = new CompletableFuture<>();

        Request(long frameIndex, double timeSeconds) {
            this.frameIndex = frameIndex;
            this.timeSeconds = timeSeconds;
        }
    }

    /** The engine application: idles until a frame is requested, draws it and reads it back. */
    private static final class RenderApp<T> extends SimpleApplication implements SceneProcessor {
        /** How long the idle render thread waits for a request before looking at its lifecycle again. */
        private static final long IDLE_POLL_MILLIS = 100;
        final BlockingQueue<Request<T>> requests = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> started = new CompletableFuture<>();
        volatile Throwable fatal;
        private final OffscreenScene<T> scene;
        private final int outWidth;
        private final int outHeight;
        private final int samples;
        private FrameBuffer drawBuffer;
        private FrameBuffer readBuffer;
        private ByteBuffer rgba;
        private ByteBuffer depthBytes;
        private float[] depthTopDown;
        private boolean readDepth;
        private Request<T> current;
        private boolean processorInitialized;
        private volatile Thread renderThread;
        /** Set once the engine reached the scene's initialisation: failures before it are display failures. */
        volatile boolean sceneStarted;

        RenderApp(OffscreenScene<T> scene, int width, int height, int samples) {
            super(new AppState[0]);
            this.scene = scene;
            this.outWidth = width;
            this.outHeight = height;
            this.samples = samples;
        }

        @Override
        public void simpleInitApp() {
            renderThread = Thread.currentThread();
            sceneStarted = true;
            try {
                drawBuffer = new FrameBuffer(outWidth, outHeight, samples);
                drawBuffer.setDepthTarget(FrameBuffer.FrameBufferTarget.newTarget(Image.Format.Depth));
                drawBuffer.addColorTarget(FrameBuffer.FrameBufferTarget.newTarget(Image.Format.RGBA8));
                readDepth = scene.wantsDepth();
                if (samples > 1) {
                    readBuffer = new FrameBuffer(outWidth, outHeight, 1);
                    readBuffer.addColorTarget(FrameBuffer.FrameBufferTarget.newTarget(Image.Format.RGBA8));
                    if (readDepth) {
                        // Same format as the drawn depth, so the multisampled depth can be resolved by a blit.
                        readBuffer.setDepthTarget(FrameBuffer.FrameBufferTarget.newTarget(Image.Format.Depth));
                    }
                    // Create both framebuffers on the GPU now: a blit into a framebuffer that is created
                    // during the blit itself copies nothing (seen with Mesa), which blanked the first frame.
                    renderer.setFrameBuffer(readBuffer);
                    renderer.setFrameBuffer(drawBuffer);
                    renderer.setFrameBuffer(null);
                } else {
                    readBuffer = drawBuffer;
                }
                rgba = BufferUtils.createByteBuffer(outWidth * outHeight * 4);
                if (readDepth) {
                    depthBytes = BufferUtils.createByteBuffer(outWidth * outHeight * 4);
                    depthTopDown = new float[outWidth * outHeight];
                }
                cam.resize(outWidth, outHeight, true);
                viewPort.setOutputFrameBuffer(drawBuffer);
                viewPort.setClearFlags(true, true, true);
                viewPort.addProcessor(this);
                viewPort.setEnabled(false);
                guiViewPort.setEnabled(false);
                scene.initialize(assetManager, rootNode, cam, viewPort);
                started.complete(null);
            } catch (Exception | LinkageError | AssertionError e) {
                fatal = e;
                started.completeExceptionally(e);
                stop(false);
            }
        }

        @Override
        public void simpleUpdate(float tpf) {
            Request<T> request;
            try {
                request = requests.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (request == null) {
                viewPort.setEnabled(false);
                return;
            }
            try {
                scene.prepareFrame(request.frameIndex, request.timeSeconds, cam);
                current = request;
                viewPort.setEnabled(true);
            } catch (RuntimeException | AssertionError e) {
                request.result.completeExceptionally(e);
                viewPort.setEnabled(false);
            }
        }

        @Override
        public void postFrame(FrameBuffer out) {
            Request<T> request = current;
            current = null;
            if (request == null) {
                return;
            }
            try {
                if (readBuffer != drawBuffer) {
                    renderManager.getRenderer().copyFrameBuffer(drawBuffer, readBuffer, true, readDepth);
                }
                rgba.clear();
                renderManager.getRenderer().readFrameBuffer(readBuffer, rgba);
                Frame frame = toBgrFrame(rgba, outWidth, outHeight, request.frameIndex, request.timeSeconds);
                T annotation;
                if (readDepth) {
                    depthBytes.clear();
                    renderManager.getRenderer().readFrameBufferWithFormat(readBuffer, depthBytes, Image.Format.Depth32F);
                    java.nio.FloatBuffer floats = depthBytes.order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
                    for (int y = 0; y < outHeight; y++) {
                        floats.position((outHeight - 1 - y) * outWidth);
                        floats.get(depthTopDown, y * outWidth, outWidth);
                    }
                    DepthMap depth = new DepthMap(outWidth, outHeight, depthTopDown, cam.getFrustumNear(),
                            cam.getFrustumFar(), cam.isParallelProjection());
                    annotation = scene.annotateFrame(request.frameIndex, request.timeSeconds, cam, depth);
                } else {
                    annotation = scene.annotateFrame(request.frameIndex, request.timeSeconds, cam);
                }
                request.result.complete(new RenderedFrame<>(frame, annotation));
            } catch (RuntimeException | AssertionError e) {
                request.result.completeExceptionally(e);
            }
        }

        @Override
        public void handleError(String errorMessage, Throwable t) {
            // Not the default, which may open an error dialog: record the failure, fail every waiter, stop.
            Throwable failure = t != null ? t : new IllegalStateException(errorMessage);
            if (t != null && errorMessage != null && !errorMessage.equals(t.getMessage())) {
                failure = new IllegalStateException(errorMessage + ": " + describe(t), t);
            }
            if (renderThread == null) {
                renderThread = Thread.currentThread(); // the engine's thread, failing before initialisation
            }
            LOGGER.log(sceneStarted ? Level.SEVERE : Level.FINE, "offscreen renderer failed: " + errorMessage, t);
            fatal = failure;
            started.completeExceptionally(failure);
            failPending(failure);
            stop(false);
        }

        @Override
        public void destroy() {
            try {
                super.destroy();
            } finally {
                failPending(new IllegalStateException("offscreen renderer stopped"));
            }
        }

        /**
         * Stops the engine and waits for its thread to end: the context reports itself destroyed before it
         * terminates GLFW, and a new context started in between would lose its display.
         */
        void stopAndJoin() {
            stop(true);
            Thread thread = renderThread;
            if (thread != null && thread != Thread.currentThread()) {
                try {
                    thread.join(JOIN_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (thread.isAlive()) {
                    LOGGER.warning("the render thread did not end within " + JOIN_MILLIS / 1000 + " s of close");
                }
            }
        }

        void failPending(Throwable why) {
            Request<T> request = current;
            if (request != null) {
                request.result.completeExceptionally(why);
            }
            List<Request<T>> left = new ArrayList<>();
            requests.drainTo(left);
            for (Request<T> r : left) {
                r.result.completeExceptionally(why);
            }
        }

        @Override
        public void initialize(RenderManager rm, ViewPort vp) {
            processorInitialized = true;
        }

        @Override
        public void reshape(ViewPort vp, int w, int h) {
            // fixed-size output framebuffer: nothing to do
        }

        @Override
        public boolean isInitialized() {
            return processorInitialized;
        }

        @Override
        public void preFrame(float tpf) {
            // nothing: the scene was posed in simpleUpdate
        }

        @Override
        public void postQueue(RenderQueue rq) {
            // nothing
        }

        @Override
        public void cleanup() {
            processorInitialized = false;
        }

        @Override
        public void setProfiler(AppProfiler profiler) {
            // not profiled
        }
    }

    /**
     * Converts an OpenGL RGBA read-back (bottom row first) to a top-down BGR frame.
     *
     * @param rgba width x height x 4 bytes, bottom row first (position ignored, unaffected)
     * @param width the width (in pixels, &gt;0)
     * @param height the height (in pixels, &gt;0)
     * @param frameIndex the index to store (&ge;0)
     * @param timeSeconds the time to store as nanoseconds (&ge;0)
     * @return a new frame with a tightly packed heap buffer
     */
    static Frame toBgrFrame(ByteBuffer rgba, int width, int height, long frameIndex, double timeSeconds) {
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            int src = (height - 1 - y) * width * 4;
            int dst = y * width * 3;
            for (int x = 0; x < width; x++) {
                out[dst] = rgba.get(src + 2);
                out[dst + 1] = rgba.get(src + 1);
                out[dst + 2] = rgba.get(src);
                src += 4;
                dst += 3;
            }
        }
        long nanos = Math.round(timeSeconds * 1e9);
        return new Frame(width, height, width * 3, ByteBuffer.wrap(out), nanos, frameIndex);
    }
}
