package io.github.hourglassmocap.retarget.solve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A clip of source motion: frames at a fixed rate. Reads the project's 3D pose JSON ({@code mocap lift},
 * docs/formats.md "3D poses") and converts its camera frame (x right, y down, z forward) to the solver's world
 * (x, -y, -z: Y up, an actor facing the camera faces +Z). Immutable.
 */
public final class SourceSequence {
    private final double frameRateHz;
    private final List<SourceFrame> frames;

    /**
     * Creates a sequence.
     *
     * @param frameRateHz the frame rate (in hertz, &gt;0, finite)
     * @param frames the frames in time order (not null, not empty, no nulls; copied)
     */
    public SourceSequence(double frameRateHz, List<SourceFrame> frames) {
        if (!(frameRateHz > 0) || Double.isInfinite(frameRateHz)) {
            throw new IllegalArgumentException("frameRateHz must be finite and > 0, got " + frameRateHz);
        }
        if (frames == null || frames.isEmpty() || frames.contains(null)) {
            throw new IllegalArgumentException("frames must be a non-empty list without nulls");
        }
        this.frameRateHz = frameRateHz;
        this.frames = List.copyOf(frames);
    }

    /**
     * Converts a point from the lifter's camera frame to the solver's world.
     *
     * @param camera a point in the camera frame (x right, y down, z forward; not null, unaffected)
     * @return a new vector (x, -y, -z)
     */
    public static Vector3f cameraToWorld(Vector3f camera) {
        return new Vector3f(camera.x, -camera.y, -camera.z);
    }

    /**
     * Reads a 3D pose file (version 1).
     *
     * @param file the pose3d JSON (not null)
     * @return a new sequence
     * @throws MocapIOException if the file cannot be read, is not pose3d JSON, or has an unknown version
     */
    public static SourceSequence read(Path file) throws MocapIOException {
        JsonObject root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r).getAsJsonObject();
        } catch (IOException e) {
            throw new MocapIOException("cannot read 3D poses " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new MocapIOException("3D poses " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        try {
            int version = root.has("version") ? root.get("version").getAsInt() : -1;
            if (version != 1) {
                throw new MocapIOException("3D poses " + file + " has version " + version + "; supported: [1]");
            }
            double rate = root.get("frameRateHz").getAsDouble();
            JsonArray fa = root.getAsJsonArray("frames");
            if (fa == null || fa.isEmpty()) {
                throw new MocapIOException("3D poses " + file + " has no frames");
            }
            List<SourceFrame> frames = new ArrayList<>(fa.size());
            for (int i = 0; i < fa.size(); i++) {
                JsonObject f = fa.get(i).getAsJsonObject();
                long t = f.has("timestampNanos") ? f.get("timestampNanos").getAsLong() : Math.round(i * 1e9 / rate);
                boolean valid = !f.has("valid") || f.get("valid").getAsBoolean();
                JsonArray ja = f.getAsJsonArray("joints");
                if (ja == null || ja.size() != H36mJoints.COUNT) {
                    throw new MocapIOException("3D poses " + file + ": frame " + i + " must have 17 joints");
                }
                Vector3f[] joints = new Vector3f[H36mJoints.COUNT];
                for (int j = 0; j < H36mJoints.COUNT; j++) {
                    joints[j] = cameraToWorld(vec(ja.get(j), file, i));
                }
                Vector3f rootPos = f.has("root") ? cameraToWorld(vec(f.get("root"), file, i)) : new Vector3f();
                float[] conf = null;
                if (f.has("confidence")) {
                    JsonArray ca = f.getAsJsonArray("confidence");
                    conf = new float[H36mJoints.COUNT];
                    for (int j = 0; j < conf.length; j++) {
                        conf[j] = Math.max(0f, Math.min(1f, ca.get(j).getAsFloat()));
                    }
                }
                // Root-relative joints: make the pelvis exactly the origin so the root carries the translation.
                Vector3f pelvis = joints[H36mJoints.PELVIS].clone();
                for (Vector3f v : joints) {
                    v.subtractLocal(pelvis);
                }
                rootPos.addLocal(pelvis);
                frames.add(new SourceFrame(t, joints, rootPos, conf, valid));
            }
            return new SourceSequence(rate, frames);
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException | IndexOutOfBoundsException
                 | UnsupportedOperationException e) {
            throw new MocapIOException("3D poses " + file + " does not follow the pose3d format (docs/formats.md): " + e, e);
        }
    }

    private static Vector3f vec(JsonElement e, Path file, int frame) throws MocapIOException {
        JsonArray a = e.getAsJsonArray();
        if (a.size() != 3) {
            throw new MocapIOException("3D poses " + file + ": frame " + frame + " has a point with " + a.size() + " coordinates");
        }
        return new Vector3f(a.get(0).getAsFloat(), a.get(1).getAsFloat(), a.get(2).getAsFloat());
    }

    /** @return the frame rate (hertz) */
    public double getFrameRateHz() {
        return frameRateHz;
    }

    /** @return the number of frames */
    public int size() {
        return frames.size();
    }

    /**
     * Returns one frame.
     *
     * @param index the frame index (0..size-1)
     * @return the shared immutable frame
     */
    public SourceFrame get(int index) {
        return frames.get(index);
    }

    /** @return the frames (unmodifiable shared list) */
    public List<SourceFrame> getFrames() {
        return frames;
    }
}
