package io.github.hourglassmocap.plugin;

import com.jme3.asset.AssetManager;
import com.jme3.font.BitmapFont;
import com.jme3.font.BitmapText;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.VertexBuffer;
import com.jme3.scene.shape.Quad;
import com.jme3.texture.Image;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.util.BufferUtils;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pipeline.PipelineResult;
import io.github.hourglassmocap.inference.pipeline.PipelineStats;
import io.github.hourglassmocap.inference.pipeline.Pose2dSample;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.inference.video.Frame;
import java.nio.ByteBuffer;
import java.util.Locale;
import io.github.hourglassmocap.plugin.internal.SkeletonLines;

/**
 * The preview panel: the camera or video frame as a texture with the 2D skeleton drawn on it, a turning 3D
 * view of the lifted skeleton below it, and a line of live figures. A plain scene-graph node for the GUI
 * bucket; render thread only.
 */
public final class MocapHud extends Node {
    private static final float CONFIDENCE_SHOWN = 0.3f;
    private final float panelWidth;
    private final Geometry video;
    private final Material videoMaterial;
    private final Geometry overlay;
    private final SkeletonLines overlayMesh = new SkeletonLines();
    private final Geometry skeleton3d;
    private final SkeletonLines skeletonMesh = new SkeletonLines();
    private final BitmapText figures;
    private Image image;
    private ByteBuffer pixels;
    private float videoHeight;
    private float yawRadians;
    private String message = "";

    /**
     * Creates the panel.
     *
     * @param assets loads materials and the default font (not null)
     * @param panelWidth the panel width on screen (in pixels, &gt;0)
     */
    public MocapHud(AssetManager assets, float panelWidth) {
        super("MocapHud");
        if (!(panelWidth > 0)) {
            throw new IllegalArgumentException("panelWidth must be > 0; got " + panelWidth);
        }
        this.panelWidth = panelWidth;
        videoMaterial = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        video = new Geometry("MocapHud.video", new Quad(1, 1));
        flipTextureV(video.getMesh());
        video.setMaterial(videoMaterial);
        video.setCullHint(CullHint.Always);
        attachChild(video);

        overlay = new Geometry("MocapHud.overlay2d", overlayMesh);
        overlay.setMaterial(lineMaterial(assets, ColorRGBA.Green));
        attachChild(overlay);

        skeleton3d = new Geometry("MocapHud.skeleton3d", skeletonMesh);
        skeleton3d.setMaterial(lineMaterial(assets, ColorRGBA.Cyan));
        attachChild(skeleton3d);

        BitmapFont font = assets.loadFont("Interface/Fonts/Default.fnt");
        figures = new BitmapText(font);
        figures.setSize(font.getCharSet().getRenderedSize());
        figures.setColor(ColorRGBA.White);
        attachChild(figures);
        layout(panelWidth * 0.75f);
    }

    private static Material lineMaterial(AssetManager assets, ColorRGBA c) {
        Material m = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        m.setColor("Color", c);
        m.getAdditionalRenderState().setLineWidth(2f);
        m.getAdditionalRenderState().setFaceCullMode(RenderState.FaceCullMode.Off);
        return m;
    }

    private static void flipTextureV(com.jme3.scene.Mesh quad) {
        // Frames have a top-left origin, textures a bottom-left one.
        quad.setBuffer(VertexBuffer.Type.TexCoord, 2, new float[] {0, 1, 1, 1, 1, 0, 0, 0});
    }

    private void layout(float h) {
        videoHeight = h;
        video.setLocalScale(panelWidth, h, 1);
        video.setLocalTranslation(0, panelWidth, 0);
        overlay.setLocalTranslation(0, panelWidth, 1);
        skeleton3d.setLocalTranslation(panelWidth / 2, panelWidth / 2, 1);
        figures.setLocalTranslation(0, panelWidth + h + figures.getLineHeight() * 2, 2);
    }

    /**
     * Shows one result: its frame, its 2D skeleton over the frame and its 3D skeleton.
     *
     * @param r the result (not null, unaffected)
     */
    public void show(PipelineResult r) {
        Frame f = r.frame();
        if (f != null) {
            upload(f);
        }
        Pose2dSample p2 = r.pose2d();
        if (p2.hasPerson()) {
            float s = panelWidth / p2.width();
            float[] xyz = new float[H36mJoints.COUNT * 3];
            boolean[] vis = new boolean[H36mJoints.COUNT];
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                xyz[3 * j] = p2.get(j, 0) * s;
                xyz[3 * j + 1] = (p2.height() - p2.get(j, 1)) * s;
                vis[j] = p2.get(j, 2) >= CONFIDENCE_SHOWN;
            }
            overlayMesh.setJoints(xyz, vis);
            overlay.setCullHint(CullHint.Inherit);
        } else {
            overlay.setCullHint(CullHint.Always);
        }
        Pose3dSample p3 = r.pose3d();
        if (p3 != null) {
            show3d(p3);
        }
    }

    private void show3d(Pose3dSample p3) {
        float scale = panelWidth * 0.22f;
        float c = FastMath.cos(yawRadians);
        float sn = FastMath.sin(yawRadians);
        float[] j3 = p3.joints();
        float[] xyz = new float[H36mJoints.COUNT * 3];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            float x = j3[3 * j];
            float y = -j3[3 * j + 1];
            float z = -j3[3 * j + 2];
            xyz[3 * j] = (c * x + sn * z) * scale;
            xyz[3 * j + 1] = y * scale;
            xyz[3 * j + 2] = 0;
        }
        skeletonMesh.setJoints(xyz, null);
        skeleton3d.setCullHint(p3.valid() ? CullHint.Inherit : CullHint.Always);
    }

    private void upload(Frame f) {
        if (image == null || image.getWidth() != f.width() || image.getHeight() != f.height()) {
            pixels = BufferUtils.createByteBuffer(f.width() * f.height() * 3);
            image = new Image(Image.Format.BGR8, f.width(), f.height(), pixels, ColorSpace.sRGB);
            Texture2D tex = new Texture2D(image);
            videoMaterial.setTexture("ColorMap", tex);
            layout(panelWidth * f.height() / f.width());
            video.setCullHint(CullHint.Inherit);
        }
        int row = f.width() * 3;
        pixels.clear();
        for (int y = 0; y < f.height(); y++) {
            ByteBuffer src = f.pixels().duplicate();
            src.position(y * f.strideBytes()).limit(y * f.strideBytes() + row);
            pixels.put(src);
        }
        pixels.flip();
        image.setData(pixels);
        image.setUpdateNeeded();
    }

    /**
     * Updates the figures line and turns the 3D view.
     *
     * @param stats the pipeline's figures (not null)
     * @param recording whether a recording is running
     * @param tpf seconds since the last frame (&ge;0)
     */
    public void update(PipelineStats stats, boolean recording, float tpf) {
        yawRadians = (yawRadians + 0.5f * tpf) % FastMath.TWO_PI;
        figures.setText(String.format(Locale.ROOT, "input %.1f fps  pose %.1f fps  latency %.0f ms  dropped %d%s%s",
                stats.inputFps(), stats.outputFps(), stats.meanLatencyMs(), stats.framesDropped(),
                recording ? "  [REC]" : "", message.isEmpty() ? "" : "\n" + message));
    }

    /**
     * Shows a status message (a failure, the end of the source) under the figures.
     *
     * @param text the message (not null; empty to clear)
     */
    public void setMessage(String text) {
        this.message = text == null ? "" : text;
    }

    /**
     * Returns the figures text currently shown.
     *
     * @return the text (not null)
     */
    public String getFiguresText() {
        return figures.getText();
    }

    /**
     * Returns the height of the video area.
     *
     * @return pixels on screen
     */
    public float getVideoHeight() {
        return videoHeight;
    }
}
