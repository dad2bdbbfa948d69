package io.github.hourglassmocap.inference.pose2d;

import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.model.ModelStore;
import io.github.hourglassmocap.inference.model.PoseModelFile;
import io.github.hourglassmocap.inference.video.Frame;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Follows one person through a sequence of frames, as MediaPipe's BlazePose pipeline does: the person
 * detector runs on the first frame and whenever tracking is lost; otherwise each frame's region of
 * interest comes from the previous frame's landmarks. Works the same for a video file and a live source:
 * {@link #process(Frame)} returns each frame's result as soon as it is computed.
 *
 * <p>Which person: when the detector finds several, the tracker takes the one whose hip centre is closest to
 * where the last track was (relative to its size), or the largest box when there is no previous track. While
 * tracking, the region follows the same person's own landmarks, so the track never jumps to somebody else
 * without a re-detection.
 *
 * <p>Tracking is lost when the landmark model's pose score falls below {@link PoseTrackerOptions#minPoseScore()};
 * the detector then runs again on the same frame. A frame whose size differs from the previous one resets
 * tracking. Not thread-safe: one thread calls {@code process}. {@link #close()} is idempotent; use after it
 * throws {@link IllegalStateException}.
 */
public final class PoseTracker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PoseTracker.class.getName());
    /** Regions smaller than this (pixels) are treated as lost tracking. */
    private static final double MIN_ROI_SIZE = 8;
    /**
     * A region turned further than this from upright (radians, 100 degrees) is also tried upside down, and
     * the better-scoring of the two kept: BlazePose can lock onto an upside-down reading of a person with a
     * high pose score (seen on rendered characters), and people are far more often upright.
     */
    static final double UPRIGHT_LIMIT = Math.toRadians(100);

    private final PoseTrackerOptions options;
    private final PersonDetector detector;
    private final PoseLandmarker landmarker;
    private final OneEuroFilter filter;
    private final Mat[] heapCopy = new Mat[1];
    private Roi trackRoi;
    private double lastCx;
    private double lastCy;
    private double lastSize;
    private boolean haveLast;
    private int lastWidth;
    private int lastHeight;
    private StageTimes lastTimes = StageTimes.ZERO;
    private boolean closed;

    /**
     * Creates a tracker, obtaining the models from a store.
     *
     * @param options the settings (not null)
     * @param store where the models come from (not null)
     * @throws ModelLoadException if a model cannot be obtained, verified or loaded
     */
    public PoseTracker(PoseTrackerOptions options, ModelStore store) throws ModelLoadException {
        this(options, store.getModel(PoseModelFile.DETECTOR), store.getModel(options.model()));
    }

    /**
     * Creates a tracker from model files (already verified by the caller).
     *
     * @param options the settings (not null; its model field names which landmark model the file is)
     * @param detectorFile pose_detection.tflite (not null)
     * @param landmarkFile the landmark model file (not null)
     * @throws ModelLoadException if a model cannot be loaded
     */
    public PoseTracker(PoseTrackerOptions options, Path detectorFile, Path landmarkFile) throws ModelLoadException {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        this.detector = new PersonDetector(detectorFile, options.threads(), options.minDetectionScore());
        try {
            this.landmarker = new PoseLandmarker(landmarkFile, options.threads());
        } catch (ModelLoadException | RuntimeException e) {
            detector.close();
            throw e;
        }
        this.filter = new OneEuroFilter(options.smoothingMinCutoffHz(), options.smoothingBeta(), 1.0);
    }

    /**
     * Returns the settings.
     *
     * @return the options (immutable)
     */
    public PoseTrackerOptions options() {
        return options;
    }

    /**
     * Forgets the current track: the next frame runs the detector and picks the largest person.
     */
    public void reset() {
        checkOpen();
        trackRoi = null;
        haveLast = false;
        filter.reset();
    }

    /**
     * Finds the tracked person's keypoints in one frame.
     *
     * @param frame the frame (not null; read during the call only)
     * @return a new result: one person, or an explicit "no person" (never null, never NaN)
     */
    public Keypoints2D process(Frame frame) {
        checkOpen();
        if (frame == null) {
            throw new IllegalArgumentException("frame must not be null");
        }
        long start = System.nanoTime();
        int w = frame.width();
        int h = frame.height();
        if (lastWidth != 0 && (w != lastWidth || h != lastHeight)) {
            LOG.info(() -> "frame " + frame.frameIndex() + " changed size from " + lastWidth + "x" + lastHeight + " to " + w + "x" + h
                    + "; tracking restarts with a detection");
            trackRoi = null;
            haveLast = false;
            filter.reset();
        }
        lastWidth = w;
        lastHeight = h;
        long[] det = new long[3];
        long[] lmk = new long[3];
        int detRuns = 0;
        int lmRuns = 0;
        Mat image = ImageWarper.wrap(frame, heapCopy);
        Keypoints2D result;
        try {
            Roi roi = trackRoi;
            PoseLandmarks lm = null;
            if (roi != null) {
                Attempt a = landmarks(image, roi, lmk);
                lmRuns += a.runs();
                lm = a.landmarks();
                roi = a.roi();
                if (lm == null || lm.score() < options.minPoseScore()) {
                    lm = null;
                    roi = null;
                }
            }
            if (lm == null) {
                List<Detection> found = detector.detect(image, w, h);
                detRuns++;
                add(det, detector.lastNanos());
                Detection pick = choose(found);
                roi = pick == null ? null : pick.toRoi();
                if (roi != null) {
                    Attempt a = landmarks(image, roi, lmk);
                    lmRuns += a.runs();
                    lm = a.landmarks();
                    roi = a.roi();
                    if (lm == null || lm.score() < options.minPoseScore()) {
                        lm = null;
                    }
                }
            }
            long postStart = System.nanoTime();
            if (lm == null) {
                trackRoi = null;
                filter.reset();
                result = Keypoints2D.noPerson(frame.frameIndex(), frame.timestampNanos(), w, h, detRuns > 0);
            } else {
                if (options.smoothing()) {
                    float[] xy = new float[2 * PoseLandmarks.COUNT];
                    for (int i = 0; i < PoseLandmarks.COUNT; i++) {
                        xy[2 * i] = lm.x(i);
                        xy[2 * i + 1] = lm.y(i);
                    }
                    filter.filter(xy, frame.timestampNanos());
                    lm = lm.withXy(xy);
                }
                Roi next = lm.nextRoi();
                trackRoi = plausible(next, w, h) ? next : null;
                if (trackRoi != null) {
                    lastCx = trackRoi.cx();
                    lastCy = trackRoi.cy();
                    lastSize = trackRoi.size();
                    haveLast = true;
                }
                result = new Keypoints2D(frame.frameIndex(), frame.timestampNanos(), w, h, roi, lm, H36mFromBlazePose.convert(lm), detRuns > 0);
            }
            long end = System.nanoTime();
            lmk[2] += end - postStart;
            lastTimes = new StageTimes(det[0], det[1], det[2], lmk[0], lmk[1], lmk[2], end - start, detRuns, lmRuns);
        } finally {
            if (image != heapCopy[0]) {
                image.close();
            }
        }
        return result;
    }

    /** One landmark reading: the region used, its landmarks (null if unusable), and how many invokes it took. */
    private record Attempt(Roi roi, PoseLandmarks landmarks, int runs) {
    }

    /** Runs the landmark model on a region, and also on the region turned upside down if it is far from upright. */
    private Attempt landmarks(Mat image, Roi roi, long[] acc) {
        PoseLandmarks lm = landmarker.run(image, roi);
        add(acc, landmarker.lastNanos());
        if (Math.abs(roi.rotationRadians()) <= UPRIGHT_LIMIT) {
            return new Attempt(roi, lm, 1);
        }
        Roi flipped = flip(roi);
        PoseLandmarks alt = landmarker.run(image, flipped);
        add(acc, landmarker.lastNanos());
        if (alt != null && (lm == null || alt.score() > lm.score())) {
            return new Attempt(flipped, alt, 2);
        }
        return new Attempt(roi, lm, 2);
    }

    private static Roi flip(Roi r) {
        return new Roi(r.cx(), r.cy(), r.size(), Roi.normalize(r.rotationRadians() + Math.PI));
    }

    private static void add(long[] acc, long[] t) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += t[i];
        }
    }

    /** A region that is finite, not tiny, and overlaps the frame. */
    private static boolean plausible(Roi r, int w, int h) {
        return r != null && r.size() >= MIN_ROI_SIZE && r.cx() > -r.size() / 2 && r.cx() < w + r.size() / 2
                && r.cy() > -r.size() / 2 && r.cy() < h + r.size() / 2;
    }

    /**
     * Chooses whom to follow among fresh detections: nearest to the last track (hip centre distance in units
     * of the last region size) if there was one, else the largest box.
     */
    private Detection choose(List<Detection> found) {
        Detection best = null;
        double bestKey = Double.POSITIVE_INFINITY;
        for (Detection d : found) {
            if (d.toRoi() == null) {
                continue;
            }
            double key;
            if (haveLast) {
                key = Math.hypot(d.keypoints()[0] - lastCx, d.keypoints()[1] - lastCy) / lastSize;
            } else {
                key = -d.area();
            }
            if (key < bestKey) {
                bestKey = key;
                best = d;
            }
        }
        return best;
    }

    /**
     * Returns where the last {@link #process} call spent its time.
     *
     * @return the stage times (immutable)
     */
    public StageTimes lastTimes() {
        checkOpen();
        return lastTimes;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("PoseTracker is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        detector.close();
        landmarker.close();
        if (heapCopy[0] != null) {
            heapCopy[0].close();
            heapCopy[0] = null;
        }
    }
}
