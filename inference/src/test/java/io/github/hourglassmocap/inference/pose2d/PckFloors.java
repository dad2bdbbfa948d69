package io.github.hourglassmocap.inference.pose2d;

/**
 * The PCK floors of {@link PoseTrackerTest}, percent: the value measured on 2026-11-22 (TFLite 2.20 XNNPACK,
 * x86-64) minus a margin of {@value #MARGIN} points. NaN: reported but not asserted, because BlazePose
 * reads that clip too badly (below 20%) for a floor to mean anything.
 */
final class PckFloors {
    /** The margin below the measured value, in percentage points. */
    static final double MARGIN = 8;
    /** Measured PCK@0.2; rows lite, full, heavy; columns sinbad-dance-a0, sinbad-run-a45, jaime-walk-a0, jaime-walk-a90, oto-walk-a20. */
    static final double[][] MEASURED = {
        {86.9, 41.5, 3.7, 3.9, 26.5},
        {92.4, 59.1, 31.5, 7.6, 4.3},
        {92.4, 92.2, 31.7, 0.9, 2.8},
    };
    /** The floors derived from {@link #MEASURED}. */
    static final double[][] FLOORS = new double[3][5];

    static {
        for (int m = 0; m < 3; m++) {
            for (int c = 0; c < 5; c++) {
                FLOORS[m][c] = MEASURED[m][c] >= 20 ? MEASURED[m][c] - MARGIN : Double.NaN;
            }
        }
    }

    private PckFloors() {
    }
}
