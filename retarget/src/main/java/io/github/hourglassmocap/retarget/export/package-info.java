/**
 * Writing a character with its clip: j3o ({@link io.github.hourglassmocap.retarget.export.J3oExporter}), glTF
 * binary ({@link io.github.hourglassmocap.retarget.export.GlbExporter}) and BVH on the character's own skeleton
 * ({@link io.github.hourglassmocap.retarget.export.BvhClipExporter}); every file is written atomically.
 */
package io.github.hourglassmocap.retarget.export;
