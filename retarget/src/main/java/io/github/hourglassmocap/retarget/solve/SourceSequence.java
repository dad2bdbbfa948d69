package io.github.hourglassmocap.retarget.solve;

import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.retarget.internal.dataset.Take17;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A clip of source motion: frames at a fixed rate. Converts the project's 3D poses ({@code mocap lift},
 * docs/formats.md "3D poses") from their camera frame (x right, y down, z forward) to the solver's world
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
        if (frames == null || frames.isEmpty() || frames.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("frames must be a non-empty list without nulls");
        }
        this.frameRateHz = frameRateHz;
        this.frames = List.copyOf(frames);
    }

    /**
     * Converts a point from the lifter's camera frame to the solver's world, or back (the map is its own
     * inverse: a half turn about the x axis).
     *
     * @param camera a point in the camera frame (x right, y down, z forward; not null, unaffected)
     * @return a new vector (x, -y, -z)
     */
    public static Vector3f cameraToWorld(Vector3f camera) {
        return new Vector3f(camera.x, -camera.y, -camera.z);
    }

    /**
     * Returns this clip turned about the world's vertical (joints and root of every frame). The retargeters turn
     * lifted clips to the rig's facing themselves ({@link CharacterRig#toRigFacing(SourceSequence)}).
     *
     * @param turn the rotation (not null, unaffected)
     * @return a new sequence
     */
    public SourceSequence turned(Quaternion turn) {
        List<SourceFrame> out = new ArrayList<>(frames.size());
        for (SourceFrame f : frames) {
            out.add(f.turned(turn));
        }
        return new SourceSequence(frameRateHz, out);
    }

    /**
     * Reads a 3D pose file ({@code mocap lift} output, read by the inference module's {@link Pose3dSequence}).
     *
     * @param file the pose3d JSON (not null)
     * @return a new sequence in the solver's world
     * @throws MocapException if the file cannot be read or does not follow the format
     */
    public static SourceSequence read(Path file) throws MocapException {
        return fromPose3d(Pose3dSequence.read(file));
    }

    /**
     * Converts lifted poses to the solver's world: camera frame to Y up, pelvis made exactly the origin of the
     * joints, and the root carrying the translation.
     *
     * @param poses the lifted clip (not null)
     * @return a new sequence whose frames are {@link SourceFrame#isFacingCamera()}
     */
    public static SourceSequence fromPose3d(Pose3dSequence poses) {
        List<SourceFrame> frames = new ArrayList<>(poses.frames().size());
        for (Pose3dSequence.Frame f : poses.frames()) {
            Vector3f[] joints = new Vector3f[H36mJoints.COUNT];
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                float[] p = f.joints()[j];
                joints[j] = cameraToWorld(new Vector3f(p[0], p[1], p[2]));
            }
            float[] r = f.root();
            Vector3f root = cameraToWorld(new Vector3f(r[0], r[1], r[2]));
            Vector3f pelvis = joints[H36mJoints.PELVIS].clone();
            for (Vector3f v : joints) {
                v.subtractLocal(pelvis);
            }
            root.addLocal(pelvis);
            float[] conf = f.confidence().clone();
            for (int j = 0; j < conf.length; j++) {
                conf[j] = Math.max(0f, Math.min(1f, conf[j]));
            }
            frames.add(new SourceFrame(Math.max(0, f.timestampNanos()), joints, root, conf, f.valid(), true));
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("3D poses from '" + poses.source() + "' hold no frames");
        }
        return new SourceSequence(poses.frameRateHz(), frames);
    }

    /**
     * Wraps a 17-joint take (for example a BVH take read through the 17-joint view), whose positions are
     * already in a Y-up world in metres.
     *
     * @param take the take (not null, at least one frame)
     * @return a new sequence at the take's rate, every frame valid with full confidence
     */
    public static SourceSequence of(Take17 take) {
        List<SourceFrame> frames = new ArrayList<>(take.frames());
        for (int i = 0; i < take.frames(); i++) {
            Vector3f[] w = new Vector3f[H36mJoints.COUNT];
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                w[j] = new Vector3f(take.get(i, j, 0), take.get(i, j, 1), take.get(i, j, 2));
            }
            frames.add(SourceFrame.fromWorld(Math.round(i * 1e9 / take.frameRateHz()), w));
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("take " + take.source() + " has no frames");
        }
        return new SourceSequence(take.frameRateHz(), frames);
    }

    /**
     * Converts back to lifted poses (world to camera frame), for example to write synthetic motion as a
     * pose3d file.
     *
     * @param source the value of the file's "source" field (not null)
     * @param model the value of its "model" field (not null)
     * @return a new pose sequence, mode "offline"
     */
    public Pose3dSequence toPose3d(String source, String model) {
        List<Pose3dSequence.Frame> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            SourceFrame f = frames.get(i);
            float[][] joints = new float[H36mJoints.COUNT][];
            for (int j = 0; j < H36mJoints.COUNT; j++) {
                Vector3f c = cameraToWorld(f.getJoint(j));
                joints[j] = new float[] {c.x, c.y, c.z};
            }
            Vector3f r = cameraToWorld(f.getRoot());
            out.add(new Pose3dSequence.Frame(i, f.getTimestampNanos(), f.isValid(), false, joints,
                    new float[] {r.x, r.y, r.z}, f.getConfidence()));
        }
        return new Pose3dSequence(source, frameRateHz, model, "offline", 0, out);
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
