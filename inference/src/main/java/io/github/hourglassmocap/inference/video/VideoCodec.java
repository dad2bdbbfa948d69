package io.github.hourglassmocap.inference.video;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * The video encoders {@link VideoWriter} can use, with the FFmpeg encoder behind each and the pixel format it
 * is fed. Which ones exist depends on the bundled FFmpeg build; {@link #isAvailable()} checks.
 */
public enum VideoCodec {
    /** H.264 through Cisco's OpenH264 (the bytedeco FFmpeg build is LGPL, so it has no libx264). */
    H264("libopenh264", avutil.AV_PIX_FMT_YUV420P),
    /** MPEG-4 part 2 (FFmpeg's own encoder): the fallback for mp4/mov/mkv when OpenH264 is missing. */
    MPEG4("mpeg4", avutil.AV_PIX_FMT_YUV420P),
    /** Motion JPEG: every frame a JPEG; large files, fast, the default for avi. */
    MJPEG("mjpeg", avutil.AV_PIX_FMT_YUVJ420P),
    /** VP9 through libvpx: small files, slow to encode, the default for webm. */
    VP9("libvpx-vp9", avutil.AV_PIX_FMT_YUV420P),
    /** FFV1: lossless (stored as BGR0, so the pixels read back are exactly the ones written); mkv or avi only. */
    FFV1("ffv1", avutil.AV_PIX_FMT_BGR0);

    private final String encoderName;
    private final int pixelFormat;

    VideoCodec(String encoderName, int pixelFormat) {
        this.encoderName = encoderName;
        this.pixelFormat = pixelFormat;
    }

    /**
     * Returns the FFmpeg encoder name.
     *
     * @return for example "libopenh264" (not null)
     */
    public String encoderName() {
        return encoderName;
    }

    /**
     * Returns the FFmpeg pixel format the encoder is fed (an {@code AV_PIX_FMT_*} constant).
     *
     * @return the pixel format
     */
    public int pixelFormat() {
        return pixelFormat;
    }

    /**
     * Returns whether this encoder is lossy (FFV1 is the only lossless one here).
     *
     * @return true unless {@link #FFV1}
     */
    public boolean isLossy() {
        return this != FFV1;
    }

    /**
     * Returns whether the bundled FFmpeg build has this encoder.
     *
     * @return true if it can be used on this machine
     */
    public boolean isAvailable() {
        return FfmpegSupport.hasEncoder(encoderName);
    }
}
