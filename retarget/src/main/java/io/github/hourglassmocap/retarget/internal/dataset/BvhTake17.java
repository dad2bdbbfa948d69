package io.github.hourglassmocap.retarget.internal.dataset;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.bvh.BvhSkeleton;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapper;
import io.github.hourglassmocap.retarget.humanoid.RigDescription;
import io.github.hourglassmocap.retarget.internal.skeleton.ForwardKinematics;
import io.github.hourglassmocap.retarget.internal.skeleton.Joints17View;
import io.github.hourglassmocap.retarget.internal.skeleton.Quat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The lifter's 17 joints (metres) for every frame of a BVH file, resampled to a chosen rate by
 * interpolating joint rotations (slerp of each joint's local rotation, linear interpolation of
 * translations) and then running forward kinematics; positions are never interpolated directly. The file
 * is streamed: only two source frames are held at a time.
 *
 * <p>{@link #load} also turns the take Y up (the file's up axis is detected from its motion, its floor
 * contact and its rest pose: {@link UpAxis}) and checks that the result is sane: every joint within
 * {@value #MAX_STATURES_FROM_PELVIS} statures of the pelvis and the pelvis within
 * {@value #MAX_STATURES_FROM_ORIGIN} statures of the origin (a bigger value means position channels that do
 * not belong to the rig).
 */
public final class BvhTake17 {
    private static final Logger LOG = Logger.getLogger(BvhTake17.class.getName());
    /** The farthest a joint may lie from the pelvis, in statures. */
    public static final double MAX_STATURES_FROM_PELVIS = 10;
    /** The farthest the pelvis may lie from the origin, in statures. */
    public static final double MAX_STATURES_FROM_ORIGIN = 10_000;
    private BvhTake17() {
    }

    /**
     * Receives resampled poses one at a time.
     */
    @FunctionalInterface
    public interface PoseSink {
        /**
         * Accepts one resampled pose.
         *
         * @param frame the output frame index (0, 1, ...)
         * @param fk the posed solver (shared, valid only during the call)
         */
        void accept(int frame, ForwardKinematics fk);
    }

    /**
     * Loads a BVH file, maps it automatically and returns its 17 joints at a given rate.
     *
     * @param bvh the file (not null)
     * @param frameRateHz the output rate (&gt;0, finite), for example 30
     * @return a new take
     * @throws MocapException if the file cannot be read or parsed, or the rig cannot be mapped
     */
    public static Take17 load(Path bvh, double frameRateHz) throws MocapException {
        return load(bvh, frameRateHz, null);
    }

    /**
     * Loads a BVH file with a given humanoid map and returns its 17 joints at a given rate.
     *
     * @param bvh the file (not null)
     * @param frameRateHz the output rate (&gt;0, finite)
     * @param map the humanoid map, or null to map automatically
     * @return a new take
     * @throws MocapException if the file cannot be read or parsed, or the rig cannot be mapped
     */
    public static Take17 load(Path bvh, double frameRateHz, HumanoidMap map) throws MocapException {
        Objects.requireNonNull(bvh, "bvh");
        checkRate(frameRateHz);
        try (BvhReader reader = BvhReader.open(bvh)) {
            BvhSkeleton skeleton = reader.skeleton();
            HumanoidMap m = map != null ? map : HumanoidMapper.map(RigDescription.of(bvh.toString(), skeleton));
            Joints17View view;
            try {
                view = Joints17View.of(skeleton, m);
            } catch (IllegalArgumentException e) {
                throw new DecodeException(bvh + ": cannot place the 17 joints on this rig: " + e.getMessage(), e);
            }
            double sourceRate = FrameRates.fromFrameTime(reader.frameTimeSeconds());
            int count = FrameRates.resampledCount(reader.frameCount(), sourceRate, frameRateHz);
            // grown as frames arrive: the declared frame count is only checked at the end of the file
            float[][] data = {new float[Math.min(count, 4096) * 51]};
            int written = resample(reader, frameRateHz, (k, fk) -> {
                if ((k + 1) * 51 > data[0].length) {
                    data[0] = Arrays.copyOf(data[0], (int) Math.min((long) count * 51, 2L * data[0].length + 51));
                }
                view.extract(fk, data[0], k * 51);
            });
            if (written != count) {
                throw new IllegalStateException("resampled " + written + " frames, expected " + count);
            }
            float[] rest = new float[51];
            ForwardKinematics fk = new ForwardKinematics(skeleton);
            fk.setRest();
            view.extract(fk, rest, 0);
            UpAxis up = UpAxis.detect(rest, data[0], count);
            LOG.fine(() -> bvh + ": " + up);
            up.toYUp(data[0]);
            checkSane(bvh, data[0], count);
            return new Take17(data[0], frameRateHz, sourceRate, bvh.toString());
        }
    }

    private static void checkSane(Path bvh, float[] data, int count) throws DecodeException {
        double stature = Joints17View.DEFAULT_STATURE_METRES;
        for (int f = 0; f < count; f++) {
            int o = f * 51;
            for (int a = 0; a < 3; a++) {
                if (!(Math.abs(data[o + a]) <= MAX_STATURES_FROM_ORIGIN * stature)) {
                    throw new DecodeException(String.format(Locale.ROOT, "%s: frame %d puts the pelvis %.3g statures from the"
                            + " origin; expected at most %.0f (check the root's position channels and the OFFSETs)", bvh, f,
                            Math.abs(data[o + a]) / stature, MAX_STATURES_FROM_ORIGIN));
                }
            }
            for (int j = 1; j < 17; j++) {
                for (int a = 0; a < 3; a++) {
                    double d = data[o + j * 3 + a] - data[o + a];
                    if (!(Math.abs(d) <= MAX_STATURES_FROM_PELVIS * stature)) {
                        throw new DecodeException(String.format(Locale.ROOT, "%s: frame %d puts %s %.3g statures from the"
                                + " pelvis; expected at most %.0f (check the position channels of the joints above it)", bvh, f,
                                H36mJoints.names().get(j), Math.abs(d) / stature, MAX_STATURES_FROM_PELVIS));
                    }
                }
            }
        }
    }

    /**
     * Resamples the remaining frames of an open reader, posing a solver for every output frame, in the file's
     * own axes (no up-axis rotation).
     *
     * @param reader a reader positioned before its first frame (not null; read to the end)
     * @param frameRateHz the output rate (&gt;0, finite)
     * @param sink receives each pose (not null)
     * @return the number of output frames
     * @throws MocapException if the motion is malformed or cannot be read
     */
    public static int resample(BvhReader reader, double frameRateHz, PoseSink sink) throws MocapException {
        checkRate(frameRateHz);
        BvhSkeleton skeleton = reader.skeleton();
        int n = skeleton.size();
        int frames = reader.frameCount();
        double sourceRate = FrameRates.fromFrameTime(reader.frameTimeSeconds());
        int count = FrameRates.resampledCount(frames, sourceRate, frameRateHz);
        ForwardKinematics fk = new ForwardKinematics(skeleton);
        double[] channels = new double[skeleton.channelCount()];
        double[] rotA = new double[n * 4];
        double[] trA = new double[n * 3];
        double[] rotB = new double[n * 4];
        double[] trB = new double[n * 3];
        double[] rot = new double[n * 4];
        double[] tr = new double[n * 3];
        int loadedA = -1;
        int loadedB = -1;
        for (int k = 0; k < count; k++) {
            double s = k * sourceRate / frameRateHz;
            int i = (int) Math.floor(s + 1e-9);
            if (i > frames - 1) {
                i = frames - 1;
            }
            double a = Math.max(0, s - i);
            int i1 = Math.min(i + 1, frames - 1);
            // advance so that A holds frame i and B frame i1
            while (loadedB < i1) {
                double[] tRot = rotA;
                double[] tTr = trA;
                rotA = rotB;
                trA = trB;
                rotB = tRot;
                trB = tTr;
                loadedA = loadedB;
                if (!reader.nextFrame(channels)) {
                    throw new IllegalStateException("reader ended before its declared frame count");
                }
                loadedB++;
                ForwardKinematics.localFromChannels(skeleton, channels, rotB, trB);
            }
            if (loadedA != i) {
                // i == i1 (last frame) or the first frame: use B for both
                System.arraycopy(rotB, 0, rotA, 0, rot.length);
                System.arraycopy(trB, 0, trA, 0, tr.length);
                loadedA = i;
                a = 0;
            }
            if (a < 1e-9) {
                fk.setLocal(rotA, trA);
            } else {
                for (int j = 0; j < n; j++) {
                    Quat.slerp(rotA, j * 4, rotB, j * 4, a, rot, j * 4);
                    for (int x = 0; x < 3; x++) {
                        tr[j * 3 + x] = trA[j * 3 + x] + a * (trB[j * 3 + x] - trA[j * 3 + x]);
                    }
                }
                fk.setLocal(rot, tr);
            }
            sink.accept(k, fk);
        }
        // read (and so validate) whatever frames remain
        while (reader.nextFrame(channels)) {
            // the rest of the take lies after the last output instant
        }
        return count;
    }

    private static void checkRate(double frameRateHz) {
        if (!(frameRateHz > 0) || !Double.isFinite(frameRateHz)) {
            throw new IllegalArgumentException("frameRateHz must be > 0 and finite, got " + frameRateHz);
        }
    }
}
