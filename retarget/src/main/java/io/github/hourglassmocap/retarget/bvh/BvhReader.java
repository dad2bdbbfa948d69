package io.github.hourglassmocap.retarget.bvh;

import io.github.hourglassmocap.inference.MocapIOException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A streaming BVH reader: the hierarchy and motion header are parsed when the reader opens; motion
 * frames are then read one at a time with {@link #nextFrame(double[])}, so a file of any size needs only
 * one frame in memory.
 *
 * <p>Accepted: any hierarchy depth, {@code End Site} blocks, 0 to 6 channels per joint in any order
 * (positions on non-root joints too), keywords in any case, tabs or spaces, LF, CRLF or CR line ends,
 * numbers in plain or exponent form, braces on their own line or at the end of the {@code ROOT}/{@code JOINT}
 * line. Each motion frame must be on one line. Rejected with {@link BvhParseException} (line number and
 * what was expected): unbalanced braces, unknown keywords or channel names, a {@code CHANNELS} count that
 * does not match its names, missing {@code MOTION}, {@code Frames:} or {@code Frame Time:}, a frame with
 * fewer or more values than channels, NaN or infinite values, fewer or more frames than declared, and
 * anything past the sanity limits below (frame time, frame count and duration, offset, position and rotation
 * magnitudes, nesting depth, joint count). The declared frame count never sizes memory.
 *
 * <p>Not thread-safe. {@link #close()} is idempotent; reading after close throws
 * {@link IllegalStateException}.
 */
public final class BvhReader implements AutoCloseable {
    /** The shortest frame time accepted, in seconds (10 kHz). */
    public static final double MIN_FRAME_TIME_SECONDS = 1e-4;
    /** The longest frame time accepted, in seconds (1 Hz). */
    public static final double MAX_FRAME_TIME_SECONDS = 1.0;
    /** The longest take accepted (frames x frame time), in seconds: 24 hours. */
    public static final double MAX_DURATION_SECONDS = 24 * 3600;
    /** The largest frame count accepted. */
    public static final int MAX_FRAMES = 10_000_000;
    /** The largest magnitude accepted for an offset, End Site or position channel (file units). */
    public static final double MAX_POSITION = 1e6;
    /** The largest magnitude accepted for a rotation channel, in degrees. */
    public static final double MAX_ROTATION_DEGREES = 1e6;
    /** The deepest joint nesting accepted (the root is depth 1). */
    public static final int MAX_DEPTH = 256;
    /** The most joints accepted in one hierarchy. */
    public static final int MAX_JOINTS = 10_000;
    private final BufferedReader in;
    private final String source;
    private final BvhSkeleton skeleton;
    private final int frameCount;
    private final double frameTimeSeconds;
    private final int framesLine;
    private int lineNumber;
    private int framesRead;
    private boolean closed;

    private BvhReader(BufferedReader in, String source) throws BvhParseException, MocapIOException {
        this.in = in;
        this.source = source;
        try {
            this.skeleton = parseHierarchy();
            String line = nextContentLine();
            if (line == null || !line.trim().equalsIgnoreCase("MOTION")) {
                throw error(line == null ? 0 : lineNumber, "expected 'MOTION' after the hierarchy, found "
                        + describe(line));
            }
            line = nextContentLine();
            String[] frames = line == null ? null : splitKeyValue(line, "Frames");
            if (frames == null) {
                throw error(line == null ? 0 : lineNumber, "expected 'Frames: <count>', found " + describe(line));
            }
            this.framesLine = lineNumber;
            try {
                this.frameCount = Integer.parseInt(frames[1]);
            } catch (NumberFormatException e) {
                throw error(lineNumber, "expected a whole number of frames after 'Frames:', found '" + frames[1] + "'");
            }
            if (frameCount < 0 || frameCount > MAX_FRAMES) {
                throw error(lineNumber, "frame count " + frameCount + " is out of range; expected 0 to " + MAX_FRAMES);
            }
            line = nextContentLine();
            String[] time = line == null ? null : splitKeyValue(line, "Frame Time");
            if (time == null) {
                throw error(line == null ? 0 : lineNumber, "expected 'Frame Time: <seconds>' after 'Frames:', found "
                        + describe(line));
            }
            double t = parseNumber(time[1], "the frame time");
            if (!(t >= MIN_FRAME_TIME_SECONDS && t <= MAX_FRAME_TIME_SECONDS)) {
                throw error(lineNumber, "frame time " + time[1] + " s is out of range; expected " + MIN_FRAME_TIME_SECONDS
                        + " to " + MAX_FRAME_TIME_SECONDS + " s (10 kHz to 1 Hz)");
            }
            if (frameCount * t > MAX_DURATION_SECONDS) {
                throw error(lineNumber, String.format(Locale.ROOT, "%d frames of %s s make a %.1f-hour take; expected at most"
                        + " %.0f hours (check 'Frames:' on line %d and the frame time)", frameCount, time[1],
                        frameCount * t / 3600, MAX_DURATION_SECONDS / 3600, framesLine));
            }
            this.frameTimeSeconds = t;
        } catch (IOException e) {
            throw new MocapIOException("cannot read BVH " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a BVH file and parses its hierarchy and motion header.
     *
     * @param file the file (not null, readable)
     * @return a new reader positioned before the first frame (caller closes)
     * @throws BvhParseException if the header is malformed
     * @throws MocapIOException if the file cannot be read
     */
    public static BvhReader open(Path file) throws BvhParseException, MocapIOException {
        Objects.requireNonNull(file, "file");
        BufferedReader r;
        try {
            r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new MocapIOException("cannot open BVH " + file + ": " + e.getMessage(), e);
        }
        return open(r, file.toString());
    }

    /**
     * Opens a BVH stream.
     *
     * @param reader the text (not null; closed by {@link #close()}, also when this method throws)
     * @param source the name used in error messages (not null)
     * @return a new reader positioned before the first frame (caller closes)
     * @throws BvhParseException if the header is malformed
     * @throws MocapIOException if the stream cannot be read
     */
    public static BvhReader open(Reader reader, String source) throws BvhParseException, MocapIOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        BufferedReader br = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        try {
            return new BvhReader(br, source);
        } catch (BvhParseException | MocapIOException | RuntimeException e) {
            try {
                br.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Reads a whole BVH file into memory (frames as floats: 4 bytes per value).
     *
     * @param file the file (not null, readable)
     * @return a new motion
     * @throws BvhParseException if the file is malformed
     * @throws MocapIOException if the file cannot be read
     */
    public static BvhMotion readAll(Path file) throws BvhParseException, MocapIOException {
        try (BvhReader r = open(file)) {
            return r.readRemaining();
        }
    }

    /**
     * Reads a whole BVH text.
     *
     * @param text the BVH content (not null)
     * @param source the name used in error messages (not null)
     * @return a new motion
     * @throws BvhParseException if the text is malformed
     */
    public static BvhMotion readAll(String text, String source) throws BvhParseException {
        try (BvhReader r = open(new StringReader(text), source)) {
            return r.readRemaining();
        } catch (BvhParseException e) {
            throw e;
        } catch (MocapIOException e) {
            throw new IllegalStateException("reading a string cannot fail with I/O", e);
        }
    }

    /**
     * Reads all frames not read yet.
     *
     * @return a new motion holding them
     * @throws BvhParseException if a frame is malformed
     * @throws MocapIOException if the input cannot be read
     */
    public BvhMotion readRemaining() throws BvhParseException, MocapIOException {
        checkOpen();
        int n = skeleton.channelCount();
        int remaining = frameCount - framesRead;
        if ((long) remaining * n > Integer.MAX_VALUE - 16) {
            throw error(framesLine, remaining + " frames of " + n + " channels do not fit one array in memory; expected at most "
                    + (Integer.MAX_VALUE - 16) + " values (stream the file with nextFrame instead)");
        }
        // The declared count is only a promise: grow with the frames actually read, so a wrong count cannot
        // make the reader allocate more than the content needs.
        float[] data = new float[Math.min(remaining, 1024) * n];
        double[] frame = new double[n];
        int f = 0;
        while (nextFrame(frame)) {
            if ((f + 1) * n > data.length) {
                data = java.util.Arrays.copyOf(data, (int) Math.min((long) remaining * n, 2L * data.length + n));
            }
            for (int c = 0; c < n; c++) {
                data[f * n + c] = (float) frame[c];
            }
            f++;
        }
        return new BvhMotion(skeleton, frameTimeSeconds, f, data.length == f * n ? data : java.util.Arrays.copyOf(data, f * n));
    }

    /**
     * Returns the hierarchy.
     *
     * @return the skeleton (shared, immutable)
     */
    public BvhSkeleton skeleton() {
        return skeleton;
    }

    /**
     * Returns the frame count declared by the header.
     *
     * @return the number of frames (&ge;0)
     */
    public int frameCount() {
        return frameCount;
    }

    /**
     * Returns the frame time declared by the header.
     *
     * @return seconds per frame (&gt;0), as written in the file
     */
    public double frameTimeSeconds() {
        return frameTimeSeconds;
    }

    /**
     * Returns the number of frames read so far.
     *
     * @return the count (0..frameCount)
     */
    public int framesRead() {
        return framesRead;
    }

    /**
     * Reads the next motion frame.
     *
     * @param channels receives one value per channel in file order: positions in file units, rotations in
     *     degrees (length &ge; {@link BvhSkeleton#channelCount()}, modified)
     * @return true if a frame was read, false after the last declared frame (the rest of the input is then
     *     checked to hold no further frames)
     * @throws BvhParseException if the frame is malformed or the file ends early
     * @throws MocapIOException if the input cannot be read
     */
    public boolean nextFrame(double[] channels) throws BvhParseException, MocapIOException {
        checkOpen();
        int n = skeleton.channelCount();
        if (channels == null || channels.length < n) {
            throw new IllegalArgumentException("channels must have at least " + n + " elements");
        }
        try {
            if (framesRead == frameCount) {
                String extra = nextContentLine();
                if (extra != null) {
                    throw error(lineNumber, "more motion lines than the " + frameCount + " frames declared by 'Frames:' on line "
                            + framesLine + "; expected the end of the file (fix the frame count or remove the extra lines)");
                }
                return false;
            }
            String line = nextContentLine();
            if (line == null) {
                throw error(0, "the file ends after " + framesRead + " motion frames, but 'Frames:' on line " + framesLine
                        + " declares " + frameCount + "; expected " + frameCount + " frames");
            }
            parseFrame(line, channels, n);
            framesRead++;
            return true;
        } catch (IOException e) {
            throw new MocapIOException("cannot read BVH " + source + ": " + e.getMessage(), e);
        }
    }

    private void parseFrame(String line, double[] out, int n) throws BvhParseException {
        int len = line.length();
        int count = 0;
        int i = 0;
        while (true) {
            while (i < len && isSpace(line.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int start = i;
            while (i < len && !isSpace(line.charAt(i))) {
                i++;
            }
            if (count >= n) {
                throw error(lineNumber, "motion frame " + (framesRead + 1) + " has more than " + n
                        + " values; expected exactly one per channel (" + n + ")");
            }
            String token = line.substring(start, i);
            double v;
            try {
                v = Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw error(lineNumber, "motion value " + (count + 1) + " (" + channelName(count) + ") is '" + token
                        + "'; expected a number");
            }
            if (!Double.isFinite(v)) {
                throw error(lineNumber, "motion value " + (count + 1) + " (" + channelName(count) + ") is '" + token
                        + "'; expected a finite number");
            }
            double limit = channelLimits[count];
            if (Math.abs(v) > limit) {
                throw error(lineNumber, "motion value " + (count + 1) + " (" + channelName(count) + ") is '" + token
                        + "'; expected a magnitude of at most " + limit + (limit == MAX_ROTATION_DEGREES ? " degrees" : " file units"));
            }
            out[count++] = v;
        }
        if (count < n) {
            throw error(lineNumber, "motion frame " + (framesRead + 1) + " has " + count + " values; expected " + n
                    + " (one per channel)");
        }
    }

    private double[] channelLimits = new double[0];

    private String channelName(int channel) {
        for (BvhJoint j : skeleton.joints()) {
            int k = channel - j.firstChannel();
            if (k >= 0 && k < j.channels().size()) {
                return "joint '" + j.name() + "' " + j.channels().get(k).fileName();
            }
        }
        return "channel " + channel;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000b';
    }

    @Override
    public void close() throws MocapIOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            in.close();
        } catch (IOException e) {
            throw new MocapIOException("cannot close BVH " + source + ": " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("BvhReader for " + source + " is closed");
        }
    }

    // ---- header ----

    /** Tokens of the hierarchy section, each with its line. */
    private final List<String> tokens = new ArrayList<>();
    private final List<Integer> tokenLines = new ArrayList<>();
    private int tokenPos;
    private final java.util.Set<String> jointNames = new java.util.HashSet<>();

    private String nextContentLine() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank()) {
                return line;
            }
        }
        return null;
    }

    /** Returns the next token of the hierarchy, reading lines as needed; null at the end of input. */
    private String token() throws IOException {
        while (tokenPos >= tokens.size()) {
            tokens.clear();
            tokenLines.clear();
            tokenPos = 0;
            String line = nextContentLine();
            if (line == null) {
                return null;
            }
            for (String t : line.trim().split("[ \t\f\u000b]+")) {
                // A brace glued to a name ("Hips{") is split off.
                if (t.length() > 1 && (t.endsWith("{") || t.endsWith("}"))) {
                    tokens.add(t.substring(0, t.length() - 1));
                    tokenLines.add(lineNumber);
                    t = t.substring(t.length() - 1);
                }
                tokens.add(t);
                tokenLines.add(lineNumber);
            }
        }
        return tokens.get(tokenPos++);
    }

    private String restOfLine() {
        StringBuilder sb = new StringBuilder();
        while (tokenPos < tokens.size() && !tokens.get(tokenPos).equals("{")) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(tokens.get(tokenPos++));
        }
        return sb.toString();
    }

    private BvhSkeleton parseHierarchy() throws IOException, BvhParseException {
        String t = token();
        if (t == null || !t.equalsIgnoreCase("HIERARCHY")) {
            throw error(t == null ? 0 : lineNumber, "expected 'HIERARCHY' at the start of the file, found " + describeToken(t));
        }
        t = token();
        if (t == null || !t.equalsIgnoreCase("ROOT")) {
            throw error(t == null ? 0 : lineNumber, "expected 'ROOT <name>' after 'HIERARCHY', found " + describeToken(t));
        }
        List<BvhJoint> joints = new ArrayList<>();
        int[] channelCursor = {0};
        parseJoint(joints, -1, channelCursor, 1);
        // Leave the token buffer at a line boundary: MOTION is read line-wise.
        if (tokenPos < tokens.size()) {
            throw error(tokenLines.get(tokenPos), "unexpected '" + tokens.get(tokenPos)
                    + "' after the closing '}' of the hierarchy; expected 'MOTION' on the next line"
                    + (tokens.get(tokenPos).equals("}") ? " (unbalanced braces: one '}' too many)" : ""));
        }
        BvhSkeleton s = new BvhSkeleton(joints);
        channelLimits = new double[s.channelCount()];
        for (BvhJoint j : s.joints()) {
            for (int c = 0; c < j.channels().size(); c++) {
                channelLimits[j.firstChannel() + c] = j.channels().get(c).isRotation() ? MAX_ROTATION_DEGREES : MAX_POSITION;
            }
        }
        return s;
    }

    private void parseJoint(List<BvhJoint> joints, int parent, int[] channelCursor, int depth)
            throws IOException, BvhParseException {
        int nameLine = lineNumber;
        if (depth > MAX_DEPTH) {
            throw error(nameLine, "joints nest more than " + MAX_DEPTH + " levels deep; expected at most " + MAX_DEPTH
                    + " (unbalanced braces?)");
        }
        if (joints.size() >= MAX_JOINTS) {
            throw error(nameLine, "more than " + MAX_JOINTS + " joints; expected at most " + MAX_JOINTS);
        }
        String name = restOfLine();
        if (name.isEmpty()) {
            throw error(nameLine, "expected a joint name after '" + (parent < 0 ? "ROOT" : "JOINT") + "'");
        }
        if (!jointNames.add(name)) {
            throw error(nameLine, "duplicate joint name '" + name + "'; expected a unique name for every joint");
        }
        expect("{", "'{' after joint '" + name + "'");
        double[] offset = null;
        List<BvhChannel> channels = new ArrayList<>();
        double[] endSite = null;
        int index = joints.size();
        int firstChannel = channelCursor[0];
        // Reserve the slot so children get higher indices; the joint is completed at its '}'.
        joints.add(null);
        boolean sawChild = false;
        while (true) {
            String t = token();
            if (t == null) {
                throw error(0, "the file ends inside joint '" + name + "' (opened on line " + nameLine
                        + "); expected '}' (unbalanced braces)");
            }
            int tl = lineNumber;
            String k = t.toUpperCase(Locale.ROOT);
            switch (k) {
                case "OFFSET" -> {
                    if (offset != null) {
                        throw error(tl, "second OFFSET in joint '" + name + "'; expected one");
                    }
                    offset = readVector("OFFSET of joint '" + name + "'");
                }
                case "CHANNELS" -> {
                    if (sawChild || !channels.isEmpty()) {
                        throw error(tl, "CHANNELS of joint '" + name + "' again or after a child; expected it once, before the children");
                    }
                    String cs = token();
                    int count;
                    try {
                        count = Integer.parseInt(cs);
                    } catch (NumberFormatException | NullPointerException e) {
                        throw error(tl, "expected a channel count after CHANNELS, found " + describeToken(cs));
                    }
                    if (count < 0 || count > 6) {
                        throw error(tl, "joint '" + name + "' declares " + count + " channels; expected 0 to 6");
                    }
                    for (int c = 0; c < count; c++) {
                        String cn = tokenPos < tokens.size() ? token() : null;
                        if (cn == null) {
                            throw error(tl, "CHANNELS " + count + " of joint '" + name + "' lists only " + c
                                    + " channel names; expected " + count + " on the same line");
                        }
                        BvhChannel ch = BvhChannel.find(cn);
                        if (ch == null) {
                            throw error(tl, "unknown channel '" + cn + "' in joint '" + name + "'; expected one of "
                                    + Arrays.stream(BvhChannel.values()).map(BvhChannel::fileName).toList());
                        }
                        if (channels.contains(ch)) {
                            throw error(tl, "channel " + ch.fileName() + " listed twice in joint '" + name + "'; expected each at most once");
                        }
                        channels.add(ch);
                    }
                    if (tokenPos < tokens.size()) {
                        throw error(tl, "CHANNELS " + count + " of joint '" + name + "' is followed by more names ('"
                                + tokens.get(tokenPos) + "'); expected exactly " + count);
                    }
                    channelCursor[0] += count;
                }
                case "JOINT" -> {
                    if (offset == null) {
                        throw error(tl, "joint '" + name + "' has a child before its OFFSET; expected OFFSET first");
                    }
                    sawChild = true;
                    parseJoint(joints, index, channelCursor, depth + 1);
                }
                case "END" -> {
                    String site = token();
                    if (site == null || !site.equalsIgnoreCase("Site")) {
                        throw error(tl, "expected 'End Site', found 'End " + (site == null ? "" : site) + "'");
                    }
                    if (endSite != null) {
                        throw error(tl, "second End Site in joint '" + name + "'; expected at most one");
                    }
                    expect("{", "'{' after End Site");
                    String o = token();
                    if (o == null || !o.equalsIgnoreCase("OFFSET")) {
                        throw error(o == null ? 0 : lineNumber, "expected 'OFFSET x y z' in End Site of joint '" + name
                                + "', found " + describeToken(o));
                    }
                    endSite = readVector("End Site OFFSET of joint '" + name + "'");
                    expect("}", "'}' closing the End Site of joint '" + name + "'");
                }
                case "}" -> {
                    if (offset == null) {
                        throw error(tl, "joint '" + name + "' has no OFFSET; expected 'OFFSET x y z'");
                    }
                    // Channels of this joint precede its children's in a frame.
                    joints.set(index, new BvhJoint(name, index, parent, offset, channels, firstChannel, endSite));
                    return;
                }
                case "ROOT" -> throw error(tl, "a second ROOT inside joint '" + name + "'; expected '}' to close it first"
                        + " (unbalanced braces)");
                case "MOTION" -> throw error(tl, "'MOTION' inside joint '" + name + "' (opened on line " + nameLine
                        + "); expected '}' first (unbalanced braces)");
                default -> throw error(tl, "unexpected '" + t + "' in joint '" + name
                        + "'; expected OFFSET, CHANNELS, JOINT, End Site or '}'");
            }
        }
    }

    private void expect(String what, String description) throws IOException, BvhParseException {
        String t = token();
        if (t == null || !t.equals(what)) {
            throw error(t == null ? 0 : lineNumber, "expected " + description + ", found " + describeToken(t));
        }
    }

    private double[] readVector(String what) throws IOException, BvhParseException {
        double[] v = new double[3];
        int line = lineNumber;
        for (int i = 0; i < 3; i++) {
            if (tokenPos >= tokens.size()) {
                throw error(line, what + " has " + i + " numbers; expected 3 on the same line");
            }
            v[i] = parseNumber(token(), what);
        }
        if (tokenPos < tokens.size() && !tokens.get(tokenPos).equals("}")) {
            throw error(line, what + " has more than 3 numbers ('" + tokens.get(tokenPos) + "'); expected 3");
        }
        return v;
    }

    private double parseNumber(String s, String what) throws BvhParseException {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error(lineNumber, "expected a number in " + what + ", found '" + s + "'");
        }
        if (!Double.isFinite(v)) {
            throw error(lineNumber, "expected a finite number in " + what + ", found '" + s + "'");
        }
        if (what.contains("OFFSET") && Math.abs(v) > MAX_POSITION) {
            throw error(lineNumber, "expected a magnitude of at most " + MAX_POSITION + " file units in " + what + ", found '"
                    + s + "'");
        }
        return v;
    }

    /** Splits "Key: value" (case-insensitive key, any spacing); null if the line is not that key. */
    private static String[] splitKeyValue(String line, String key) {
        String t = line.trim();
        String norm = t.replaceAll("[ \t]+", " ");
        int colon = norm.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String k = norm.substring(0, colon).trim();
        if (!k.equalsIgnoreCase(key)) {
            return null;
        }
        String v = norm.substring(colon + 1).trim();
        if (v.isEmpty() || v.contains(" ")) {
            return null;
        }
        return new String[] {k, v};
    }

    private static String describe(String line) {
        return line == null ? "the end of the file" : "'" + line.trim() + "'";
    }

    private static String describeToken(String t) {
        return t == null ? "the end of the file" : "'" + t + "'";
    }

    private BvhParseException error(int line, String message) {
        return new BvhParseException(source, line, message);
    }
}
