package io.github.hourglassmocap.inference.pose2d;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import io.github.hourglassmocap.inference.internal.io.JsonCheck;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The keypoints JSON file ({@code docs/formats.md}, "Keypoints"): a header, then one entry per frame with
 * the region, 33 landmarks and 17 joints, or {@code "person": false}. Written frame by frame as results
 * arrive ({@link Writer}), atomically (a temporary file in the same folder, renamed on {@link Writer#close()}).
 */
public final class KeypointsFile {
    /** The version this code writes. */
    public static final int VERSION = 1;
    /** The largest image width or height accepted when reading, in pixels. */
    public static final int MAX_IMAGE_SIZE = 1 << 16;
    /** The highest frame rate accepted when reading, in Hz. */
    public static final double MAX_FRAME_RATE_HZ = 1000;
    /** The largest keypoint coordinate magnitude accepted when reading, in pixels. */
    public static final double MAX_PIXELS = 1e6;

    private KeypointsFile() {
    }

    /**
     * The file's header.
     *
     * @param source what the frames came from, e.g. "file:/videos/a.mp4" (not null)
     * @param width the frame width (in pixels, &gt;0; frames of another size carry their own)
     * @param height the frame height (in pixels, &gt;0)
     * @param frameRateHz frames per second (&gt;0, finite)
     * @param model "lite", "full" or "heavy" (not null)
     */
    public record Header(String source, int width, int height, double frameRateHz, String model) {
        /**
         * Validates the fields.
         */
        public Header {
            if (source == null || model == null) {
                throw new IllegalArgumentException("source and model must not be null");
            }
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("size " + width + "x" + height + " must be positive");
            }
            if (!(frameRateHz > 0) || Double.isInfinite(frameRateHz)) {
                throw new IllegalArgumentException("frameRateHz " + frameRateHz + " must be > 0 and finite");
            }
        }
    }

    /**
     * A whole file in memory.
     *
     * @param header the header (not null)
     * @param frames the frames in file order (unmodifiable)
     */
    public record Contents(Header header, List<Keypoints2D> frames) {
    }

    /**
     * Writes a keypoints file frame by frame. Not thread-safe. {@link #close()} finishes the file and renames
     * it into place (idempotent); {@link #abort()} discards it. Writing after either throws
     * {@link IllegalStateException}.
     */
    public static final class Writer implements AutoCloseable {
        private final Path target;
        private final AtomicFiles.Pending pending;
        private final Header header;
        private final java.io.Writer out;
        private final JsonWriter json;
        private boolean finished;

        /**
         * Starts a file.
         *
         * @param target the final path (not null; its folder must exist and be writable)
         * @param header the header (not null)
         * @throws MocapIOException if the temporary file cannot be created
         */
        public Writer(Path target, Header header) throws MocapIOException {
            this(target, header, null);
        }

        /**
         * Starts a file that names the run writing it, so that files of different runs in one folder can be told
         * apart.
         *
         * @param target the final path (not null; its folder must exist and be writable)
         * @param header the header (not null)
         * @param runId the run's id, written as {@code "runId"} (null to leave it out)
         * @throws MocapIOException if the temporary file cannot be created
         */
        public Writer(Path target, Header header, String runId) throws MocapIOException {
            this.target = target.toAbsolutePath();
            this.header = header;
            AtomicFiles.Pending p = null;
            try {
                p = AtomicFiles.open(this.target);
                pending = p;
                out = new OutputStreamWriter(p.stream(), StandardCharsets.UTF_8);
                json = new JsonWriter(out);
                json.beginObject();
                json.name("version").value(VERSION);
                json.name("source").value(header.source());
                json.name("width").value(header.width());
                json.name("height").value(header.height());
                json.name("frameRateHz").value(header.frameRateHz());
                json.name("model").value(header.model());
                if (runId != null) {
                    json.name("runId").value(runId);
                }
                json.name("frames").beginArray();
            } catch (IOException e) {
                if (p != null) {
                    p.close();
                }
                throw new MocapIOException("cannot write keypoints file " + this.target + ": " + e.getMessage()
                        + " (is the folder there and writable?)", e);
            }
        }

        /**
         * Appends one frame.
         *
         * @param k the frame's result (not null)
         * @throws MocapIOException if writing fails
         */
        public void write(Keypoints2D k) throws MocapIOException {
            if (finished) {
                throw new IllegalStateException("KeypointsFile.Writer for " + target + " is closed");
            }
            try {
                json.beginObject();
                json.name("index").value(k.frameIndex());
                json.name("timestampNanos").value(k.timestampNanos());
                if (k.width() != header.width() || k.height() != header.height()) {
                    json.name("width").value(k.width());
                    json.name("height").value(k.height());
                }
                json.name("person").value(k.hasPerson());
                if (k.hasPerson()) {
                    Roi r = k.roi();
                    json.name("roi").beginObject();
                    json.name("cx").value(round(r.cx()));
                    json.name("cy").value(round(r.cy()));
                    json.name("size").value(round(r.size()));
                    json.name("rotationRadians").value(Math.round(r.rotationRadians() * 1e5) / 1e5);
                    json.endObject();
                    json.name("score").value(round3(k.landmarks().score()));
                    json.name("landmarks33").beginArray();
                    PoseLandmarks lm = k.landmarks();
                    for (int i = 0; i < PoseLandmarks.COUNT; i++) {
                        json.beginArray().value(round(lm.x(i))).value(round(lm.y(i))).value(round(lm.z(i)))
                                .value(round3(lm.visibility(i))).value(round3(lm.presence(i))).endArray();
                    }
                    json.endArray();
                    json.name("joints17").beginArray();
                    for (int j = 0; j < H36mJoints.COUNT; j++) {
                        json.beginArray().value(round(k.jointX(j))).value(round(k.jointY(j))).value(round3(k.jointConfidence(j))).endArray();
                    }
                    json.endArray();
                }
                json.endObject();
            } catch (IOException e) {
                throw new MocapIOException("cannot write keypoints file " + target + ": " + e.getMessage(), e);
            }
        }

        /** Two decimals for pixels: far below the model's error, keeps files small. */
        private static double round(double v) {
            return Math.round(v * 100) / 100.0;
        }

        private static double round3(double v) {
            return Math.round(v * 1000) / 1000.0;
        }

        /**
         * Discards the file: the temporary file is deleted and the target left as it was. Idempotent.
         */
        public void abort() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                json.close();
            } catch (IOException e) {
                // the file is discarded anyway
            }
            pending.close();
        }

        /**
         * Finishes the file and renames it into place. Idempotent.
         *
         * @throws MocapIOException if finishing or renaming fails (the temporary file is then removed)
         */
        @Override
        public void close() throws MocapIOException {
            finish(null);
        }

        /**
         * Finishes the file with the frames written so far, marked as incomplete ({@code "complete": false} and
         * the reason in {@code "stopped"}), and renames it into place: what a run that is stopped early (Ctrl+C,
         * SIGTERM) keeps. Idempotent, like {@link #close()}; does nothing after either.
         *
         * @param reason why the run stopped, e.g. "interrupted by SIGTERM or Ctrl+C" (not null)
         * @throws MocapIOException if finishing or renaming fails (the temporary file is then removed)
         */
        public void closeIncomplete(String reason) throws MocapIOException {
            finish(java.util.Objects.requireNonNull(reason, "reason"));
        }

        /**
         * Returns whether the file is finished (closed, closed incomplete or aborted).
         *
         * @return true once finished
         */
        public boolean isFinished() {
            return finished;
        }

        private void finish(String stopped) throws MocapIOException {
            if (finished) {
                return;
            }
            try {
                json.endArray();
                json.name("complete").value(stopped == null);
                if (stopped != null) {
                    json.name("stopped").value(stopped);
                }
                json.endObject();
                json.close();
                finished = true;
                pending.commit();
            } catch (IOException e) {
                finished = false;
                abort();
                throw new MocapIOException("cannot finish keypoints file " + target + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Writes a whole file.
     *
     * @param path the target (not null)
     * @param header the header (not null)
     * @param frames the frames (not null)
     * @throws MocapIOException if writing fails
     */
    public static void write(Path path, Header header, List<Keypoints2D> frames) throws MocapIOException {
        Writer w = new Writer(path, header);
        try {
            for (Keypoints2D k : frames) {
                w.write(k);
            }
            w.close();
        } finally {
            w.abort();
        }
    }

    /**
     * Reads a keypoints file. Landmarks come back without the model's alignment points (they are not stored):
     * the hip and shoulder centres stand in for them.
     *
     * @param path the file (not null)
     * @return the contents
     * @throws MocapIOException if the file cannot be read
     * @throws DecodeException if it is not a keypoints file of version {@value #VERSION}, naming what is wrong
     */
    public static Contents read(Path path) throws MocapException {
        JsonCheck check = new JsonCheck("keypoints file " + path);
        JsonObject root = check.object(check.read(path,
                "; make one with 'mocap keypoints <video> --out " + path + "'"), "");
        validate(check, root);
        try {
            int version = root.has("version") ? root.get("version").getAsInt() : -1;
            if (version != VERSION) {
                throw new DecodeException("keypoints file " + path + " has version " + (version < 0 ? "(none)" : version)
                        + "; supported: [" + VERSION + "]");
            }
            Header h = new Header(root.get("source").getAsString(), root.get("width").getAsInt(), root.get("height").getAsInt(),
                    root.get("frameRateHz").getAsDouble(), root.get("model").getAsString());
            List<Keypoints2D> frames = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("frames")) {
                frames.add(frame(e.getAsJsonObject(), h));
            }
            return new Contents(h, List.copyOf(frames));
        } catch (ClassCastException | IllegalStateException | UnsupportedOperationException
                | NullPointerException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new DecodeException("keypoints file " + path + " has a missing or malformed field (" + e.getMessage()
                    + "); expected the fields of docs/formats.md, \"Keypoints\"", e);
        }
    }

    /**
     * Checks every field {@link #read} uses for its type and range, so reading cannot fail on a malformed
     * field with anything but a message naming it.
     */
    private static void validate(JsonCheck c, JsonObject root) throws DecodeException {
        if (!root.has("version")) {
            throw c.fail("version", null, "one of the supported versions [" + VERSION + "]");
        }
        long version = c.integer(root.get("version"), "version", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (version != VERSION) {
            throw c.fail("version", root.get("version"), "a supported version: [" + VERSION + "]"
                    + " (re-create it with this version's 'mocap keypoints')");
        }
        c.string(root.get("source"), "source", false);
        c.integer(root.get("width"), "width", 1, MAX_IMAGE_SIZE);
        c.integer(root.get("height"), "height", 1, MAX_IMAGE_SIZE);
        c.number(root.get("frameRateHz"), "frameRateHz", 1e-3, MAX_FRAME_RATE_HZ, false);
        c.string(root.get("model"), "model", false);
        JsonArray frames = c.array(root.get("frames"), "frames", 0, Integer.MAX_VALUE);
        long last = -1;
        for (int k = 0; k < frames.size(); k++) {
            String at = "frames[" + k + "]";
            JsonObject f = c.object(frames.get(k), at);
            last = c.increasingIndex(f, at, last);
            c.integer(f.get("timestampNanos"), at + ".timestampNanos", 0, Long.MAX_VALUE);
            if (f.has("width")) {
                c.integer(f.get("width"), at + ".width", 1, MAX_IMAGE_SIZE);
            }
            if (f.has("height")) {
                c.integer(f.get("height"), at + ".height", 1, MAX_IMAGE_SIZE);
            }
            if (!c.bool(f.get("person"), at + ".person")) {
                continue;
            }
            JsonObject r = c.object(f.get("roi"), at + ".roi");
            c.number(r.get("cx"), at + ".roi.cx", -MAX_PIXELS, MAX_PIXELS, false);
            c.number(r.get("cy"), at + ".roi.cy", -MAX_PIXELS, MAX_PIXELS, false);
            c.number(r.get("size"), at + ".roi.size", 1e-3, MAX_PIXELS, false);
            c.number(r.get("rotationRadians"), at + ".roi.rotationRadians", -1000, 1000, false);
            if (f.has("score")) {
                c.number(f.get("score"), at + ".score", 0, 1, false);
            }
            JsonArray lms = c.array(f.get("landmarks33"), at + ".landmarks33", PoseLandmarks.COUNT, PoseLandmarks.COUNT);
            for (int i = 0; i < lms.size(); i++) {
                String li = at + ".landmarks33[" + i + "]";
                JsonArray a = c.array(lms.get(i), li, PoseLandmarks.STRIDE, PoseLandmarks.STRIDE);
                for (int k2 = 0; k2 < a.size(); k2++) {
                    double limit = k2 < 3 ? MAX_PIXELS : 1;
                    c.number(a.get(k2), li + "[" + k2 + "]", k2 < 3 ? -limit : 0, limit, true);
                }
            }
            JsonArray js = c.array(f.get("joints17"), at + ".joints17", H36mJoints.COUNT, H36mJoints.COUNT);
            for (int j = 0; j < js.size(); j++) {
                String ji = at + ".joints17[" + j + "]";
                JsonArray a = c.array(js.get(j), ji, H36mFromBlazePose.STRIDE, H36mFromBlazePose.STRIDE);
                c.number(a.get(0), ji + "[0]", -MAX_PIXELS, MAX_PIXELS, true);
                c.number(a.get(1), ji + "[1]", -MAX_PIXELS, MAX_PIXELS, true);
                c.number(a.get(2), ji + "[2]", 0, 1, true);
            }
        }
    }

    private static Keypoints2D frame(JsonObject f, Header h) {
        long index = f.get("index").getAsLong();
        long t = f.get("timestampNanos").getAsLong();
        int w = f.has("width") ? f.get("width").getAsInt() : h.width();
        int ht = f.has("height") ? f.get("height").getAsInt() : h.height();
        if (!f.get("person").getAsBoolean()) {
            return Keypoints2D.noPerson(index, t, w, ht, false);
        }
        JsonObject r = f.getAsJsonObject("roi");
        Roi roi = new Roi(r.get("cx").getAsDouble(), r.get("cy").getAsDouble(), r.get("size").getAsDouble(), r.get("rotationRadians").getAsDouble());
        JsonArray lms = f.getAsJsonArray("landmarks33");
        if (lms.size() != PoseLandmarks.COUNT) {
            throw new IllegalArgumentException("frame " + index + ": landmarks33 holds " + lms.size() + " entries, expected 33");
        }
        float[] v = new float[PoseLandmarks.COUNT * PoseLandmarks.STRIDE];
        for (int i = 0; i < PoseLandmarks.COUNT; i++) {
            JsonArray a = lms.get(i).getAsJsonArray();
            for (int k = 0; k < PoseLandmarks.STRIDE; k++) {
                v[i * PoseLandmarks.STRIDE + k] = a.get(k).getAsFloat();
            }
        }
        JsonArray js = f.getAsJsonArray("joints17");
        if (js.size() != H36mJoints.COUNT) {
            throw new IllegalArgumentException("frame " + index + ": joints17 holds " + js.size() + " entries, expected 17");
        }
        float[] j17 = new float[H36mJoints.COUNT * H36mFromBlazePose.STRIDE];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            JsonArray a = js.get(j).getAsJsonArray();
            for (int k = 0; k < H36mFromBlazePose.STRIDE; k++) {
                j17[j * H36mFromBlazePose.STRIDE + k] = a.get(k).getAsFloat();
            }
        }
        float score = f.has("score") ? f.get("score").getAsFloat() : 1f;
        float[] aux = {j17[0], j17[1], j17[H36mJoints.THORAX * 3], j17[H36mJoints.THORAX * 3 + 1]};
        return new Keypoints2D(index, t, w, ht, roi, new PoseLandmarks(v, aux, score), j17, false);
    }
}
