package io.github.hourglassmocap.retarget.bvh;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapException;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapper;
import io.github.hourglassmocap.retarget.humanoid.RigDescription;
import io.github.hourglassmocap.retarget.internal.skeleton.ForwardKinematics;
import io.github.hourglassmocap.retarget.internal.skeleton.Joints17View;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Checks that a BVH file survives read, write, read: writes it with {@link BvhWriter} to a temporary file
 * and compares every joint's and End Site's world position frame by frame (both files streamed).
 */
public final class BvhRoundTrip {
    private static final Logger LOG = Logger.getLogger(BvhRoundTrip.class.getName());

    private BvhRoundTrip() {
    }

    /**
     * The outcome of one check.
     *
     * @param frames frames compared
     * @param joints joints per frame
     * @param maxErrorUnits the largest position difference (file units)
     * @param sizeUnits the rig's height used for the relative error: the stature of {@code Joints17View} when
     *     the rig maps to a humanoid, else the largest rest-pose distance between two joints (file units)
     */
    public record Result(int frames, int joints, double maxErrorUnits, double sizeUnits) {
        /**
         * Returns the error relative to the rig's size.
         *
         * @return maxErrorUnits / sizeUnits
         */
        public double relativeError() {
            return maxErrorUnits / sizeUnits;
        }
    }

    /**
     * Runs the check on one file.
     *
     * @param bvh the file (not null)
     * @param tmpDir where the temporary copy goes (not null, existing; the copy is deleted)
     * @return the comparison
     * @throws MocapException if the file cannot be read, written or re-read
     */
    public static Result check(Path bvh, Path tmpDir) throws MocapException {
        Objects.requireNonNull(bvh, "bvh");
        Path copy;
        try {
            copy = Files.createTempFile(tmpDir, "roundtrip-", ".bvh");
        } catch (IOException e) {
            throw new io.github.hourglassmocap.inference.MocapIOException("cannot create a file in " + tmpDir, e);
        }
        try {
            try (BvhReader r = BvhReader.open(bvh);
                    BvhWriter w = BvhWriter.open(copy, r.skeleton(), r.frameTimeSeconds(), r.frameCount())) {
                double[] f = new double[r.skeleton().channelCount()];
                while (r.nextFrame(f)) {
                    w.writeFrame(f);
                }
            }
            try (BvhReader a = BvhReader.open(bvh); BvhReader b = BvhReader.open(copy)) {
                BvhSkeleton sa = a.skeleton();
                BvhSkeleton sb = b.skeleton();
                if (!sa.names().equals(sb.names()) || sa.channelCount() != sb.channelCount()
                        || a.frameCount() != b.frameCount()) {
                    throw new MocapException("round trip of " + bvh + " changed the hierarchy or frame count");
                }
                ForwardKinematics fa = new ForwardKinematics(sa);
                ForwardKinematics fb = new ForwardKinematics(sb);
                double size = statureOrSize(bvh, sa, fa);
                double[] ca = new double[sa.channelCount()];
                double[] cb = new double[sb.channelCount()];
                double max = 0;
                int frames = 0;
                double[] ea = new double[3];
                double[] eb = new double[3];
                while (a.nextFrame(ca)) {
                    b.nextFrame(cb);
                    fa.setFrame(ca);
                    fb.setFrame(cb);
                    double[] pa = fa.worldPositions();
                    double[] pb = fb.worldPositions();
                    for (int k = 0; k < pa.length; k++) {
                        max = Math.max(max, Math.abs(pa[k] - pb[k]));
                    }
                    for (int j = 0; j < sa.size(); j++) {
                        if (sa.joint(j).hasEndSite()) {
                            fa.pointInJoint(j, sa.joint(j).endSite(), ea);
                            fb.pointInJoint(j, sb.joint(j).endSite(), eb);
                            for (int x = 0; x < 3; x++) {
                                max = Math.max(max, Math.abs(ea[x] - eb[x]));
                            }
                        }
                    }
                    frames++;
                }
                return new Result(frames, sa.size(), max, size);
            }
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                // a temporary file left in tmpDir is harmless; the result stands
                LOG.fine(() -> "could not delete " + copy + ": " + e.getMessage());
            }
        }
    }

    private static double statureOrSize(Path bvh, BvhSkeleton s, ForwardKinematics fk) {
        try {
            HumanoidMap map = HumanoidMapper.map(RigDescription.of(bvh.toString(), s));
            return Joints17View.of(s, map).statureUnits();
        } catch (HumanoidMapException | IllegalArgumentException e) {
            fk.setRest();
            return size(fk.worldPositions());
        }
    }

    private static double size(double[] p) {
        double best = 0;
        int n = p.length / 3;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double x = p[i * 3] - p[j * 3], y = p[i * 3 + 1] - p[j * 3 + 1], z = p[i * 3 + 2] - p[j * 3 + 2];
                best = Math.max(best, x * x + y * y + z * z);
            }
        }
        return Math.max(Math.sqrt(best), 1e-12);
    }
}
