/**
 * 2D to 3D lifting with the Hourglass Tokenizer (HoT) model on ONNX Runtime:
 * {@link io.github.hourglassmocap.inference.lift.PoseLifter} (the runtime),
 * {@link io.github.hourglassmocap.inference.lift.LiveLifter} (the one streaming lifter),
 * {@link io.github.hourglassmocap.inference.lift.ClipLifter} (a whole clip),
 * {@link io.github.hourglassmocap.inference.lift.Pose3dSequence} (pose3d.json) and the shipped models
 * ({@link io.github.hourglassmocap.inference.lift.ShippedLifters}). See {@code docs/lifter.md}.
 */
package io.github.hourglassmocap.inference.lift;
