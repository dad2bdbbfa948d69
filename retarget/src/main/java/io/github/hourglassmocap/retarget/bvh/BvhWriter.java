package io.github.hourglassmocap.retarget.bvh;

import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A streaming BVH writer: the hierarchy and motion header are written when it opens, then one frame at a
 * time. Writing goes to a temporary file in the destination's folder that {@link #close()} renames into
 * place once every declared frame has been written, so a reader never sees a half-written file.
 *
 * <p>Output: tab-indented hierarchy, LF line ends, numbers in plain decimal with up to 6 decimals (no
 * exponents), the same channel order per joint as the skeleton. The convention is the reader's (see
 * {@code ForwardKinematics}), so read-write-read reproduces the motion. Not thread-safe.
 */
public final class BvhWriter implements AutoCloseable {
    private final Path target;
    private final AtomicFiles.Pending pending;
    private final Writer out;
    private final BvhSkeleton skeleton;
    private final int frameCount;
    private final StringBuilder line = new StringBuilder(256);
    private int written;
    private boolean closed;

    private BvhWriter(Path target, AtomicFiles.Pending pending, Writer out, BvhSkeleton skeleton, int frameCount) {
        this.target = target;
        this.pending = pending;
        this.out = out;
        this.skeleton = skeleton;
        this.frameCount = frameCount;
    }

    /**
     * Opens a writer and writes the hierarchy and motion header.
     *
     * @param file the destination (not null; its folder must exist; replaced on {@link #close()})
     * @param skeleton the hierarchy (not null)
     * @param frameTimeSeconds seconds per frame (&gt;0, finite)
     * @param frameCount the number of frames that will be written (&ge;0)
     * @return a new writer (caller closes)
     * @throws MocapIOException if the file cannot be created
     */
    public static BvhWriter open(Path file, BvhSkeleton skeleton, double frameTimeSeconds, int frameCount)
            throws MocapIOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(skeleton, "skeleton");
        if (!(frameTimeSeconds > 0) || !Double.isFinite(frameTimeSeconds)) {
            throw new IllegalArgumentException("frameTimeSeconds must be > 0 and finite, got " + frameTimeSeconds);
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("frameCount must be >= 0, got " + frameCount);
        }
        AtomicFiles.Pending pending = null;
        try {
            pending = AtomicFiles.open(file);
            Writer w = new BufferedWriter(new OutputStreamWriter(pending.stream(), StandardCharsets.US_ASCII), 1 << 16);
            BvhWriter bw = new BvhWriter(file, pending, w, skeleton, frameCount);
            bw.writeHeader(frameTimeSeconds);
            return bw;
        } catch (IOException e) {
            if (pending != null) {
                pending.close();
            }
            throw new MocapIOException("cannot write BVH " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a whole motion.
     *
     * @param file the destination (not null; replaced atomically)
     * @param motion the motion (not null)
     * @throws MocapIOException if the file cannot be written
     */
    public static void write(Path file, BvhMotion motion) throws MocapIOException {
        try (BvhWriter w = open(file, motion.skeleton(), motion.frameTimeSeconds(), motion.frameCount())) {
            double[] frame = new double[motion.skeleton().channelCount()];
            for (int f = 0; f < motion.frameCount(); f++) {
                w.writeFrame(motion.frame(f, frame));
            }
        }
    }

    private void writeHeader(double frameTimeSeconds) throws IOException {
        out.write("HIERARCHY\n");
        List<BvhJoint> joints = skeleton.joints();
        writeJoint(0, 0, joints);
        out.write("MOTION\nFrames: " + frameCount + "\nFrame Time: ");
        line.setLength(0);
        appendNumber(line, frameTimeSeconds, 9);
        out.write(line.toString());
        out.write('\n');
    }

    private void writeJoint(int j, int depth, List<BvhJoint> joints) throws IOException {
        BvhJoint joint = joints.get(j);
        String indent = "\t".repeat(depth);
        out.write(indent + (depth == 0 ? "ROOT " : "JOINT ") + joint.name() + "\n" + indent + "{\n");
        out.write(indent + "\tOFFSET " + vector(joint.offset()) + "\n");
        out.write(indent + "\tCHANNELS " + joint.channels().size());
        for (BvhChannel c : joint.channels()) {
            out.write(" " + c.fileName());
        }
        out.write('\n');
        boolean child = false;
        for (int k = j + 1; k < joints.size(); k++) {
            if (joints.get(k).parent() == j) {
                writeJoint(k, depth + 1, joints);
                child = true;
            }
        }
        if (joint.hasEndSite() || !child) {
            double[] end = joint.hasEndSite() ? joint.endSite() : new double[3];
            out.write(indent + "\tEnd Site\n" + indent + "\t{\n" + indent + "\t\tOFFSET " + vector(end) + "\n"
                    + indent + "\t}\n");
        }
        out.write(indent + "}\n");
    }

    private String vector(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            appendNumber(sb, v[i], 6);
        }
        return sb.toString();
    }

    /**
     * Writes the next frame.
     *
     * @param channels one value per channel, in file order (length &ge; channel count, finite, unaffected)
     * @throws MocapIOException if writing fails
     * @throws IllegalStateException if all declared frames were already written, or after close
     */
    public void writeFrame(double[] channels) throws MocapIOException {
        if (closed) {
            throw new IllegalStateException("BvhWriter for " + target + " is closed");
        }
        if (written >= frameCount) {
            throw new IllegalStateException("all " + frameCount + " declared frames were already written");
        }
        int n = skeleton.channelCount();
        if (channels.length < n) {
            throw new IllegalArgumentException("channels must have at least " + n + " values");
        }
        line.setLength(0);
        for (int c = 0; c < n; c++) {
            double v = channels[c];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("frame " + written + " channel " + c + " is " + v + "; values must be finite");
            }
            if (c > 0) {
                line.append(' ');
            }
            appendNumber(line, v, 6);
        }
        line.append('\n');
        try {
            out.write(line.toString());
        } catch (IOException e) {
            throw new MocapIOException("cannot write BVH " + target + ": " + e.getMessage(), e);
        }
        written++;
    }

    /** Plain decimal with up to {@code decimals} digits after the point, trailing zeros dropped. */
    static void appendNumber(StringBuilder sb, double v, int decimals) {
        double scale = Math.pow(10, decimals);
        if (Math.abs(v) * scale >= 9e15) {
            sb.append(new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().toPlainString());
            return;
        }
        long units = Math.round(v * scale);
        if (units == 0) {
            sb.append('0');
            return;
        }
        if (units < 0) {
            sb.append('-');
            units = -units;
        }
        long pow = (long) scale;
        sb.append(units / pow);
        long frac = units % pow;
        if (frac != 0) {
            String digits = Long.toString(frac);
            sb.append('.');
            for (int k = digits.length(); k < decimals; k++) {
                sb.append('0');
            }
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            sb.append(digits, 0, end);
        }
    }

    /**
     * Finishes the file: flushes and renames it into place. If fewer frames than declared were written, the
     * temporary file is deleted and an exception says so. Idempotent.
     *
     * @throws MocapIOException if the file cannot be finished or not all declared frames were written
     */
    @Override
    public void close() throws MocapIOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            if (written != frameCount) {
                pending.close();
                throw new MocapIOException("BVH " + target + " not written: " + written + " of the " + frameCount
                        + " declared frames were given");
            }
            pending.commit();
        } catch (IOException e) {
            pending.close();
            throw new MocapIOException("cannot write BVH " + target + ": " + e.getMessage(), e);
        }
    }
}
