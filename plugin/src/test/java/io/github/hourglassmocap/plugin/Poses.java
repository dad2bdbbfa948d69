package io.github.hourglassmocap.plugin;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import io.github.hourglassmocap.inference.pipeline.Pose3dSample;

/** Hand-made 17-joint poses in the lifter's camera frame (x right, y down, metres), facing the camera. */
final class Poses {
    private Poses() {
    }

    static Pose3dSample pose(long frame, boolean armsDown) {
        float[][] p = new float[H36mJoints.COUNT][];
        p[H36mJoints.PELVIS] = new float[] {0, 0, 0};
        p[H36mJoints.R_HIP] = new float[] {-0.12f, 0, 0};
        p[H36mJoints.R_KNEE] = new float[] {-0.12f, 0.45f, 0};
        p[H36mJoints.R_ANKLE] = new float[] {-0.12f, 0.9f, 0.02f};
        p[H36mJoints.L_HIP] = new float[] {0.12f, 0, 0};
        p[H36mJoints.L_KNEE] = new float[] {0.12f, 0.45f, 0};
        p[H36mJoints.L_ANKLE] = new float[] {0.12f, 0.9f, 0.02f};
        p[H36mJoints.SPINE] = new float[] {0, -0.25f, 0};
        p[H36mJoints.THORAX] = new float[] {0, -0.5f, 0};
        p[H36mJoints.NECK_NOSE] = new float[] {0, -0.6f, -0.05f};
        p[H36mJoints.HEAD] = new float[] {0, -0.72f, 0};
        p[H36mJoints.L_SHOULDER] = new float[] {0.18f, -0.5f, 0};
        p[H36mJoints.R_SHOULDER] = new float[] {-0.18f, -0.5f, 0};
        if (armsDown) {
            p[H36mJoints.L_ELBOW] = new float[] {0.2f, -0.22f, -0.02f};
            p[H36mJoints.L_WRIST] = new float[] {0.21f, 0.05f, -0.05f};
            p[H36mJoints.R_ELBOW] = new float[] {-0.2f, -0.22f, -0.02f};
            p[H36mJoints.R_WRIST] = new float[] {-0.21f, 0.05f, -0.05f};
        } else {
            p[H36mJoints.L_ELBOW] = new float[] {0.45f, -0.5f, -0.02f};
            p[H36mJoints.L_WRIST] = new float[] {0.72f, -0.5f, -0.05f};
            p[H36mJoints.R_ELBOW] = new float[] {-0.45f, -0.5f, -0.02f};
            p[H36mJoints.R_WRIST] = new float[] {-0.72f, -0.5f, -0.05f};
        }
        float[] flat = new float[H36mJoints.COUNT * 3];
        for (int j = 0; j < H36mJoints.COUNT; j++) {
            System.arraycopy(p[j], 0, flat, 3 * j, 3);
        }
        return new Pose3dSample(frame, frame * 33_333_333L, true, flat, new float[] {0, 0, 3});
    }
}
