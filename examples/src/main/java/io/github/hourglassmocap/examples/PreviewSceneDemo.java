package io.github.hourglassmocap.examples;

import com.jme3.anim.AnimComposer;
import com.jme3.app.SimpleApplication;
import com.jme3.material.Material;
import com.jme3.math.Vector3f;
import com.jme3.scene.Geometry;
import com.jme3.scene.Spatial;
import com.jme3.scene.VertexBuffer;
import com.jme3.scene.shape.Quad;
import com.jme3.texture.Image;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.util.BufferUtils;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import io.github.hourglassmocap.inference.video.Frame;
import io.github.hourglassmocap.inference.video.FrameSource;
import io.github.hourglassmocap.inference.video.ReplayAsLiveSource;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import io.github.hourglassmocap.plugin.bake.ClipBaking;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays a baked take on several characters next to the source video, all looping together.
 *
 * <p>Run: {@code examples/run PreviewSceneDemo [bake folder] [video]} (default folder: out; the video defaults
 * to the source named in the folder's keypoints.json). The take's pose3d.json is retargeted onto Jaime, Sinbad
 * and Ninja here, each with its own humanoid map.
 */
public final class PreviewSceneDemo extends SimpleApplication {
    private static final Logger LOG = Logger.getLogger(PreviewSceneDemo.class.getName());
    private static final String[] CHARACTERS = {"jaime", "sinbad", "ninja"};
    private final Path bakeDir;
    private final Path video;
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private volatile boolean running = true;
    private Image image;
    private ByteBuffer pixels;
    private Material videoMaterial;
    private double clipLength;
    private double time;
    private AnimComposer[] composers;

    PreviewSceneDemo(Path bakeDir, Path video) {
        this.bakeDir = bakeDir;
        this.video = video;
    }

    /**
     * Starts the demo.
     *
     * @param args [bake folder] [video]
     * @throws MocapException if the bake folder cannot be read
     */
    public static void main(String[] args) throws MocapException {
        Path dir = Path.of(args.length > 0 ? args[0] : "out");
        Path video = args.length > 1 ? Path.of(args[1])
                : Path.of(KeypointsFile.read(dir.resolve("keypoints.json")).header().source());
        PreviewSceneDemo app = new PreviewSceneDemo(dir, video);
        DemoScene.launch(app, 1280, 720, "hourglass-mocap: a baked take on several characters");
    }

    @Override
    public void simpleInitApp() {
        DemoScene.setUpStage(this, new Vector3f(0, 1.5f, 7f), new Vector3f(0, 1.0f, 0));
        Pose3dSequence poses;
        try {
            poses = Pose3dSequence.read(bakeDir.resolve("pose3d.json"));
        } catch (MocapException e) {
            throw new IllegalStateException("cannot read the bake in " + bakeDir + ": " + e.getMessage(), e);
        }
        composers = new AnimComposer[CHARACTERS.length];
        for (int i = 0; i < CHARACTERS.length; i++) {
            BuiltInCharacters.LoadedCharacter c;
            try {
                c = BuiltInCharacters.loadCharacter(assetManager, CHARACTERS[i]);
            } catch (MocapException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            Spatial m = c.model();
            ClipBaking.Baked baked = ClipBaking.retarget(m, c.map(), poses, true, "take");
            DemoScene.standOnFloor(m, 1.8f);
            m.move(-1.2f + 1.8f * i, 0, 0);
            rootNode.attachChild(m);
            composers[i] = io.github.hourglassmocap.retarget.export.J3oExporter.attach(m, baked.clip());
            ClipBaking.play(composers[i], "take");
            composers[i].setGlobalSpeed(0);
            clipLength = Math.max(clipLength, baked.clip().getLength());
        }
        Geometry screen = new Geometry("video", new Quad(2.4f, 1.8f));
        screen.getMesh().setBuffer(VertexBuffer.Type.TexCoord, 2, new float[] {0, 1, 1, 1, 1, 0, 0, 0});
        videoMaterial = new Material(assetManager, "Common/MatDefs/Misc/Unshaded.j3md");
        screen.setMaterial(videoMaterial);
        screen.setLocalTranslation(-5.2f, 0.3f, -0.5f);
        rootNode.attachChild(screen);
        Thread decoder = new Thread(this::decodeLoop, "preview-video");
        decoder.setDaemon(true);
        decoder.start();
    }

    private void decodeLoop() {
        while (running) {
            try (FrameSource src = new ReplayAsLiveSource(VideoFileSource.open(video))) {
                Frame f;
                while (running && (f = src.grab()) != null) {
                    latest.set(f.copy());
                }
            } catch (MocapException e) {
                LOG.log(Level.WARNING, "video " + video + " cannot be played: " + e.getMessage(), e);
                return;
            }
            time = 0;
        }
    }

    @Override
    public void simpleUpdate(float tpf) {
        time += tpf;
        double t = clipLength > 0 ? time % clipLength : 0;
        for (AnimComposer c : composers) {
            c.setTime(AnimComposer.DEFAULT_LAYER, t);
        }
        Frame f = latest.getAndSet(null);
        if (f != null) {
            if (image == null || image.getWidth() != f.width() || image.getHeight() != f.height()) {
                pixels = BufferUtils.createByteBuffer(f.width() * f.height() * 3);
                image = new Image(Image.Format.BGR8, f.width(), f.height(), pixels, ColorSpace.sRGB);
                videoMaterial.setTexture("ColorMap", new Texture2D(image));
            }
            pixels.clear();
            pixels.put(f.pixels().duplicate());
            pixels.flip();
            image.setData(pixels);
            image.setUpdateNeeded();
        }
    }

    @Override
    public void destroy() {
        running = false;
        super.destroy();
    }
}
