package io.github.hourglassmocap.retarget.humanoid;

/**
 * Small geometry helpers over a rig's rest pose, shared by the name and structure mappers.
 */
final class RigGeometry {
    private RigGeometry() {
    }

    /** Rest position of a minus rest position of b. */
    static double[] diff(RigDescription rig, int a, int b) {
        return new double[] {rig.rest(a, 0) - rig.rest(b, 0), rig.rest(a, 1) - rig.rest(b, 1),
            rig.rest(a, 2) - rig.rest(b, 2)};
    }

    /** Number of joints in the subtree of j, j included. */
    static int subtreeSize(RigDescription rig, int j) {
        int s = 1;
        for (int c : rig.children(j)) {
            s += subtreeSize(rig, c);
        }
        return s;
    }

    /** The largest extent of the rest pose along any axis (at least 1e-9). */
    static double size(RigDescription rig) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int j = 0; j < rig.size(); j++) {
            for (int a = 0; a < 3; a++) {
                min = Math.min(min, rig.rest(j, a));
                max = Math.max(max, rig.rest(j, a));
            }
        }
        return Math.max(max - min, 1e-9);
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] normalise(double[] a) {
        double l = norm(a);
        return l == 0 ? a.clone() : new double[] {a[0] / l, a[1] / l, a[2] / l};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
