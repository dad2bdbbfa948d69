package io.github.hourglassmocap.plugin;

import com.jme3.anim.AnimClip;
import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.export.binary.BinaryExporter;
import com.jme3.input.InputManager;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.KeyTrigger;
import com.jme3.scene.Node;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.pipeline.LiftStage;
import io.github.hourglassmocap.inference.pipeline.PipelineMode;
import io.github.hourglassmocap.inference.pipeline.PipelineResult;
import io.github.hourglassmocap.inference.pipeline.PipelineStats;
import io.github.hourglassmocap.inference.pipeline.Pose2dStage;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;
import io.github.hourglassmocap.inference.pipeline.StageFactory;
import io.github.hourglassmocap.inference.pipeline.StreamingPipeline;
import io.github.hourglassmocap.inference.video.FrameSource;
import io.github.hourglassmocap.retarget.record.ClipRecorder;
import io.github.hourglassmocap.retarget.record.KeyReduction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.github.hourglassmocap.plugin.internal.ClipFiles;

/**
 * Motion capture in a running jME application: a {@link StreamingPipeline} (capture, 2D, lifting on worker
 * threads) feeding any number of characters, each through its own {@link MocapControl}, with an optional
 * preview HUD and recording.
 *
 * <p>The render thread never waits: {@link #update(float)} only collects finished results; sources and models
 * are opened on the workers; stopping or switching closes the old pipeline on a background thread, which
 * releases every native resource (see {@link #awaitReleased()}). While recording, the pipeline switches to
 * {@link PipelineMode#RECORD} so no frame is dropped; otherwise live mode drops the oldest frames when behind.
 *
 * <p>Recording samples every character's armature after each pose, saves each character's clip atomically as
 * {@code <name>-<character>.j3o} (plus the formats of any {@link ClipExporter}s) on stop, and autosaves the j3o
 * every few seconds during long takes. If the source fails mid-take (a webcam unplugged), the take so far is
 * saved and {@link MocapListener#onStreamEnded(Exception)} says why.
 */
public class MocapAppState extends BaseAppState {
    private static final Logger LOG = Logger.getLogger(MocapAppState.class.getName());
    private static final String RECORD_ACTION = "MocapAppState.toggleRecording";
    private static final int MAX_RESULTS_PER_UPDATE = 256;

    private StageFactory<? extends FrameSource> sourceFactory;
    private StageFactory<? extends Pose2dStage> pose2dFactory;
    private StageFactory<? extends LiftStage> liftFactory;
    private final List<Character> characters = new ArrayList<>();
    private final List<MocapListener> listeners = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> closing = new CopyOnWriteArrayList<>();
    private ExecutorService saver;
    private StreamingPipeline pipeline;
    private PipelineMode liveMode = PipelineMode.LIVE;
    private boolean paused;
    private boolean hudEnabled = true;
    private float hudWidth = 320;
    private MocapHud hud;
    private PipelineResult lastResult;
    private boolean streamEndReported;
    private Exception lastFailure;
    private Recording recording;
    private float autosaveSeconds = 5f;
    private int recordKey = -1;
    private ActionListener recordKeyListener;

    private static final class Character {
        final Spatial model;
        final MocapControl control;
        ClipRecorder recorder;
        /** Time of the last key recorded (seconds); poses at or before it are not recorded again. */
        double lastKeySeconds = Double.NEGATIVE_INFINITY;

        Character(Spatial model, MocapControl control) {
            this.model = model;
            this.control = control;
        }
    }

    private static final class Recording {
        final Path folder;
        final String name;
        final List<ClipExporter> exporters;
        float sinceAutosave;

        Recording(Path folder, String name, List<ClipExporter> exporters) {
            this.folder = folder;
            this.name = name;
            this.exporters = exporters;
        }
    }

    /**
     * Creates the state; nothing runs until it is attached and enabled.
     *
     * @param source opens the frame source on the capture thread (not null)
     * @param pose2d creates the 2D stage on its worker (not null)
     * @param lift creates the lifting stage on its worker (not null; {@link MocapStages#lifter(String, int, int)}
     *     makes one for any shipped lifter by name)
     */
    public MocapAppState(StageFactory<? extends FrameSource> source, StageFactory<? extends Pose2dStage> pose2d,
            StageFactory<? extends LiftStage> lift) {
        this.sourceFactory = Objects.requireNonNull(source, "source");
        this.pose2dFactory = Objects.requireNonNull(pose2d, "pose2d");
        this.liftFactory = Objects.requireNonNull(lift, "lift");
    }

    /**
     * Adds a character that follows the source; its control is added to the model.
     *
     * @param model the character (not null; must hold a skeleton)
     * @param control drives it (not null, not yet attached to a spatial)
     * @return the control, for chaining options
     */
    public MocapControl addCharacter(Spatial model, MocapControl control) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(control, "control");
        if (control.getSpatial() != null) {
            throw new IllegalArgumentException("control is already attached to " + control.getSpatial().getName());
        }
        model.addControl(control);
        Character c = new Character(model, control);
        characters.add(c);
        if (recording != null) {
            c.recorder = ClipRecorder.allJoints(control.armature());
        }
        return control;
    }

    /**
     * Adds a character that already carries its {@link MocapControl}: a clone of a character made with
     * {@code Spatial.clone()}, or one loaded from a j3o.
     *
     * @param model the character (not null; must hold a skeleton and a {@code MocapControl})
     * @return the model's control
     * @throws IllegalArgumentException if the model has no {@code MocapControl}, naming the model
     */
    public MocapControl addCharacter(Spatial model) {
        Objects.requireNonNull(model, "model");
        MocapControl control = Armatures.findControl(model, MocapControl.class);
        if (control == null) {
            throw new IllegalArgumentException("model '" + model.getName() + "' has no MocapControl; use"
                    + " addCharacter(model, control)");
        }
        for (Character c : characters) {
            if (c.control == control) {
                throw new IllegalArgumentException("model '" + model.getName() + "' already follows this state");
            }
        }
        Character c = new Character(model, control);
        characters.add(c);
        if (recording != null) {
            c.recorder = ClipRecorder.allJoints(control.armature());
        }
        return control;
    }

    /**
     * Removes a character; it keeps its last pose.
     *
     * @param model the character given to {@link #addCharacter(Spatial, MocapControl)} (not null)
     * @return true if it was following
     */
    public boolean removeCharacter(Spatial model) {
        for (Character c : characters) {
            if (c.model == model) {
                characters.remove(c);
                Spatial holder = c.control.getSpatial();
                if (holder != null) {
                    holder.removeControl(c.control);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Adds a listener.
     *
     * @param l the listener (not null)
     */
    public void addListener(MocapListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    /**
     * Removes a listener.
     *
     * @param l the listener
     */
    public void removeListener(MocapListener l) {
        listeners.remove(l);
    }

    /**
     * Switches to another source at run time (a different webcam or video); the old one is closed in the
     * background.
     *
     * @param source opens the new source (not null)
     */
    public void setSource(StageFactory<? extends FrameSource> source) {
        this.sourceFactory = Objects.requireNonNull(source, "source");
        restart();
    }

    /**
     * Switches the 2D model at run time (for example lite to full).
     *
     * @param pose2d creates the new 2D stage (not null)
     */
    public void setPose2dStage(StageFactory<? extends Pose2dStage> pose2d) {
        this.pose2dFactory = Objects.requireNonNull(pose2d, "pose2d");
        restart();
    }

    /**
     * Switches the lifting model at run time, for example to a shipped lifter chosen by name:
     * {@code setLiftStage(MocapStages.lifter("htnet", 4, 1))} (an unknown name is reported, like any stage that
     * fails to load, to {@link MocapListener#onStreamEnded(Exception)}).
     *
     * @param lift creates the new lifting stage (not null)
     */
    public void setLiftStage(StageFactory<? extends LiftStage> lift) {
        this.liftFactory = Objects.requireNonNull(lift, "lift");
        restart();
    }

    /**
     * Sets what the pipeline does when behind while not recording.
     *
     * @param mode LIVE (drop the oldest, default) or RECORD (never drop: replay a file without losing frames)
     */
    public void setIdleMode(PipelineMode mode) {
        this.liveMode = Objects.requireNonNull(mode, "mode");
        if (pipeline != null && recording == null) {
            pipeline.setMode(mode);
        }
    }

    /**
     * Pauses capture; characters hold their pose.
     */
    public void pause() {
        paused = true;
        if (pipeline != null) {
            pipeline.pause();
        }
    }

    /**
     * Resumes capture after {@link #pause()}.
     */
    public void resume() {
        paused = false;
        if (pipeline != null) {
            pipeline.resume();
        }
    }

    /**
     * Returns whether capture is paused.
     *
     * @return true if paused
     */
    public boolean isPaused() {
        return paused;
    }

    /**
     * Shows or hides the preview HUD.
     *
     * @param enabled true to show it (default true)
     */
    public void setHudEnabled(boolean enabled) {
        this.hudEnabled = enabled;
        if (hud != null) {
            hud.setCullHint(enabled ? Spatial.CullHint.Inherit : Spatial.CullHint.Always);
        }
    }

    /**
     * Sets the HUD width; takes effect when the state is next initialised.
     *
     * @param pixels the width (in pixels, &gt;0; default 320)
     */
    public void setHudWidth(float pixels) {
        if (!(pixels > 0)) {
            throw new IllegalArgumentException("HUD width must be > 0; got " + pixels);
        }
        this.hudWidth = pixels;
    }

    /**
     * Returns the HUD.
     *
     * @return the HUD node, or null before initialisation
     */
    public MocapHud getHud() {
        return hud;
    }

    /**
     * Sets the autosave period while recording.
     *
     * @param seconds the period (in seconds, &gt;0; default 5)
     */
    public void setAutosaveSeconds(float seconds) {
        if (!(seconds > 0) || Float.isInfinite(seconds)) {
            throw new IllegalArgumentException("autosave period must be finite and > 0; got " + seconds);
        }
        this.autosaveSeconds = seconds;
    }

    /**
     * Binds a key that starts and stops recording into a folder.
     *
     * @param keyCode a {@code KeyInput.KEY_*} code
     * @param folder where recordings go (not null)
     * @param exporters further formats written at stop (not null, may be empty)
     */
    public void setRecordKey(int keyCode, Path folder, List<ClipExporter> exporters) {
        Objects.requireNonNull(folder, "folder");
        List<ClipExporter> ex = List.copyOf(exporters);
        this.recordKey = keyCode;
        this.recordKeyListener = (name, pressed, tpf) -> {
            if (!pressed) {
                return;
            }
            if (isRecording()) {
                stopRecording();
            } else {
                startRecording(folder, "take-" + System.currentTimeMillis(), ex);
            }
        };
        if (isInitialized() && isEnabled()) {
            bindKey(getApplication().getInputManager());
        }
    }

    private void bindKey(InputManager im) {
        if (recordKey < 0 || im == null) {
            return;
        }
        if (im.hasMapping(RECORD_ACTION)) {
            im.deleteMapping(RECORD_ACTION);
        }
        im.addMapping(RECORD_ACTION, new KeyTrigger(recordKey));
        im.addListener(recordKeyListener, RECORD_ACTION);
    }

    /**
     * Starts recording every character. Render thread only.
     *
     * @param folder where the clips go (not null; created if missing)
     * @param name the take name (not null, letters, digits, '-', '_' and '.')
     * @param exporters further formats written at stop (not null, may be empty)
     * @throws IllegalStateException if already recording
     */
    public void startRecording(Path folder, String name, List<ClipExporter> exporters) {
        Objects.requireNonNull(folder, "folder");
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("take name '" + name + "' must be letters, digits, '.', '-' or '_'");
        }
        if (recording != null) {
            throw new IllegalStateException("already recording '" + recording.name + "'");
        }
        recording = new Recording(folder, name, List.copyOf(exporters));
        for (Character c : characters) {
            c.recorder = ClipRecorder.allJoints(c.control.armature());
            c.lastKeySeconds = Double.NEGATIVE_INFINITY;
        }
        removeShutdownSaver();
        Recording started = recording;
        shutdownSaver = new Thread(() -> saveOnShutdown(started), "mocap-recording-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownSaver);
        if (pipeline != null) {
            pipeline.setMode(PipelineMode.RECORD);
        }
        LOG.info(() -> "recording '" + name + "' into " + folder);
    }

    /**
     * Returns whether a recording runs.
     *
     * @return true while recording
     */
    public boolean isRecording() {
        return recording != null;
    }

    /**
     * Stops recording and saves every character's clip (j3o, plus the exporters' formats). Render thread only.
     * A save failure is reported to the listeners and logged; the recording is then kept, see
     * {@link #saveLastRecording(Path)}.
     *
     * @return the files written (a new list; empty if nothing was recorded or saving failed)
     */
    public List<Path> stopRecording() {
        Recording r = recording;
        if (r == null) {
            return List.of();
        }
        recording = null;
        removeShutdownSaver();
        if (pipeline != null) {
            pipeline.setMode(liveMode);
        }
        lastRecording = r;
        try {
            List<Path> files = save(r, r.folder, false);
            notifySaved(files, false);
            return files;
        } catch (MocapException e) {
            LOG.log(Level.WARNING, "saving recording '" + r.name + "' failed: " + e.getMessage(), e);
            for (MocapListener l : listeners) {
                l.onRecordingFailed(e);
            }
            return List.of();
        }
    }

    private Recording lastRecording;
    /** Saves the take in progress if the JVM ends during it (Ctrl+C, SIGTERM, a closed window); null otherwise. */
    private volatile Thread shutdownSaver;

    /**
     * Returns the shutdown hook that saves the take in progress, for tests.
     *
     * @return the registered hook, or null when not recording
     */
    Thread getShutdownSaver() {
        return shutdownSaver;
    }

    private void removeShutdownSaver() {
        Thread t = shutdownSaver;
        shutdownSaver = null;
        if (t != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(t);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs and saves the take
            }
        }
    }

    /**
     * Saves every character's take so far, on the shutdown hook's thread while the render thread may still run:
     * each recorder hands out a consistent snapshot ({@link ClipRecorder} is synchronised). Only the j3o is
     * written (the exporters may need the render thread); the log says the take was cut short.
     */
    private void saveOnShutdown(Recording r) {
        int n = characters.size();
        for (int i = 0; i < n; i++) {
            Character c;
            try {
                c = characters.get(i);
            } catch (IndexOutOfBoundsException e) {
                break; // removed meanwhile
            }
            ClipRecorder rec = c.recorder;
            if (rec == null || rec.size() == 0) {
                continue;
            }
            Path j3o = r.folder.resolve(r.name + "-" + safeName(c.model.getName()) + ".j3o");
            try {
                ClipFiles.saveJ3o(rec.build(r.name, KeyReduction.NONE), j3o);
                LOG.warning("the application is ending during recording '" + r.name + "': saved the take so far ("
                        + rec.size() + " keys, " + String.format(java.util.Locale.ROOT, "%.1f", rec.durationSeconds())
                        + " s) to " + j3o);
            } catch (MocapException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not save recording '" + r.name + "' while the application ended", e);
            }
        }
    }

    /**
     * Saves the last stopped recording again, for example into another folder after a failure.
     *
     * @param folder the folder (not null)
     * @return the files written (a new list)
     * @throws MocapException if writing failed
     * @throws IllegalStateException if there is no stopped recording
     */
    public List<Path> saveLastRecording(Path folder) throws MocapException {
        if (lastRecording == null) {
            throw new IllegalStateException("no stopped recording to save");
        }
        return save(lastRecording, folder, false);
    }

    private List<Path> save(Recording r, Path folder, boolean autosave) throws MocapException {
        List<Path> files = new ArrayList<>();
        for (Character c : characters) {
            if (c.recorder == null || c.recorder.size() == 0) {
                continue;
            }
            AnimClip clip = c.recorder.build(r.name, KeyReduction.NONE);
            String base = r.name + "-" + safeName(c.model.getName());
            Path j3o = folder.resolve(base + ".j3o");
            ClipFiles.saveJ3o(clip, j3o);
            files.add(j3o);
            if (!autosave) {
                for (ClipExporter ex : r.exporters) {
                    Path f = folder.resolve(base + "." + ex.extension());
                    ex.export(clip, c.model, f);
                    files.add(f);
                }
            }
        }
        return files;
    }

    private void autosave(Recording r) {
        // Serialise on the render thread (the clip references live joints), write in the background.
        List<Path> files = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        for (Character c : characters) {
            if (c.recorder == null || c.recorder.size() == 0) {
                continue;
            }
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                BinaryExporter.getInstance().save(c.recorder.build(r.name, KeyReduction.NONE), bytes);
                data.add(bytes.toByteArray());
                files.add(r.folder.resolve(r.name + "-" + safeName(c.model.getName()) + ".j3o"));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "autosave: could not serialise the clip of " + c.model.getName(), e);
            }
        }
        if (files.isEmpty()) {
            return;
        }
        Application app = getApplication();
        saver.submit(() -> {
            try {
                for (int i = 0; i < files.size(); i++) {
                    byte[] b = data.get(i);
                    ClipFiles.writeAtomically(files.get(i), out -> out.write(b));
                }
                app.enqueue(() -> notifySaved(files, true));
            } catch (MocapIOException e) {
                LOG.log(Level.WARNING, "autosave failed: " + e.getMessage(), e);
                app.enqueue(() -> {
                    for (MocapListener l : listeners) {
                        l.onRecordingFailed(e);
                    }
                });
            }
        });
    }

    private void notifySaved(List<Path> files, boolean autosave) {
        for (MocapListener l : listeners) {
            l.onRecordingSaved(List.copyOf(files), autosave);
        }
    }

    private static String safeName(String s) {
        String n = s == null ? "character" : s.replaceAll("[^A-Za-z0-9._-]", "_");
        return n.isEmpty() ? "character" : n;
    }

    /**
     * Returns the current pipeline figures.
     *
     * @return a new snapshot, all zero when nothing runs
     */
    public PipelineStats getStats() {
        StreamingPipeline p = pipeline;
        return p == null ? new PipelineStats(0, 0, 0, 0, 0, 0, 0, 0, 0) : p.stats();
    }

    /**
     * Returns the pipeline's state.
     *
     * @return the state, or null when no pipeline exists (state disabled)
     */
    public StreamingPipeline.State getPipelineState() {
        StreamingPipeline p = pipeline;
        return p == null ? null : p.state();
    }

    /**
     * Returns the last result applied.
     *
     * @return the result, or null before the first
     */
    public PipelineResult getLastResult() {
        return lastResult;
    }

    /**
     * Returns what ended the last stream early.
     *
     * @return the failure, or null
     */
    public Exception getLastFailure() {
        return lastFailure;
    }

    /**
     * Waits until every pipeline this state has closed has released its threads and native resources. For
     * tests and shutdown; never call it on the render thread.
     *
     * @throws InterruptedException if interrupted
     */
    public void awaitReleased() throws InterruptedException {
        for (CompletableFuture<Void> f : closing) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("closing a pipeline failed", e.getCause());
            }
        }
    }

    /** Loads what the state needs (the saver thread, the HUD); nothing is attached until {@link #onEnable()}. */
    @Override
    protected void initialize(Application app) {
        saver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mocap-clip-saver");
            t.setDaemon(true);
            return t;
        });
        if (app instanceof SimpleApplication) {
            hud = new MocapHud(app.getAssetManager(), hudWidth);
            hud.setCullHint(hudEnabled ? Spatial.CullHint.Inherit : Spatial.CullHint.Always);
            float top = app.getCamera().getHeight();
            hud.setLocalTranslation(10, top - hudWidth - hudWidth * 0.75f - 60, 0);
        }
    }

    @Override
    protected void cleanup(Application app) {
        if (recording != null) {
            stopRecording();
        }
        hud = null;
        saver.shutdown();
    }

    /** Starts the pipeline, shows the HUD and binds the record key. */
    @Override
    protected void onEnable() {
        Application app = getApplication();
        if (hud != null && app instanceof SimpleApplication sa) {
            Node gui = sa.getGuiNode();
            gui.attachChild(hud);
        }
        bindKey(app.getInputManager());
        startPipeline();
    }

    /** Stops the pipeline, removes the HUD and unbinds the record key; characters hold their pose. */
    @Override
    protected void onDisable() {
        stopPipeline();
        if (hud != null) {
            hud.removeFromParent();
        }
        unbindKey(getApplication().getInputManager());
    }

    private void unbindKey(InputManager im) {
        if (im != null && im.hasMapping(RECORD_ACTION)) {
            im.deleteMapping(RECORD_ACTION);
            im.removeListener(recordKeyListener);
        }
    }

    private void restart() {
        if (isEnabled() && isInitialized()) {
            stopPipeline();
            startPipeline();
        }
    }

    private void startPipeline() {
        pipeline = StreamingPipeline.builder(sourceFactory, pose2dFactory).lift(liftFactory)
                .mode(recording != null ? PipelineMode.RECORD : liveMode).build();
        streamEndReported = false;
        pipeline.start();
        if (paused) {
            pipeline.pause();
        }
    }

    private void stopPipeline() {
        StreamingPipeline p = pipeline;
        pipeline = null;
        if (p != null) {
            closing.add(p.closeAsync());
        }
    }

    @Override
    public void update(float tpf) {
        StreamingPipeline p = pipeline;
        if (p != null) {
            drain(p);
        }
        if (recording != null) {
            recording.sinceAutosave += tpf;
            if (recording.sinceAutosave >= autosaveSeconds) {
                recording.sinceAutosave = 0;
                autosave(recording);
            }
        }
        if (hud != null) {
            if (lastResult != null && hudDirty) {
                hud.show(lastResult);
                hudDirty = false;
            }
            hud.update(getStats(), recording != null, tpf);
        }
    }

    private boolean hudDirty;

    private void drain(StreamingPipeline p) {
        Pose3dSample latest = null;
        for (int n = 0; n < MAX_RESULTS_PER_UPDATE; n++) {
            PipelineResult r = p.poll();
            if (r == null) {
                break;
            }
            lastResult = r;
            hudDirty = true;
            Pose3dSample pose = r.pose3d();
            if (pose != null) {
                if (recording != null) {
                    double t = pose.timestampNanos() / 1e9;
                    for (Character c : characters) {
                        c.control.applyNow(pose);
                        if (c.recorder != null && t > c.lastKeySeconds) {
                            c.recorder.record(t);
                            c.lastKeySeconds = t;
                        }
                    }
                    latest = null;
                } else {
                    latest = pose;
                }
            }
            for (MocapListener l : listeners) {
                l.onResult(r);
            }
        }
        if (latest != null) {
            for (Character c : characters) {
                c.control.setPose(latest);
            }
        }
        if (p.isExhausted() && !streamEndReported) {
            streamEndReported = true;
            Exception failure = p.failure();
            lastFailure = failure;
            String msg = failure == null ? "source ended: " + p.sourceName()
                    : "stopped: " + failure.getMessage();
            if (failure != null) {
                LOG.warning(() -> "motion capture " + msg + (recording != null ? " (saving the take so far)" : ""));
            } else {
                LOG.info(() -> "motion capture " + msg);
            }
            if (hud != null) {
                hud.setMessage(msg);
            }
            if (failure != null && recording != null) {
                stopRecording();
            }
            for (MocapListener l : listeners) {
                l.onStreamEnded(failure);
            }
        }
    }
}
