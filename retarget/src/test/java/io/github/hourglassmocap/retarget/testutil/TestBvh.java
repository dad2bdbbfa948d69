package io.github.hourglassmocap.retarget.testutil;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the BVH test excerpts in src/test/resources/bvh. */
public final class TestBvh {
    /** Reallusion CC rig, root CC_Base_Hip, 60 fps, 5 frames. */
    public static final String ICLONE = "cmu-iclone-001_01-excerpt.bvh";
    /** Reallusion CC rig, root RL_BoneRoot (Z up), 60 fps, 5 frames. */
    public static final String ICLONE_BONEROOT = "cmu-iclone-002_03-excerpt.bvh";
    /** Poser/DAZ-style rig, 120 fps, 13 frames, CRLF. */
    public static final String ACRNN = "cmu-acrnn-salsa-01-excerpt.bvh";
    /** Poser/DAZ-style rig in rest pose, 3 frames. */
    public static final String ACRNN_TPOSE = "cmu-acrnn-standard_tpose.bvh";

    private TestBvh() {
    }

    /**
     * Returns the path of an excerpt.
     *
     * @param name the file name
     * @return the path
     */
    public static Path path(String name) {
        URL url = TestBvh.class.getResource("/bvh/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource bvh/" + name + " missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
