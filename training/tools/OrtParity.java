import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Development check (not part of the Maven build): runs an exported lifter in ONNX Runtime (Java)
 * on the golden inputs written by training/export.py and prints the largest difference from the
 * PyTorch outputs and whether the kept frames agree.
 * Usage: java -cp onnxruntime-1.20.0.jar training/tools/OrtParity.java model.onnx golden.json [more.json]
 */
public final class OrtParity {
    private OrtParity() {
    }

    /** Returns every numeric array that follows {@code "key": [} in the text, in order. */
    static List<double[]> arrays(String text, String key) {
        List<double[]> out = new ArrayList<>();
        String pat = "\"" + key + "\": [";
        int i = 0;
        while ((i = text.indexOf(pat, i)) >= 0) {
            int s = i + pat.length();
            int e = text.indexOf(']', s);
            String body = text.substring(s, e).trim();
            out.add(body.isEmpty() ? new double[0]
                    : Arrays.stream(body.split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray());
            i = e;
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int failures = 0;
        try (OrtSession session = env.createSession(args[0], new OrtSession.SessionOptions())) {
            for (int a = 1; a < args.length; a++) {
                String text = Files.readString(Path.of(args[a]));
                List<double[]> inputs = arrays(text, "input");
                List<double[]> outputs = arrays(text, "output");
                List<double[]> shapes = arrays(text, "inputShape");
                List<double[]> kept = arrays(text, "keptFrames");
                for (int c = 0; c < inputs.size(); c++) {
                    double[] in = inputs.get(c);
                    long[] shape = Arrays.stream(shapes.get(c)).mapToLong(v -> (long) v).toArray();
                    float[] f = new float[in.length];
                    for (int j = 0; j < f.length; j++) {
                        f[j] = (float) in[j];
                    }
                    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
                         OrtSession.Result r = session.run(Map.of("keypoints", t))) {
                        float[] y = ((OnnxTensor) r.get("pose3d").get()).getFloatBuffer().array();
                        double[] want = outputs.get(c);
                        double maxDiff = 0;
                        for (int j = 0; j < y.length; j++) {
                            maxDiff = Math.max(maxDiff, Math.abs(y[j] - want[j]));
                        }
                        String keptMsg = "";
                        if (!kept.isEmpty() && r.get("keptFrames").isPresent()) {
                            long[] k = ((OnnxTensor) r.get("keptFrames").get()).getLongBuffer().array();
                            double[] wk = kept.get(c);
                            boolean same = k.length == wk.length;
                            for (int j = 0; same && j < k.length; j++) {
                                same = k[j] == (long) wk[j];
                            }
                            keptMsg = " kept " + Arrays.toString(k) + (same ? " (same)" : " DIFFERENT from " + Arrays.toString(wk));
                            if (!same) {
                                failures++;
                            }
                        }
                        boolean ok = maxDiff < 1e-4;
                        if (!ok) {
                            failures++;
                        }
                        System.out.printf("%s case %d: max |diff| %.3g m %s%s%n", args[a], c, maxDiff, ok ? "OK" : "FAIL", keptMsg);
                    }
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
