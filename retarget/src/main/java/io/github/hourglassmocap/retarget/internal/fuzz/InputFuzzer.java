package io.github.hourglassmocap.retarget.internal.fuzz;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.lift.KeypointTrack;
import io.github.hourglassmocap.inference.lift.LifterManifest;
import io.github.hourglassmocap.inference.lift.Pose3dSequence;
import io.github.hourglassmocap.inference.pose2d.Keypoints2D;
import io.github.hourglassmocap.inference.pose2d.KeypointsFile;
import io.github.hourglassmocap.retarget.bvh.BvhMotion;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.internal.dataset.BvhTake17;
import io.github.hourglassmocap.retarget.internal.dataset.FrameRates;
import io.github.hourglassmocap.retarget.internal.dataset.Take17;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A seeded fuzz harness over the project's input readers: the BVH reader (and the BVH-to-17-joint
 * conversion of {@code mocap dataset}), the keypoints JSON readers ({@link KeypointsFile},
 * {@link KeypointTrack}), the 3D pose reader ({@link Pose3dSequence}), the humanoid mapping file
 * ({@link HumanoidMapFile}) and the lifter manifest ({@link LifterManifest}).
 *
 * <p>Each case mutates a seed file ({@link Mutator}), writes it to a work folder and reads it. The outcome
 * is one of: <b>clean error</b> (the project's checked exception whose message names the file and says what
 * was expected), <b>accepted, sane</b> (the data read is finite and within the documented limits), or
 * <b>other</b>: any unchecked exception or error (NullPointerException, NumberFormatException,
 * OutOfMemoryError, StackOverflowError...), a checked exception with an unhelpful message, NaN, infinite
 * or absurd data, or a case that takes more than {@value #SLOW_CASE_MILLIS} ms of CPU time. The target is no "other"
 * case; each is kept in {@code <work>/failures} to reproduce.
 *
 * <p>Runs are reproducible: case {@code k} of a run with seed {@code s} uses {@code new Random(s * 1_000_003
 * + k)}. Not thread-safe.
 */
public final class InputFuzzer {
    private static final Logger LOG = Logger.getLogger(InputFuzzer.class.getName());
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    /** A case taking more CPU time than this counts as "other". */
    static final long SLOW_CASE_MILLIS = 5000;
    /** Words a clean error message uses to say what was expected. */
    private static final Pattern EXPECTED = Pattern.compile("(?i)expected|supported|must|needs? ");
    /** Largest coordinate magnitude, in metres, accepted as sane in a converted BVH take. */
    private static final double MAX_METRES = 1e5;

    /** The formats the harness reads. */
    public enum Format {
        /** A BVH file, read and converted to the lifter's 17 joints. */
        BVH("bvh", false),
        /** A keypoints file, read by both keypoints readers. */
        KEYPOINTS("json", true),
        /** A 3D pose file. */
        POSE3D("json", true),
        /** A humanoid mapping file. */
        HUMANOID_MAP("json", true),
        /** A lifter manifest. */
        LIFTER_MANIFEST("json", true);

        private final String extension;
        private final boolean json;

        Format(String extension, boolean json) {
            this.extension = extension;
            this.json = json;
        }
    }

    /**
     * One seed input.
     *
     * @param format what the content is (not null)
     * @param name a label (not null)
     * @param content the file's bytes (not null)
     */
    public record Seed(Format format, String name, byte[] content) {
        /** Checks the fields. */
        public Seed {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }
    }

    /** How one case ended. */
    public enum Outcome {
        /** A checked exception naming the file and what was expected. */
        CLEAN_ERROR,
        /** Read, and the data is sane. */
        ACCEPTED_SANE,
        /** Anything else. */
        OTHER
    }

    /**
     * The counts of a run.
     *
     * @param tried cases run
     * @param cleanErrors cases that ended in a clean error
     * @param acceptedSane cases read into sane data
     * @param other anything else (the target is 0)
     * @param perFormat per format: {tried, clean errors, accepted sane, other}
     * @param otherExamples a description of the first "other" cases (at most 20)
     * @param seconds the run's duration
     */
    public record Report(long tried, long cleanErrors, long acceptedSane, long other, Map<Format, long[]> perFormat,
            List<String> otherExamples, double seconds) {
        /**
         * Formats the counts on a few lines.
         *
         * @return the summary (not null)
         */
        public String summary() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "fuzz: %d cases in %.1f s: %d clean errors, %d accepted sane, %d other", tried, seconds, cleanErrors,
                    acceptedSane, other));
            for (Map.Entry<Format, long[]> e : perFormat.entrySet()) {
                long[] c = e.getValue();
                sb.append(String.format(Locale.ROOT, "%n  %-16s %7d cases: %7d clean errors, %6d accepted sane, %d other",
                        e.getKey().name().toLowerCase(Locale.ROOT), c[0], c[1], c[2], c[3]));
            }
            for (String s : otherExamples) {
                sb.append("\n  OTHER: ").append(s);
            }
            return sb.toString();
        }
    }

    private final long seed;
    private final Path workDir;

    /**
     * Creates a harness.
     *
     * @param seed the run's seed
     * @param workDir a folder for the case files and {@code failures/} (not null; created when missing)
     */
    public InputFuzzer(long seed, Path workDir) {
        this.seed = seed;
        this.workDir = Objects.requireNonNull(workDir, "workDir");
    }

    /**
     * The generated seeds ({@link SyntheticInputs}): a Y-up and a Z-up BVH take, one with position channels on
     * every joint, a keypoints file, a 3D pose file, a mapping file and a lifter manifest.
     *
     * @return a new list
     */
    public static List<Seed> builtInSeeds() {
        List<Seed> r = new ArrayList<>();
        r.add(new Seed(Format.BVH, "synthetic-y-up", ascii(SyntheticInputs.humanoidBvh(SyntheticInputs.Up.Y, false, 8))));
        r.add(new Seed(Format.BVH, "synthetic-z-up", ascii(SyntheticInputs.humanoidBvh(SyntheticInputs.Up.Z, false, 8))));
        r.add(new Seed(Format.BVH, "synthetic-positions", ascii(SyntheticInputs.humanoidBvh(SyntheticInputs.Up.Y, true, 6))));
        r.add(new Seed(Format.KEYPOINTS, "synthetic-keypoints", utf8(SyntheticInputs.keypointsJson())));
        r.add(new Seed(Format.POSE3D, "synthetic-pose3d", utf8(SyntheticInputs.pose3dJson())));
        r.add(new Seed(Format.HUMANOID_MAP, "synthetic-map", utf8(SyntheticInputs.humanoidMapJson())));
        r.add(new Seed(Format.LIFTER_MANIFEST, "synthetic-manifest", utf8(SyntheticInputs.lifterManifestJson())));
        return r;
    }

    /**
     * Runs cases, cycling through the seeds, until a case count or a time limit is reached.
     *
     * @param seeds the seed inputs (not null, not empty)
     * @param maxCases the most cases to run (&ge;1)
     * @param maxSeconds the time limit (&gt;0); the case under way when it passes is finished
     * @return the counts
     * @throws MocapIOException if the work folder cannot be written
     */
    public Report run(List<Seed> seeds, long maxCases, double maxSeconds) throws MocapIOException {
        if (seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds must not be empty");
        }
        if (maxCases < 1 || !(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxCases must be >= 1 and maxSeconds > 0");
        }
        try {
            Files.createDirectories(workDir.resolve("failures"));
        } catch (IOException e) {
            throw new MocapIOException("cannot create the fuzz work folder " + workDir + ": " + e.getMessage(), e);
        }
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        Map<Format, long[]> per = new EnumMap<>(Format.class);
        long[] total = new long[4];
        List<String> examples = new ArrayList<>();
        for (long k = 0; k < maxCases && System.nanoTime() < deadline; k++) {
            Seed s = seeds.get((int) (k % seeds.size()));
            Random random = new Random(seed * 1_000_003L + k);
            StringBuilder what = new StringBuilder();
            byte[] input = new Mutator(random).mutate(s.content(), s.format().json, what);
            Path file = workDir.resolve("case." + s.format().extension);
            String detail;
            Outcome outcome;
            // CPU time of this thread: a loaded machine must not make a quick case look slow
            long t0 = THREADS.getCurrentThreadCpuTime();
            try {
                Files.write(file, input);
                detail = check(s.format(), file);
                outcome = detail == null ? Outcome.ACCEPTED_SANE : Outcome.OTHER;
            } catch (IOException e) {
                throw new MocapIOException("cannot write " + file + ": " + e.getMessage(), e);
            } catch (MocapException e) {
                String m = e.getMessage();
                if (m != null && m.contains(file.toString()) && EXPECTED.matcher(m).find()) {
                    outcome = Outcome.CLEAN_ERROR;
                    detail = null;
                } else {
                    outcome = Outcome.OTHER;
                    detail = "unhelpful message: " + e.getClass().getSimpleName() + ": " + m;
                }
            } catch (IllegalArgumentException e) {
                // IllegalArgumentException is no reader's contract for a bad file
                outcome = Outcome.OTHER;
                detail = e.toString();
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                outcome = Outcome.OTHER;
                detail = e.toString();
            }
            long ms = (THREADS.getCurrentThreadCpuTime() - t0) / 1_000_000;
            if (outcome != Outcome.OTHER && ms > SLOW_CASE_MILLIS) {
                outcome = Outcome.OTHER;
                detail = "took " + ms + " ms";
            }
            long[] c = per.computeIfAbsent(s.format(), f -> new long[4]);
            c[0]++;
            total[0]++;
            c[1 + outcome.ordinal()]++;
            total[1 + outcome.ordinal()]++;
            if (outcome == Outcome.OTHER) {
                Path kept = workDir.resolve("failures").resolve(String.format(Locale.ROOT, "%s-%d.%s",
                        s.format().name().toLowerCase(Locale.ROOT), k, s.format().extension));
                try {
                    Files.write(kept, input);
                } catch (IOException e) {
                    throw new MocapIOException("cannot write " + kept + ": " + e.getMessage(), e);
                }
                String line = "case " + k + " (" + s.name() + ", " + what + "; kept as " + kept + "): " + abbreviate(detail);
                if (examples.size() < 20) {
                    LOG.warning(line);
                    examples.add(line);
                }
            }
        }
        return new Report(total[0], total[1], total[2], total[3], per, List.copyOf(examples),
                (System.nanoTime() - start) / 1e9);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    /**
     * Reads a file as its format and checks what was read.
     *
     * @return null when the data is sane, else what is wrong with it
     */
    private static String check(Format format, Path file) throws MocapException {
        return switch (format) {
            case BVH -> checkBvh(file);
            case KEYPOINTS -> checkKeypoints(file);
            case POSE3D -> checkPose3d(file);
            case HUMANOID_MAP -> checkMap(file);
            case LIFTER_MANIFEST -> checkManifest(file);
        };
    }

    private static String checkBvh(Path file) throws MocapException {
        BvhMotion m = BvhReader.readAll(file);
        double ft = m.frameTimeSeconds();
        if (!(ft >= BvhReader.MIN_FRAME_TIME_SECONDS && ft <= BvhReader.MAX_FRAME_TIME_SECONDS)) {
            return "frame time " + ft + " s outside the documented limits";
        }
        if (m.frameCount() * ft > BvhReader.MAX_DURATION_SECONDS) {
            return "duration " + m.frameCount() * ft + " s past the documented limit";
        }
        int n = m.skeleton().channelCount();
        for (int f = 0; f < m.frameCount(); f++) {
            for (int c = 0; c < n; c++) {
                if (!Float.isFinite(m.value(f, c))) {
                    return "frame " + f + " channel " + c + " is " + m.value(f, c);
                }
            }
        }
        Take17 take = BvhTake17.load(file, 30);
        int expected = FrameRates.resampledCount(m.frameCount(), FrameRates.fromFrameTime(ft), 30);
        if (take.frames() != expected) {
            return "converted take has " + take.frames() + " frames; expected " + expected;
        }
        float[] d = take.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i]) || Math.abs(d[i]) > MAX_METRES) {
                return "converted take value " + i + " is " + d[i];
            }
        }
        return null;
    }

    private static String checkKeypoints(Path file) throws MocapException {
        KeypointsFile.Contents c = KeypointsFile.read(file);
        KeypointsFile.Header h = c.header();
        if (h.width() > KeypointTrack.MAX_IMAGE_SIZE || h.height() > KeypointTrack.MAX_IMAGE_SIZE
                || !(h.frameRateHz() <= KeypointTrack.MAX_FRAME_RATE_HZ)) {
            return "header " + h + " past the documented limits";
        }
        for (Keypoints2D k : c.frames()) {
            if (k.width() <= 0 || k.height() <= 0 || k.width() > KeypointTrack.MAX_IMAGE_SIZE
                    || k.height() > KeypointTrack.MAX_IMAGE_SIZE) {
                return "frame " + k.frameIndex() + " size " + k.width() + "x" + k.height();
            }
            if (k.hasPerson()) {
                for (int j = 0; j < H36mJoints.COUNT; j++) {
                    if (!saneOrNaN(k.jointX(j), KeypointTrack.MAX_PIXELS) || !saneOrNaN(k.jointY(j), KeypointTrack.MAX_PIXELS)
                            || !saneOrNaN(k.jointConfidence(j), 1)) {
                        return "frame " + k.frameIndex() + " joint " + j + " is " + k.jointX(j) + ", " + k.jointY(j)
                                + ", " + k.jointConfidence(j);
                    }
                }
            }
        }
        KeypointTrack t = KeypointTrack.read(file);
        if (t.size() > 2L * c.frames().size() + 60L * Math.ceil(t.frameRateHz())) {
            return "track of " + t.size() + " frames from " + c.frames().size() + " frames in the file";
        }
        for (int f = 0; f < t.size(); f++) {
            float[][] j = t.joints(f);
            for (float[] p : j) {
                if (!saneOrNaN(p[0], KeypointTrack.MAX_PIXELS) || !saneOrNaN(p[1], KeypointTrack.MAX_PIXELS)
                        || !saneOrNaN(p[2], 1)) {
                    return "track frame " + f + " has the joint " + p[0] + ", " + p[1] + ", " + p[2];
                }
            }
        }
        return null;
    }

    private static boolean saneOrNaN(float v, double limit) {
        return Float.isNaN(v) || Math.abs(v) <= limit;
    }

    private static String checkPose3d(Path file) throws MocapException {
        Pose3dSequence s = Pose3dSequence.read(file);
        if (!(s.frameRateHz() > 0 && s.frameRateHz() <= KeypointTrack.MAX_FRAME_RATE_HZ) || s.lookaheadFrames() < 0) {
            return "header: frameRateHz " + s.frameRateHz() + ", lookaheadFrames " + s.lookaheadFrames();
        }
        int last = -1;
        for (Pose3dSequence.Frame f : s.frames()) {
            if (f.index() <= last) {
                return "frame index " + f.index() + " after " + last;
            }
            last = f.index();
            for (float[] j : f.joints()) {
                for (float v : j) {
                    if (Math.abs(v) > Pose3dSequence.MAX_JOINT_METRES) {
                        return "frame " + f.index() + " has a joint " + v + " m from the pelvis";
                    }
                }
            }
            for (float v : f.confidence()) {
                if (!(v >= 0 && v <= 1)) {
                    return "frame " + f.index() + " has confidence " + v;
                }
            }
        }
        return null;
    }

    private static String checkMap(Path file) throws MocapException {
        Map<HumanoidBone, String> m = HumanoidMapFile.read(file);
        for (Map.Entry<HumanoidBone, String> e : m.entrySet()) {
            if (e.getValue() != null && e.getValue().isBlank()) {
                return "bone " + e.getKey() + " maps to a blank name";
            }
        }
        return null;
    }

    private static String checkManifest(Path file) throws MocapException {
        LifterManifest m = LifterManifest.read(file);
        if (m.frames() < 1 || m.frames() > LifterManifest.MAX_FRAMES || m.name().isBlank()) {
            return "frames " + m.frames() + ", name '" + m.name() + "'";
        }
        return null;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
