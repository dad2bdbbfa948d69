/**
 * Humanoid bone mapping: the bones ({@link io.github.hourglassmocap.retarget.humanoid.HumanoidBone}), a rig's map
 * ({@link io.github.hourglassmocap.retarget.humanoid.HumanoidMap}), the automatic mapper and the mapping file
 * that corrects it. See {@code docs/retarget.md}.
 */
package io.github.hourglassmocap.retarget.humanoid;
