package io.github.hourglassmocap.plugin.internal.render;

import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;

/**
 * Everything a synthetic ground-truth render needs. Build with {@link #defaults(String, String)} and the
 * {@code with...} copies.
 *
 * @param character a {@link BuiltInCharacters} short name, a model file or a classpath asset path (not blank)
 * @param motion a clip name of the character or a BVH file (not blank; see {@link CharacterMotion#resolve})
 * @param width video width (in pixels, 16..{@value OffscreenRenderer#MAX_SIZE}; the video writer pads odd sizes)
 * @param height video height (in pixels, 16..{@value OffscreenRenderer#MAX_SIZE})
 * @param frameRateHz frames per second (in (0, 240])
 * @param frames how many frames (&ge;1); frame i is rendered at time i / frameRateHz
 * @param camera the view (not null)
 * @param background the surroundings (not null)
 * @param backgroundRgb the clear colour as 0xRRGGBB (what {@link BackgroundStyle#PLAIN} shows)
 * @param seed draws the random textures
 * @param samples anti-aliasing samples per pixel (1, 2, 4 or 8)
 * @param characterHeightMetres height the character is scaled to (in metres, &gt;0)
 * @param yawDegrees extra turn of the character about +Y (in degrees, finite)
 * @param bitrateKbps video bit rate (in kbit/s, &gt;0; 0 picks 0.2 bits per pixel per frame)
 * @param inPlace for a BVH motion: remove its horizontal root motion
 */
public record SyntheticRenderOptions(String character, String motion, int width, int height, double frameRateHz,
        int frames, CameraSpec camera, BackgroundStyle background, int backgroundRgb, long seed, int samples,
        double characterHeightMetres, double yawDegrees, int bitrateKbps, boolean inPlace) {
    /**
     * Validates the fields.
     */
    public SyntheticRenderOptions {
        if (character == null || character.isBlank()) {
            throw new IllegalArgumentException("character must be one of [" + BuiltInCharacters.NAME_LIST + "]"
                    + " or a model file");
        }
        if (motion == null || motion.isBlank()) {
            throw new IllegalArgumentException("motion must name a clip of the character");
        }
        if (width < 16 || height < 16 || width > OffscreenRenderer.MAX_SIZE || height > OffscreenRenderer.MAX_SIZE) {
            throw new IllegalArgumentException("size " + width + "x" + height + " must be within 16.."
                    + OffscreenRenderer.MAX_SIZE);
        }
        if (!(frameRateHz > 0 && frameRateHz <= 240)) {
            throw new IllegalArgumentException("frame rate " + frameRateHz + " must be within (0, 240] Hz");
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames " + frames + " must be >= 1");
        }
        if (camera == null || background == null) {
            throw new IllegalArgumentException("camera and background must not be null");
        }
        if ((backgroundRgb & ~0xffffff) != 0) {
            throw new IllegalArgumentException("backgroundRgb 0x" + Integer.toHexString(backgroundRgb) + " must be 0xRRGGBB");
        }
        if (samples != 1 && samples != 2 && samples != 4 && samples != 8) {
            throw new IllegalArgumentException("samples " + samples + " must be one of [1, 2, 4, 8]");
        }
        if (!(characterHeightMetres > 0) || Double.isInfinite(characterHeightMetres)) {
            throw new IllegalArgumentException("character height " + characterHeightMetres + " must be positive (metres)");
        }
        if (!Double.isFinite(yawDegrees)) {
            throw new IllegalArgumentException("yaw " + yawDegrees + " must be finite (degrees)");
        }
        if (bitrateKbps < 0) {
            throw new IllegalArgumentException("bitrate " + bitrateKbps + " kbit/s must be >= 0 (0: automatic)");
        }
    }

    /**
     * Returns the defaults: 640x480 at 30 fps, 90 frames, front view, studio background, seed 1, 4x
     * anti-aliasing, a 1.75 m character, automatic bit rate.
     *
     * @param character the character (see the record's contract)
     * @param motion the clip name
     * @return new options
     */
    public static SyntheticRenderOptions defaults(String character, String motion) {
        return new SyntheticRenderOptions(character, motion, 640, 480, 30, 90, CameraSpec.DEFAULT, BackgroundStyle.STUDIO,
                0x808080, 1, 4, 1.75, 0, 0, false);
    }

    /**
     * Returns the video bit rate to use: the one given, or 0.2 bits per pixel per frame (twice the video
     * writer's own default: rendered edges and textures are crisp, and the clips are short).
     *
     * @return the bit rate (in kbit/s, &ge;200)
     */
    public int effectiveBitrateKbps() {
        if (bitrateKbps > 0) {
            return bitrateKbps;
        }
        return (int) Math.max(200, Math.round(0.2 * width * height * frameRateHz / 1000.0));
    }

    /**
     * Copies with another size.
     *
     * @param w the width (in pixels)
     * @param h the height (in pixels)
     * @return new options
     */
    public SyntheticRenderOptions withSize(int w, int h) {
        return new SyntheticRenderOptions(character, motion, w, h, frameRateHz, frames, camera, background, backgroundRgb,
                seed, samples, characterHeightMetres, yawDegrees, bitrateKbps, inPlace);
    }

    /**
     * Copies with another timing.
     *
     * @param fps frames per second
     * @param count how many frames
     * @return new options
     */
    public SyntheticRenderOptions withTiming(double fps, int count) {
        return new SyntheticRenderOptions(character, motion, width, height, fps, count, camera, background, backgroundRgb,
                seed, samples, characterHeightMetres, yawDegrees, bitrateKbps, inPlace);
    }

    /**
     * Copies with another camera.
     *
     * @param spec the camera (not null)
     * @return new options
     */
    public SyntheticRenderOptions withCamera(CameraSpec spec) {
        return new SyntheticRenderOptions(character, motion, width, height, frameRateHz, frames, spec, background,
                backgroundRgb, seed, samples, characterHeightMetres, yawDegrees, bitrateKbps, inPlace);
    }

    /**
     * Copies with another background.
     *
     * @param style the style (not null)
     * @param rgb the clear colour as 0xRRGGBB
     * @param newSeed the seed of the random textures
     * @return new options
     */
    public SyntheticRenderOptions withBackground(BackgroundStyle style, int rgb, long newSeed) {
        return new SyntheticRenderOptions(character, motion, width, height, frameRateHz, frames, camera, style, rgb,
                newSeed, samples, characterHeightMetres, yawDegrees, bitrateKbps, inPlace);
    }

    /**
     * Copies with the in-place switch of BVH motions.
     *
     * @param on true to remove a BVH motion's horizontal root motion
     * @return new options
     */
    public SyntheticRenderOptions withInPlace(boolean on) {
        return new SyntheticRenderOptions(character, motion, width, height, frameRateHz, frames, camera, background,
                backgroundRgb, seed, samples, characterHeightMetres, yawDegrees, bitrateKbps, on);
    }

    /**
     * Copies with other character and quality settings.
     *
     * @param heightMetres the character height (in metres)
     * @param yaw the extra turn (in degrees)
     * @param aaSamples anti-aliasing samples
     * @param kbps the video bit rate (in kbit/s; 0 for automatic)
     * @return new options
     */
    public SyntheticRenderOptions withLook(double heightMetres, double yaw, int aaSamples, int kbps) {
        return new SyntheticRenderOptions(character, motion, width, height, frameRateHz, frames, camera, background,
                backgroundRgb, seed, aaSamples, heightMetres, yaw, kbps, inPlace);
    }
}
