package io.github.hourglassmocap.retarget.dataset;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.bvh.BvhSkeleton;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapper;
import io.github.hourglassmocap.retarget.humanoid.RigDescription;
import io.github.hourglassmocap.retarget.skeleton.ForwardKinematics;
import io.github.hourglassmocap.retarget.skeleton.Joints17View;
import io.github.hourglassmocap.retarget.skeleton.Quat;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The lifter's 17 joints (metres) for every frame of a BVH file, resampled to a chosen rate by
 * interpolating joint rotations (slerp of each joint's local rotation, linear interpolation of
 * translations) and then running forward kinematics; positions are never interpolated directly. The file
 * is streamed: only two source frames are held at a time.
 */
public final class BvhTake17 {
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
            Joints17View view = Joints17View.of(skeleton, m);
            double sourceRate = FrameRates.fromFrameTime(reader.frameTimeSeconds());
            int count = FrameRates.resampledCount(reader.frameCount(), sourceRate, frameRateHz);
            float[] data = new float[count * 51];
            int written = resample(reader, frameRateHz, (k, fk) -> view.extract(fk, data, k * 51));
            if (written != count) {
                throw new IllegalStateException("resampled " + written + " frames, expected " + count);
            }
            return new Take17(data, frameRateHz, sourceRate, bvh.toString());
        }
    }

    /**
     * Resamples the remaining frames of an open reader, posing a solver for every output frame.
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
