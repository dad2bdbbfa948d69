/**
 * Where the BlazePose models come from: {@link io.github.hourglassmocap.inference.model.ModelStore} (the
 * verified cache) and {@link io.github.hourglassmocap.inference.model.PoseModelFile} (lite, full, heavy and the
 * detector).
 */
package io.github.hourglassmocap.inference.model;
