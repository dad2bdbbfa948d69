/**
 * The 17-joint Human3.6M skeleton every stage uses: joint order, parents, sides and names, read once from the
 * shared joint table ({@link io.github.hourglassmocap.inference.joints.H36mJoints}).
 */
package io.github.hourglassmocap.inference.joints;
