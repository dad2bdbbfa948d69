package io.github.hourglassmocap.plugin.bake;

/**
 * Hears how a bake advances. Called on the baking thread.
 */
public interface BakeProgress {
    /** Ignores everything. */
    BakeProgress NONE = (stage, done, total) -> { };

    /**
     * Reports progress within a stage.
     *
     * @param stage the stage: "keypoints", "lift", "retarget", "export" or "preview"
     * @param done units done (&ge;0)
     * @param total units in all, or -1 if unknown
     */
    void update(String stage, long done, long total);
}
