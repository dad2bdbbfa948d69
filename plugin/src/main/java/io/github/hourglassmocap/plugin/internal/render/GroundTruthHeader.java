package io.github.hourglassmocap.plugin.internal.render;

import java.util.List;

/**
 * The header of a ground-truth file: what was rendered and how, and the joints the frames list.
 *
 * @param video the file name of the video the truth describes (not null; may be empty if none was written)
 * @param width the image width (in pixels, &gt;0)
 * @param height the image height (in pixels, &gt;0)
 * @param frameRateHz frames per second (&gt;0); frame i is at time i / frameRateHz
 * @param character what was rendered: short name and asset path, or a file path (not null)
 * @param characterHeightMetres the height the character was scaled to (in metres, &gt;0)
 * @param motion the motion, for example "clip:Dance" (not null)
 * @param motionLengthSeconds the length of one cycle of the motion (in seconds, &gt;0)
 * @param camera the camera spec in {@link CameraSpec#format()} syntax, automatic values resolved (not null)
 * @param background the background style id (not null)
 * @param seed the seed
 * @param jointNames the armature's joint names, in armature order (not null; copied)
 * @param jointParents each joint's parent index, -1 for a root (same length; copied)
 */
public record GroundTruthHeader(String video, int width, int height, double frameRateHz, String character,
        double characterHeightMetres, String motion, double motionLengthSeconds, String camera, String background,
        long seed, List<String> jointNames, List<Integer> jointParents) {
    /**
     * Validates and copies the fields.
     */
    public GroundTruthHeader {
        if (video == null || character == null || motion == null || camera == null || background == null) {
            throw new IllegalArgumentException("video, character, motion, camera and background must not be null");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size " + width + "x" + height + " must be positive");
        }
        if (!(frameRateHz > 0) || Double.isInfinite(frameRateHz)) {
            throw new IllegalArgumentException("frameRateHz " + frameRateHz + " must be positive and finite");
        }
        if (jointNames == null || jointParents == null || jointNames.size() != jointParents.size()) {
            throw new IllegalArgumentException("jointNames and jointParents must be non-null lists of the same length");
        }
        jointNames = List.copyOf(jointNames);
        jointParents = List.copyOf(jointParents);
    }

    /**
     * Returns the number of joints.
     *
     * @return the joint count
     */
    public int jointCount() {
        return jointNames.size();
    }

    /**
     * Finds a joint by exact name.
     *
     * @param name the joint name (not null)
     * @return its index, or -1 if there is none
     */
    public int findJoint(String name) {
        return jointNames.indexOf(name);
    }
}
