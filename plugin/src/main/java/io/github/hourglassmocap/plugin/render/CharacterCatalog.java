package io.github.hourglassmocap.plugin.render;

import java.util.Locale;

/**
 * Short names for the rigged characters of {@code jme3-testdata}, with the turn each needs so that it faces
 * +Z (jME's convention, and what the renderer's camera azimuth 0 looks at).
 */
public enum CharacterCatalog {
    /** Jaime, a small cartoon monkey-boy (old animation format, migrated on load). Clips: Walk, Punches, Idle... */
    JAIME("Models/Jaime/Jaime.j3o", 0f),
    /** Sinbad, the Ogre ogre: human proportions. Clips: Dance, RunBase, RunTop, JumpStart... */
    SINBAD("Models/Sinbad/Sinbad.mesh.xml", 0f),
    /** The Ogre ninja: human proportions. Clips: Walk, Kick, Backflip, Climb, Spin... */
    NINJA("Models/Ninja/Ninja.mesh.xml", 180f),
    /** Oto, a robot with short legs. Clips: Walk, Dodge, pull, push... */
    OTO("Models/Oto/Oto.mesh.xml", 0f),
    /** An elephant (not a humanoid; for non-human tests). */
    ELEPHANT("Models/Elephant/Elephant.mesh.xml", 0f);

    private final String assetPath;
    private final float yawDegrees;

    CharacterCatalog(String assetPath, float yawDegrees) {
        this.assetPath = assetPath;
        this.yawDegrees = yawDegrees;
    }

    /**
     * Returns the model's asset path in jme3-testdata.
     *
     * @return the path (not null)
     */
    public String assetPath() {
        return assetPath;
    }

    /**
     * Returns the turn about +Y that makes the model face +Z.
     *
     * @return the turn (in degrees)
     */
    public float yawDegrees() {
        return yawDegrees;
    }

    /**
     * Returns the short name used on the command line.
     *
     * @return the lower-case name, for example "sinbad"
     */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds a character by short name, ignoring case.
     *
     * @param name the name (may be null)
     * @return the character, or null if the name is not a known short name
     */
    public static CharacterCatalog find(String name) {
        if (name == null) {
            return null;
        }
        for (CharacterCatalog c : values()) {
            if (c.name().equalsIgnoreCase(name.trim())) {
                return c;
            }
        }
        return null;
    }

    /**
     * Lists the short names, for messages.
     *
     * @return for example "[jaime, sinbad, ninja, oto, elephant]"
     */
    public static String shortNames() {
        StringBuilder sb = new StringBuilder("[");
        for (CharacterCatalog c : values()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(c.shortName());
        }
        return sb.append(']').toString();
    }
}
