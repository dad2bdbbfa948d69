package io.github.hourglassmocap.inference.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

class VideoCodecTest {
    @Test
    void everyCodecIsInThePinnedFfmpegBuild() {
        for (VideoCodec c : VideoCodec.values()) {
            assertTrue(c.isAvailable(), c + " (" + c.encoderName() + ") should be in bytedeco FFmpeg 8.0.1-1.5.13");
        }
    }

    @Test
    void encoderNamesAndPixelFormats() {
        assertEquals("libopenh264", VideoCodec.H264.encoderName());
        assertEquals(avutil.AV_PIX_FMT_YUV420P, VideoCodec.H264.pixelFormat());
        assertEquals(avutil.AV_PIX_FMT_YUVJ420P, VideoCodec.MJPEG.pixelFormat());
        assertEquals(avutil.AV_PIX_FMT_BGR0, VideoCodec.FFV1.pixelFormat());
        assertFalse(VideoCodec.FFV1.isLossy());
        assertTrue(VideoCodec.VP9.isLossy());
    }
}
