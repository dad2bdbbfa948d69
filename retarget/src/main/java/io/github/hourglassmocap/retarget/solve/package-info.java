/**
 * Retargeting 3D poses onto a rigged character: the character catalogue
 * ({@link io.github.hourglassmocap.retarget.solve.BuiltInCharacters}), the analysed rig
 * ({@link io.github.hourglassmocap.retarget.solve.CharacterRig}; {@code detached} gives the solver its own
 * joints), the live and offline retargeters with their options, results and quality metrics. See
 * {@code docs/retarget.md}.
 */
package io.github.hourglassmocap.retarget.solve;
