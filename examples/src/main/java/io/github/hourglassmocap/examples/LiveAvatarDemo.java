package io.github.hourglassmocap.examples;

import com.jme3.app.SimpleApplication;
import com.jme3.input.KeyInput;
import com.jme3.math.Vector3f;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.lift.ShippedLifters;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.plugin.GlbClipExporter;
import io.github.hourglassmocap.plugin.MocapAppState;
import io.github.hourglassmocap.plugin.MocapListener;
import io.github.hourglassmocap.plugin.MocapStages;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * Live motion capture driving Jaime and Sinbad side by side, from a webcam or a video played as live.
 *
 * <p>Run: {@code examples/run LiveAvatarDemo [webcam index | video file] [--lookahead L] [--lifter NAME]}, where
 * NAME is a shipped lifter's name or tag (default: {@code hot-live-f27} at every look-ahead;
 * {@code hot}, {@code htnet}, {@code mixste},
 * {@code htnet-f27}...) or a {@code .onnx} file with its manifest. Keys: R starts and stops a recording (written to
 * out/recordings as j3o and glb), P pauses, H hides the HUD.
 */
public final class LiveAvatarDemo extends SimpleApplication {
    private static final Logger LOG = Logger.getLogger(LiveAvatarDemo.class.getName());
    private final String source;
    private final int lookahead;
    private final String lifter;
    private MocapAppState mocap;

    LiveAvatarDemo(String source, int lookahead, String lifter) {
        this.source = source;
        this.lookahead = lookahead;
        this.lifter = lifter;
    }

    /**
     * Starts the demo.
     *
     * @param args optional source (webcam index, device or video file; default the bundled sample),
     *     {@code --lookahead L} and {@code --lifter NAME} (default: the shipped HoT model)
     */
    public static void main(String[] args) {
        String src = null;
        int lookahead = 0;
        String lifter = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lookahead") && i + 1 < args.length) {
                lookahead = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--lifter") && i + 1 < args.length) {
                lifter = args[++i];
            } else {
                src = args[i];
            }
        }
        if (src == null) {
            src = Samples.sampleVideo().toString();
        }
        try {
            // Before the window opens: an unknown name stops here with the list of shipped models.
            MocapStages.checkLifterPresent(lifter);
        } catch (ModelLoadException | IllegalArgumentException e) {
            LOG.severe("LiveAvatarDemo: " + e.getMessage());
            System.exit(1);
        }
        LiveAvatarDemo app = new LiveAvatarDemo(src, lookahead, lifter);
        DemoScene.launch(app, 1280, 720, "hourglass-mocap: live avatars (" + src + ", lifter "
                + (lifter != null ? lifter : ShippedLifters.streamingDefault(lookahead)) + ")");
    }

    @Override
    public void simpleInitApp() {
        flyCam.setMoveSpeed(3);
        DemoScene.setUpStage(this, new Vector3f(0, 1.3f, 5.5f), new Vector3f(0, 0.9f, 0));

        mocap = new MocapAppState(MocapStages.liveSource(source), MocapStages.pose2d(PoseModelFile.LITE, 2),
                MocapStages.lifter(lifter, lookahead, 1));
        Spatial jaime = character("jaime", -0.9f);
        Spatial sinbad = character("sinbad", 0.9f);
        mocap.addCharacter(jaime, MocapStages.builtInControl(jaime, "jaime", true));
        mocap.addCharacter(sinbad, MocapStages.builtInControl(sinbad, "sinbad", true));
        mocap.setRecordKey(KeyInput.KEY_R, Path.of("out", "recordings"), List.of(new GlbClipExporter(assetManager)));
        mocap.addListener(new MocapListener() {
            @Override
            public void onStreamEnded(Exception failure) {
                LOG.info(failure == null ? "source ended" : "source failed: " + failure.getMessage());
            }

            @Override
            public void onRecordingSaved(List<Path> files, boolean autosave) {
                LOG.info((autosave ? "autosaved " : "saved ") + files);
            }
        });
        stateManager.attach(mocap);
        inputManager.addMapping("pause", new com.jme3.input.controls.KeyTrigger(KeyInput.KEY_P));
        inputManager.addMapping("hud", new com.jme3.input.controls.KeyTrigger(KeyInput.KEY_H));
        inputManager.addListener((com.jme3.input.controls.ActionListener) (name, pressed, tpf) -> {
            if (!pressed) {
                return;
            }
            if (name.equals("pause")) {
                if (mocap.isPaused()) {
                    mocap.resume();
                } else {
                    mocap.pause();
                }
            } else {
                mocap.setHudEnabled(mocap.getHud().getCullHint() == Spatial.CullHint.Always);
            }
        }, "pause", "hud");
    }

    private Spatial character(String name, float x) {
        Spatial m;
        try {
            m = BuiltInCharacters.loadCharacter(assetManager, name).model();
        } catch (io.github.hourglassmocap.inference.ModelLoadException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        DemoScene.standOnFloor(m, 1.8f);
        m.move(x, 0, 0);
        rootNode.attachChild(m);
        return m;
    }
}
