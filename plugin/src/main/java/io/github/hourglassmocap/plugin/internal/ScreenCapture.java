package io.github.hourglassmocap.plugin.internal;

import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.texture.FrameBuffer;
import com.jme3.texture.Image;
import com.jme3.util.BufferUtils;
import io.github.hourglassmocap.inference.MocapIOException;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;

/**
 * Reads back what a viewport rendered, on request, as an image or a PNG file written atomically. Add it to the
 * last viewport drawn (usually the GUI viewport) so the image includes everything on screen.
 */
public final class ScreenCapture implements SceneProcessor {
    private RenderManager renderManager;
    private ViewPort viewPort;
    private int width;
    private int height;
    private CompletableFuture<BufferedImage> pending;

    /**
     * Requests the next rendered frame.
     *
     * @return a future completed on the render thread after the next frame, with a new image (RGB)
     */
    public synchronized CompletableFuture<BufferedImage> request() {
        if (pending == null) {
            pending = new CompletableFuture<>();
        }
        return pending;
    }

    /**
     * Writes a PNG file of an image, atomically.
     *
     * @param image the image (not null, unaffected)
     * @param file the target (not null)
     * @throws MocapIOException if writing failed
     */
    public static void writePng(BufferedImage image, Path file) throws MocapIOException {
        ClipFiles.writeAtomically(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new java.io.IOException("no PNG writer available");
            }
        });
    }

    @Override
    public void initialize(RenderManager rm, ViewPort vp) {
        this.renderManager = rm;
        this.viewPort = vp;
        reshape(vp, vp.getCamera().getWidth(), vp.getCamera().getHeight());
    }

    @Override
    public void reshape(ViewPort vp, int w, int h) {
        this.width = w;
        this.height = h;
    }

    @Override
    public boolean isInitialized() {
        return renderManager != null;
    }

    @Override
    public void preFrame(float tpf) {
        // nothing before the frame
    }

    @Override
    public void postQueue(RenderQueue rq) {
        // nothing after queueing
    }

    @Override
    public void postFrame(FrameBuffer out) {
        CompletableFuture<BufferedImage> f;
        synchronized (this) {
            f = pending;
            pending = null;
        }
        if (f == null) {
            return;
        }
        ByteBuffer buf = BufferUtils.createByteBuffer(width * height * 4);
        renderManager.getRenderer().readFrameBufferWithFormat(out, buf, Image.Format.RGBA8);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = ((height - 1 - y) * width + x) * 4;
                int r = buf.get(i) & 0xff;
                int g = buf.get(i + 1) & 0xff;
                int b = buf.get(i + 2) & 0xff;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        f.complete(img);
    }

    @Override
    public void cleanup() {
        CompletableFuture<BufferedImage> f;
        synchronized (this) {
            f = pending;
            pending = null;
        }
        if (f != null) {
            f.completeExceptionally(new IllegalStateException("ScreenCapture removed before the frame was read"));
        }
    }

    @Override
    public void setProfiler(AppProfiler profiler) {
        // not profiled
    }
}
