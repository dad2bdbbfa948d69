/**
 * Recording poses into a jME {@code AnimClip}: {@link io.github.hourglassmocap.retarget.record.ClipRecorder}
 * (live or offline, the one recorder) with optional {@link io.github.hourglassmocap.retarget.record.KeyReduction}.
 */
package io.github.hourglassmocap.retarget.record;
