package io.github.hourglassmocap.retarget.humanoid;

import io.github.hourglassmocap.inference.MocapException;
import java.util.List;
import java.util.Map;

/**
 * A rig could not be mapped to the canonical humanoid: required bones are missing. The message lists
 * what is missing and what was found, and how to complete the map with a mapping file.
 */
public class HumanoidMapException extends MocapException {
    private static final long serialVersionUID = 1L;

    private final transient List<HumanoidBone> missing;

    /**
     * Creates an exception.
     *
     * @param rig the rig's label (not null)
     * @param missing the required bones that could not be mapped (not null, not empty)
     * @param found what was mapped (not null)
     */
    public HumanoidMapException(String rig, List<HumanoidBone> missing, Map<HumanoidBone, String> found) {
        super("rig '" + rig + "' is missing required humanoid bones " + missing + "; found " + found
                + "; expected all of them: name them in a mapping file (see docs/formats.md, 'Humanoid mapping file')"
                + " or rename the joints.");
        this.missing = List.copyOf(missing);
    }

    /**
     * Creates an exception with a free message (bad mapping file and the like).
     *
     * @param message what is wrong and how to fix it (not null)
     */
    public HumanoidMapException(String message) {
        super(message);
        this.missing = List.of();
    }

    /**
     * Returns the missing bones.
     *
     * @return an unmodifiable list (empty for a free-message exception)
     */
    public List<HumanoidBone> missing() {
        return missing == null ? List.of() : missing;
    }
}
