package io.github.hourglassmocap.inference.internal.io;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names one run of a command (a bake, a keypoints pass) so that the files it writes can be told apart from those of
 * another run in the same folder: the start time in UTC to the second and six random hex digits, e.g.
 * {@code 20261203T221501Z-3f9a2c}. Written as {@code "runId"} into every output whose format has a header.
 */
public final class RunId {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private RunId() {
    }

    /**
     * Makes a fresh run id.
     *
     * @return a new id: the current UTC time and six random hex digits (never null)
     */
    public static String next() {
        return STAMP.format(Instant.now()) + "-"
                + String.format(Locale.ROOT, "%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    }
}
