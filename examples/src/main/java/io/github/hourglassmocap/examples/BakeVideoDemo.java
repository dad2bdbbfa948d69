package io.github.hourglassmocap.examples;

import com.jme3.anim.AnimComposer;
import com.jme3.app.SimpleApplication;
import com.jme3.asset.plugins.FileLocator;
import com.jme3.font.BitmapText;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.plugin.bake.BakeOptions;
import io.github.hourglassmocap.plugin.bake.BakeResult;
import io.github.hourglassmocap.plugin.bake.ClipBaking;
import io.github.hourglassmocap.plugin.bake.VideoBaker;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bakes a video in the background while the window shows the progress, then plays the baked clip.
 *
 * <p>Run: {@code examples/run BakeVideoDemo [video] [--out dir] [--character name]} (default: the bundled
 * sample, out/bake-demo, Jaime). The preview video is not rendered here (one GL context per process).
 */
public final class BakeVideoDemo extends SimpleApplication {
    private final Path video;
    private final Path out;
    private final String character;
    private final AtomicReference<String> status = new AtomicReference<>("starting");
    private final AtomicReference<BakeResult> done = new AtomicReference<>();
    private final AtomicReference<Exception> failed = new AtomicReference<>();
    private BitmapText text;
    private boolean shown;

    BakeVideoDemo(Path video, Path out, String character) {
        this.video = video;
        this.out = out;
        this.character = character;
    }

    /**
     * Starts the demo.
     *
     * @param args [video] [--out dir] [--character name]
     */
    public static void main(String[] args) {
        Path video = null;
        Path out = Path.of("out", "bake-demo");
        String character = BakeOptions.DEFAULT_CHARACTER;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else if (args[i].equals("--character") && i + 1 < args.length) {
                character = args[++i];
            } else {
                video = Path.of(args[i]);
            }
        }
        BakeVideoDemo app = new BakeVideoDemo(video != null ? video : Samples.sampleVideo(), out, character);
        DemoScene.launch(app, 1024, 640, "hourglass-mocap: bake a video");
    }

    @Override
    public void simpleInitApp() {
        DemoScene.setUpStage(this, new Vector3f(0, 1.2f, 4.5f), new Vector3f(0, 0.9f, 0));
        text = new BitmapText(guiFont);
        text.setLocalTranslation(10, cam.getHeight() - 10, 0);
        guiNode.attachChild(text);
        Thread t = new Thread(() -> {
            try {
                VideoBaker baker = new VideoBaker(BakeOptions.defaults().withCharacter(character).withPreview(false),
                        (stage, n, total) -> status.set(String.format(Locale.ROOT, "%s %d/%d", stage, n, total)));
                baker.setReplaceExisting(true); // the demo bakes into the same folder each time it runs
                done.set(baker.bake(video, out));
            } catch (MocapException | RuntimeException e) {
                failed.set(e);
            }
        }, "bake-demo");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void simpleUpdate(float tpf) {
        if (failed.get() != null) {
            text.setText("bake failed: " + failed.get().getMessage());
            return;
        }
        BakeResult r = done.get();
        if (r == null) {
            text.setText("baking " + video.getFileName() + ": " + status.get());
            return;
        }
        if (!shown) {
            shown = true;
            text.setText(String.format(Locale.ROOT, "baked %d frames in %.1f s (%.2fx real time) into %s", r.frames(),
                    r.totalSeconds(), r.realTimeFactor(), out));
            Path j3o = r.files().get("clip.j3o").toAbsolutePath();
            assetManager.registerLocator(j3o.getParent().toString(), FileLocator.class);
            Spatial m = assetManager.loadModel(j3o.getFileName().toString());
            DemoScene.standOnFloor(m, 1.8f);
            rootNode.attachChild(m);
            m.depthFirstTraversal(s -> {
                AnimComposer c = s.getControl(AnimComposer.class);
                if (c != null && c.getAnimClip(VideoBaker.CLIP_NAME) != null) {
                    ClipBaking.play(c, VideoBaker.CLIP_NAME);
                }
            });
        }
    }
}
