package io.github.hourglassmocap.inference.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * The four MediaPipe BlazePose model files the 2D stage uses, with the SHA-256 digest each must have.
 *
 * <p>All four come from the npm package {@link ModelStore#PACKAGE}@{@link ModelStore#VERSION} (Apache-2.0).
 * The three landmark models are files of the package; the person detector is not shipped as a
 * {@code .tflite} file there but as the first {@value #DETECTOR_BYTES} bytes of
 * {@code pose_solution_packed_assets.data}.
 */
public enum PoseModelFile {
    /** The BlazePose person detector (SSD, 224x224 input). */
    DETECTOR("pose_detection.tflite", "a63c614bef30d35947f13be361820b1e4e3bec9cfeebf4d11216a18373108e85"),
    /** The lite landmark model (256x256 input, fastest). */
    LITE("pose_landmark_lite.tflite", "f17bfbecadb61c3be1baa8b8d851cc6619c870a87167b32848ad20db306b9d61"),
    /** The full landmark model (256x256 input). */
    FULL("pose_landmark_full.tflite", "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f"),
    /** The heavy landmark model (256x256 input, most accurate, slowest). */
    HEAVY("pose_landmark_heavy.tflite", "59e42d71bcd44cbdbabc419f0ff76686595fd265419566bd4009ef703ea8e1fe");

    /** Name of the package file that holds the detector. */
    public static final String PACKED_ASSETS = "pose_solution_packed_assets.data";
    /** Length of the detector inside {@link #PACKED_ASSETS}, starting at byte 0. */
    public static final int DETECTOR_BYTES = 2962288;

    private final String fileName;
    private final String sha256;

    PoseModelFile(String fileName, String sha256) {
        this.fileName = fileName;
        this.sha256 = sha256;
    }

    /**
     * Returns the file name in the cache.
     *
     * @return the name, for example "pose_landmark_lite.tflite"
     */
    public String fileName() {
        return fileName;
    }

    /**
     * Returns the pinned SHA-256 digest.
     *
     * @return 64 lower-case hex digits
     */
    public String sha256() {
        return sha256;
    }

    /**
     * Returns the landmark model for a user-facing name.
     *
     * @param name "lite", "full" or "heavy" (case-insensitive, not null)
     * @return the landmark model
     * @throws IllegalArgumentException for any other name, naming the valid choices
     */
    public static PoseModelFile landmarkModel(String name) {
        if (name != null) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "lite": return LITE;
                case "full": return FULL;
                case "heavy": return HEAVY;
                default: break;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; expected one of [lite, full, heavy]");
    }

    /**
     * Returns the user-facing name of a landmark model.
     *
     * @return "lite", "full", "heavy", or "detector"
     */
    public String shortName() {
        return this == DETECTOR ? "detector" : name().toLowerCase(Locale.ROOT);
    }

    /**
     * Lists the file names of all models.
     *
     * @return a new array of the four file names
     */
    static String[] allFileNames() {
        return Arrays.stream(values()).map(PoseModelFile::fileName).toArray(String[]::new);
    }
}
