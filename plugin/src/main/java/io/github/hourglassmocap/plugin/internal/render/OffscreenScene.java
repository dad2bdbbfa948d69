package io.github.hourglassmocap.plugin.internal.render;

import com.jme3.asset.AssetManager;
import com.jme3.renderer.Camera;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Node;

/**
 * What an {@link OffscreenRenderer} draws: a scene that builds itself once and then poses itself for each
 * requested frame. Every method runs on the render thread, in the order {@code initialize}, then for each
 * frame {@code prepareFrame}, the engine's scene update and draw, {@code annotateFrame}.
 *
 * <p>Frames are driven by the time passed in, never by the wall clock: an implementation must make the
 * scene's state a function of {@code (frameIndex, timeSeconds)} alone, so that rendering the same frames
 * twice gives the same pixels.
 *
 * @param <T> the per-frame annotation the scene returns with each frame (for example ground truth)
 */
public interface OffscreenScene<T> {
    /**
     * Builds the scene. Called once, on the render thread, before any frame.
     *
     * @param assets the renderer's asset manager (not null)
     * @param root the node to attach the scene to (not null, modified)
     * @param camera the camera of the main view, sized to the output (not null, modified)
     * @param viewPort the main view (not null; its background colour may be set)
     * @throws Exception if the scene cannot be built; it is rethrown to the caller of
     *     {@link OffscreenRenderer#start}
     */
    void initialize(AssetManager assets, Node root, Camera camera, ViewPort viewPort) throws Exception;

    /**
     * Poses the scene for one frame (animation time, camera), before the engine updates and draws it.
     *
     * @param frameIndex the frame to render (&ge;0)
     * @param timeSeconds the scene time of that frame (in seconds, &ge;0, finite)
     * @param camera the camera of the main view (not null, may be modified)
     */
    void prepareFrame(long frameIndex, double timeSeconds, Camera camera);

    /**
     * Describes the frame just drawn (called after the draw, with the scene state that was drawn).
     *
     * @param frameIndex the frame just rendered (&ge;0)
     * @param timeSeconds its scene time (in seconds)
     * @param camera the camera it was drawn with (not null, unaffected)
     * @return the annotation for this frame (may be null if the scene has none)
     */
    T annotateFrame(long frameIndex, double timeSeconds, Camera camera);

    /**
     * Tells whether the scene wants each frame's depth buffer (read back at some cost) in
     * {@link #annotateFrame(long, double, Camera, DepthMap)}.
     *
     * @return false unless overridden
     */
    default boolean wantsDepth() {
        return false;
    }

    /**
     * Describes the frame just drawn, with its depth buffer; called instead of the three-argument form when
     * {@link #wantsDepth()} is true. The default ignores the depth.
     *
     * @param frameIndex the frame just rendered (&ge;0)
     * @param timeSeconds its scene time (in seconds)
     * @param camera the camera it was drawn with (not null, unaffected)
     * @param depth the frame's depth buffer (not null; valid during the call only)
     * @return the annotation for this frame (may be null)
     */
    default T annotateFrame(long frameIndex, double timeSeconds, Camera camera, DepthMap depth) {
        return annotateFrame(frameIndex, timeSeconds, camera);
    }
}
