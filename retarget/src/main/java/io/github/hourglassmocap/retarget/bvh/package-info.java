/**
 * BVH motion files: reading ({@link io.github.hourglassmocap.retarget.bvh.BvhReader}), writing, and conversion to
 * a jME armature and clip. See {@code docs/skeleton.md}.
 */
package io.github.hourglassmocap.retarget.bvh;
