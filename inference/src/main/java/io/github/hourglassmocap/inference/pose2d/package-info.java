/**
 * BlazePose 2D keypoints: {@link io.github.hourglassmocap.inference.pose2d.PoseTracker} (detector when tracking
 * is lost, landmarker on the region of interest, smoothing), its per-frame result
 * {@link io.github.hourglassmocap.inference.pose2d.Keypoints2D} (33 landmarks and the 17 lifter joints) and
 * keypoints.json ({@link io.github.hourglassmocap.inference.pose2d.KeypointsFile}). See {@code docs/pose2d.md}.
 */
package io.github.hourglassmocap.inference.pose2d;
