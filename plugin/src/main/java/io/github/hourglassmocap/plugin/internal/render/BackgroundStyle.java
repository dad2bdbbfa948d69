package io.github.hourglassmocap.plugin.internal.render;

import java.util.Locale;

/**
 * What surrounds the character in a synthetic render.
 */
public enum BackgroundStyle {
    /** A lit grey floor and a lighter backdrop: a plain photo studio. */
    STUDIO,
    /** Nothing but a plain colour behind the character (no floor): for silhouette checks and compositing. */
    PLAIN,
    /** Floor and backdrop covered with random textures drawn from the seed, so detectors see clutter. */
    TEXTURE;

    /**
     * Parses a style name, ignoring case.
     *
     * @param name the name (not null)
     * @return the style
     * @throws IllegalArgumentException naming the valid styles
     */
    public static BackgroundStyle parse(String name) {
        if (name != null) {
            for (BackgroundStyle s : values()) {
                if (s.name().equalsIgnoreCase(name.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown background '" + name + "'; expected one of [studio, plain, texture]");
    }

    /**
     * Returns the lower-case name used on the command line and in files.
     *
     * @return for example "studio"
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
