package io.github.hourglassmocap.retarget.humanoid;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An immutable map from canonical humanoid bones to the names of a rig's joints.
 */
public final class HumanoidMap {
    private final Map<HumanoidBone, String> joints;

    /**
     * Creates a map.
     *
     * @param joints canonical bone to rig joint name (not null, unaffected; copied)
     */
    public HumanoidMap(Map<HumanoidBone, String> joints) {
        EnumMap<HumanoidBone, String> copy = new EnumMap<>(HumanoidBone.class);
        for (Map.Entry<HumanoidBone, String> e : joints.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("null or empty entry in humanoid map: " + e);
            }
            copy.put(e.getKey(), e.getValue());
        }
        this.joints = Collections.unmodifiableMap(copy);
    }

    /**
     * Finds the rig joint of a bone.
     *
     * @param bone the canonical bone (not null)
     * @return the joint name, or null if the rig has none mapped
     */
    public String findJoint(HumanoidBone bone) {
        return joints.get(bone);
    }

    /**
     * Gets the rig joint of a bone.
     *
     * @param bone the canonical bone (not null)
     * @return the joint name (not null)
     * @throws IllegalArgumentException if the bone is not mapped
     */
    public String getJoint(HumanoidBone bone) {
        String name = joints.get(bone);
        if (name == null) {
            throw new IllegalArgumentException("humanoid bone " + bone + " is not mapped; mapped: " + joints.keySet());
        }
        return name;
    }

    /**
     * Returns all entries.
     *
     * @return an unmodifiable shared view, in canonical bone order
     */
    public Map<HumanoidBone, String> asMap() {
        return joints;
    }

    @Override
    public String toString() {
        return "HumanoidMap" + joints;
    }
}
