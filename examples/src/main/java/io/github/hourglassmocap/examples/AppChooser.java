package io.github.hourglassmocap.examples;

import java.util.Arrays;
import javax.swing.JOptionPane;

/**
 * Lists the demos and starts the one chosen. Run: {@code examples/run AppChooser} (or {@code examples/run}).
 */
public final class AppChooser {
    private static final String[] DEMOS = {"LiveAvatarDemo", "BakeVideoDemo", "PreviewSceneDemo"};

    private AppChooser() {
    }

    /**
     * Shows the chooser.
     *
     * @param args passed on to the chosen demo
     * @throws Exception if the demo cannot be started
     */
    public static void main(String[] args) throws Exception {
        Object choice = JOptionPane.showInputDialog(null, "Choose a demo", "hourglass-mocap examples",
                JOptionPane.QUESTION_MESSAGE, null, DEMOS, DEMOS[0]);
        if (choice == null) {
            return;
        }
        if (!Arrays.asList(DEMOS).contains(choice)) {
            throw new IllegalArgumentException("unknown demo " + choice + "; expected one of " + Arrays.toString(DEMOS));
        }
        Class.forName("io.github.hourglassmocap.examples." + choice).getMethod("main", String[].class)
                .invoke(null, (Object) args);
    }
}
