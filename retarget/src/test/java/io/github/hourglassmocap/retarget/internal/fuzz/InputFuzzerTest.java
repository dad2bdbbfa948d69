package io.github.hourglassmocap.retarget.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.retarget.testutil.TestBvh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz harness over every input reader, bounded to about 40 seconds: no case may end in anything but a
 * clean error or sane data.
 */
class InputFuzzerTest {
    private static final Logger LOG = Logger.getLogger(InputFuzzerTest.class.getName());

    /** The seeds: the generated ones and the BVH test excerpts (CMU data; credit in the resources' README). */
    static List<InputFuzzer.Seed> seeds() throws Exception {
        List<InputFuzzer.Seed> seeds = new ArrayList<>(InputFuzzer.builtInSeeds());
        for (String name : List.of(TestBvh.ICLONE, TestBvh.ICLONE_BONEROOT, TestBvh.ACRNN)) {
            seeds.add(new InputFuzzer.Seed(InputFuzzer.Format.BVH, name, Files.readAllBytes(TestBvh.path(name))));
        }
        return seeds;
    }

    @Test
    void everyMutatedInputEndsInACleanErrorOrSaneData(@TempDir Path tmp) throws Exception {
        InputFuzzer.Report r = new InputFuzzer(20261203L, tmp).run(seeds(), 6000, 40);
        LOG.info(r.summary());
        // the build logs warnings only: keep the counts where a reader of the build can find them
        Files.writeString(Path.of("target", "fuzz-report.txt"), r.summary() + System.lineSeparator());
        assertTrue(r.tried() >= 500, "too few cases ran: " + r.summary());
        assertTrue(r.cleanErrors() > 0 && r.acceptedSane() > 0, r.summary());
        assertEquals(0, r.other(), r.summary());
    }
}
