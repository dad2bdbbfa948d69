/**
 * Skeleton maths shared by the retargeter and the BVH code: forward kinematics, the 17-joint view of a rig,
 * quaternions, scratch copies of armatures. Internal: public only for the project's own modules; not API.
 */
package io.github.hourglassmocap.retarget.internal.skeleton;
