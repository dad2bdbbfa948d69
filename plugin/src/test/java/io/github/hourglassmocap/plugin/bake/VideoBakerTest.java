package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bake's 2D pass on real-footage traits: a rotated phone video, a damaged file. */
class VideoBakerTest {
    @TempDir
    Path dir;

    private static Path resource(String name) throws Exception {
        URL url = VideoBakerTest.class.getResource(name);
        assertNotNull(url, "test resource " + name + " is missing");
        return Path.of(url.toURI());
    }

    @Test
    void aRotatedVideoIsProcessedUprightAndACleanOneReportsNoDamage() throws Exception {
        VideoBaker baker = new VideoBaker(BakeOptions.defaults(), BakeProgress.NONE);
        VideoBaker.Keypoints kp = baker.keypoints(resource("rot270.mp4"), dir.resolve("keypoints.json"));
        assertEquals(48, kp.header.width());
        assertEquals(64, kp.header.height());
        assertEquals(75, kp.frames.size());
        assertEquals(48, kp.frames.get(0).width());
        assertEquals(64, kp.frames.get(0).height());
        assertEquals(3.0, kp.seconds(), 1e-3);
        assertNull(kp.videoDamage);
    }

    @Test
    void aDamagedVideoIsBakedWithItsDamageRecorded() throws Exception {
        VideoBaker baker = new VideoBaker(BakeOptions.defaults(), BakeProgress.NONE);
        VideoBaker.Keypoints kp = baker.keypoints(resource("concealed.mp4"), dir.resolve("keypoints.json"));
        assertEquals(25, kp.frames.size());
        assertNotNull(kp.videoDamage, "the damage must reach the bake (metrics.json bake.videoDamage)");
        assertTrue(kp.videoDamage.contains("concealed.mp4") && kp.videoDamage.contains("25 of about 25 frames"),
                kp.videoDamage);
    }
}
