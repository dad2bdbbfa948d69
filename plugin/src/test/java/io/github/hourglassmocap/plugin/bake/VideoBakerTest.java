package io.github.hourglassmocap.plugin.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.video.VideoFileSource;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void aBakeOpensItsInputOnceAndThePreviewGetsEveryFrameFromThatPass() throws Exception {
        Path sample = Path.of("..", "assets", "samples", "ninja-walk.mp4").toAbsolutePath().normalize();
        VideoBaker baker = new VideoBaker(BakeOptions.defaults().withCharacter("ninja"), BakeProgress.NONE);
        List<Path> opened = new ArrayList<>();
        baker.setVideoOpener(video -> {
            opened.add(video);
            if (opened.size() > 1) {
                throw new DecodeException("opened " + video + " a second time");
            }
            return VideoFileSource.open(video);
        });
        int[] previewFrames = {-1};
        PreviewInput[] given = new PreviewInput[1];
        baker.setPreviewWriter((input, character, out, progress) -> {
            given[0] = input;
            assertEquals(480, input.height());
            assertEquals(640, input.width());
            ByteBuffer canvas = ByteBuffer.allocateDirect(640 * 480 * 3);
            int n = 0;
            while (input.next(canvas, 640 * 3)) {
                n++;
            }
            previewFrames[0] = n;
            assertEquals(previewFrames[0], input.frameCount());
            assertEquals((input.frameCount() - 1) / 30.0, input.secondsAt(input.frameCount() - 1), 1e-6);
            try {
                Files.writeString(out, "preview");
            } catch (java.io.IOException e) {
                throw new io.github.hourglassmocap.inference.MocapIOException("cannot write " + out, e);
            }
        });
        BakeResult r = baker.bake(sample, dir.resolve("out"));
        assertEquals(List.of(sample), opened, "the input video is opened once per bake");
        assertEquals(r.frames(), previewFrames[0], "the preview's input half holds every frame of the 2D pass");
        assertTrue(r.files().containsKey("preview.mp4"));
        ByteBuffer canvas = ByteBuffer.allocateDirect(640 * 480 * 3);
        assertThrows(IllegalStateException.class, () -> given[0].next(canvas, 640 * 3),
                "the baker closes the input after the preview");
    }

    @Test
    void withoutAPreviewNothingIsRecordedAndAProblemIsReportedAsSkipped() throws Exception {
        Path sample = Path.of("..", "assets", "samples", "ninja-walk.mp4").toAbsolutePath().normalize();
        VideoBaker baker = new VideoBaker(BakeOptions.defaults().withCharacter("ninja"), BakeProgress.NONE);
        baker.setPreviewWriter(new VideoBaker.PreviewWriter() {
            @Override
            public String findProblem() {
                return "no display here";
            }

            @Override
            public void write(PreviewInput input, Spatial character, Path out, BakeProgress progress) {
                throw new AssertionError("write must not be called when findProblem() names a problem");
            }
        });
        BakeResult r = baker.bake(sample, dir.resolve("out2"));
        assertEquals("no display here", r.previewSkippedReason());
        assertFalse(r.files().containsKey("preview.mp4"));
    }
}
