/**
 * Offline baking of a video into animation: {@link io.github.hourglassmocap.plugin.bake.VideoBaker} with its
 * {@link io.github.hourglassmocap.plugin.bake.BakeOptions} writes keypoints, 3D poses, the clip (j3o, BVH,
 * glTF), metrics and a side-by-side preview ({@link io.github.hourglassmocap.plugin.bake.PreviewRenderer});
 * {@link io.github.hourglassmocap.plugin.bake.ClipBaking} retargets a lifted clip onto further characters.
 * The input video is opened once per bake. See {@code docs/plugin.md}.
 */
package io.github.hourglassmocap.plugin.bake;
