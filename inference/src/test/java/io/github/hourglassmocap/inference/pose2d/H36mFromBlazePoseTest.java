package io.github.hourglassmocap.inference.pose2d;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.hourglassmocap.inference.joints.H36mJoints;
import org.junit.jupiter.api.Test;

class H36mFromBlazePoseTest {
    private static final float EPS = 1e-4f;

    /** A standing person facing the camera: their left is image right. */
    private static PoseLandmarks person() {
        float[] v = new float[33 * 5];
        for (int i = 0; i < 33; i++) {
            v[i * 5 + 3] = 0.9f;
            v[i * 5 + 4] = 1f;
        }
        set(v, PoseLandmarks.NOSE, 200, 100, 0.95f);
        set(v, PoseLandmarks.LEFT_EAR, 215, 95, 0.6f);
        set(v, PoseLandmarks.RIGHT_EAR, 185, 95, 0.7f);
        set(v, PoseLandmarks.LEFT_SHOULDER, 240, 150, 0.99f);
        set(v, PoseLandmarks.RIGHT_SHOULDER, 160, 150, 0.98f);
        set(v, PoseLandmarks.LEFT_ELBOW, 250, 210, 0.8f);
        set(v, PoseLandmarks.RIGHT_ELBOW, 150, 210, 0.7f);
        set(v, PoseLandmarks.LEFT_WRIST, 255, 260, 0.5f);
        set(v, PoseLandmarks.RIGHT_WRIST, 145, 260, 0.4f);
        set(v, PoseLandmarks.LEFT_HIP, 225, 270, 0.97f);
        set(v, PoseLandmarks.RIGHT_HIP, 175, 270, 0.96f);
        set(v, PoseLandmarks.LEFT_KNEE, 228, 360, 0.9f);
        set(v, PoseLandmarks.RIGHT_KNEE, 172, 360, 0.85f);
        set(v, PoseLandmarks.LEFT_ANKLE, 230, 450, 0.8f);
        set(v, PoseLandmarks.RIGHT_ANKLE, 170, 450, 0.75f);
        return new PoseLandmarks(v, new float[] {200, 270, 200, 100}, 0.99f);
    }

    private static void set(float[] v, int i, float x, float y, float vis) {
        v[i * 5] = x;
        v[i * 5 + 1] = y;
        v[i * 5 + 3] = vis;
    }

    private static void assertJoint(float[] j, int joint, float x, float y, float c) {
        assertEquals(x, j[joint * 3], EPS, H36mJoints.name(joint) + " x");
        assertEquals(y, j[joint * 3 + 1], EPS, H36mJoints.name(joint) + " y");
        assertEquals(c, j[joint * 3 + 2], EPS, H36mJoints.name(joint) + " confidence");
    }

    @Test
    void directJointsKeepTheirSideAndVisibility() {
        float[] j = H36mFromBlazePose.convert(person());
        assertJoint(j, H36mJoints.R_HIP, 175, 270, 0.96f);
        assertJoint(j, H36mJoints.R_KNEE, 172, 360, 0.85f);
        assertJoint(j, H36mJoints.R_ANKLE, 170, 450, 0.75f);
        assertJoint(j, H36mJoints.L_HIP, 225, 270, 0.97f);
        assertJoint(j, H36mJoints.L_KNEE, 228, 360, 0.9f);
        assertJoint(j, H36mJoints.L_ANKLE, 230, 450, 0.8f);
        assertJoint(j, H36mJoints.L_SHOULDER, 240, 150, 0.99f);
        assertJoint(j, H36mJoints.L_ELBOW, 250, 210, 0.8f);
        assertJoint(j, H36mJoints.L_WRIST, 255, 260, 0.5f);
        assertJoint(j, H36mJoints.R_SHOULDER, 160, 150, 0.98f);
        assertJoint(j, H36mJoints.R_ELBOW, 150, 210, 0.7f);
        assertJoint(j, H36mJoints.R_WRIST, 145, 260, 0.4f);
        assertJoint(j, H36mJoints.NECK_NOSE, 200, 100, 0.95f);
    }

    @Test
    void derivedJointsFollowTheWrittenRule() {
        float[] j = H36mFromBlazePose.convert(person());
        assertJoint(j, H36mJoints.PELVIS, 200, 270, 0.96f);
        assertJoint(j, H36mJoints.THORAX, 200, 150, 0.98f);
        assertJoint(j, H36mJoints.SPINE, 200, 210, 0.96f);
        // ear centre (200, 95); thorax (200, 150); head = ear centre + 0.4 x (ear centre - thorax)
        assertJoint(j, H36mJoints.HEAD, 200, 95 - 0.4f * 55, 0.6f);
        // the head lies above every face landmark used
        assertEquals(true, j[H36mJoints.HEAD * 3 + 1] < 95);
    }
}
