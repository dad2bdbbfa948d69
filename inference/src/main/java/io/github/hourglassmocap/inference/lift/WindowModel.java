package io.github.hourglassmocap.inference.lift;

import io.github.hourglassmocap.inference.MocapException;

/**
 * A lifter seen as a pure function from one window of screen-normalised 2D joints to root-relative 3D
 * joints. {@link PoseLifter} is the ONNX Runtime implementation; the windowing code ({@link OfflineLifter},
 * {@link StreamingLifter}) only sees this interface, so it is tested without a model.
 */
interface WindowModel {
    /**
     * Returns the window length F.
     *
     * @return frames per window (&ge;1)
     */
    int frames();

    /**
     * Returns how many frames one window yields: F (every frame) or 1 (the centre frame, index F/2).
     *
     * @return 1 or {@link #frames()}
     */
    int outputFrames();

    /**
     * Lifts one window.
     *
     * @param window F frames of 17 joints (x, y), screen-normalised (not null, unaffected)
     * @return a new array [outputFrames][17][3] in metres, camera frame, pelvis at the origin
     * @throws MocapException if the runtime fails
     */
    float[][][] run(float[][][] window) throws MocapException;
}
