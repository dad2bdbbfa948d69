/**
 * BVH takes to the lifter's 17-joint training set, behind {@code mocap dataset}. Internal: public only for the
 * project's own modules and its command line; not API.
 */
package io.github.hourglassmocap.retarget.internal.dataset;
