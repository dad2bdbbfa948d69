package io.github.hourglassmocap.plugin.internal.render;

import io.github.hourglassmocap.inference.video.Frame;

/**
 * One frame produced by an {@link OffscreenRenderer}: the pixels and the scene's annotation of them.
 *
 * @param frame the BGR pixels, top-left origin, in a new heap buffer owned by the receiver (not null)
 * @param annotation what the scene reported for this frame (may be null)
 * @param <T> the annotation type
 */
public record RenderedFrame<T>(Frame frame, T annotation) {
    /**
     * Validates the fields.
     */
    public RenderedFrame {
        if (frame == null) {
            throw new IllegalArgumentException("frame must not be null");
        }
    }
}
