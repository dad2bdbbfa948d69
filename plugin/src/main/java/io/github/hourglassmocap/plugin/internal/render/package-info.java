/**
 * The offscreen renderer and the synthetic-video renderer behind {@code mocap render-synthetic} and the bake's
 * preview (characters, motions, cameras, exact per-frame ground truth). Internal: public only for the
 * project's own modules and its command line; not API. See {@code docs/render.md}.
 */
package io.github.hourglassmocap.plugin.internal.render;
