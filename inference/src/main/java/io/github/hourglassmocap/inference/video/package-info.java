/**
 * Frame sources and the video writer: video files (FFmpeg through JavaCV, decoded straight to BGR24),
 * webcams (FFmpeg's capture-device input), image folders, replay-as-live pacing, and an atomic
 * {@link io.github.hourglassmocap.inference.video.VideoWriter}. Open a source from user text with
 * {@link io.github.hourglassmocap.inference.video.FrameSources#open(String, FrameSourceOptions)}.
 * See {@code docs/video.md}.
 */
package io.github.hourglassmocap.inference.video;
