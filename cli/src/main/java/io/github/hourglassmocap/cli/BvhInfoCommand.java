package io.github.hourglassmocap.cli;

import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.retarget.bvh.BvhJoint;
import io.github.hourglassmocap.retarget.bvh.BvhReader;
import io.github.hourglassmocap.retarget.bvh.BvhRoundTrip;
import io.github.hourglassmocap.retarget.bvh.BvhSkeleton;
import io.github.hourglassmocap.retarget.internal.dataset.FrameRates;
import io.github.hourglassmocap.retarget.humanoid.HumanoidBone;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapException;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapFile;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapper;
import io.github.hourglassmocap.retarget.humanoid.RigDescription;
import io.github.hourglassmocap.retarget.internal.skeleton.Joints17View;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mocap bvh-info}: prints a BVH file's rig, joints, frame count, rate, duration and detected humanoid
 * map; optionally checks that it round-trips through the BVH writer.
 */
@Command(name = "bvh-info", mixinStandardHelpOptions = true,
        description = "Print a BVH file's rig, joints, frames, rate, duration and detected humanoid map "
                + "(and what is left unmapped). Folders are searched for .bvh files.")
public final class BvhInfoCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "BVH", description = "BVH files or folders.")
    private List<Path> inputs;

    @Option(names = "--map", description = "Humanoid mapping file (JSON) that overrides or completes the automatic map.")
    private Path mapFile;

    @Option(names = "--save-map", description = "Write the humanoid map of the (single) file as a mapping file, to edit "
            + "and pass back with --map.")
    private Path saveMap;

    @Option(names = "--joints", description = "List every joint with its parent and channels.")
    private boolean listJoints;

    @Option(names = "--roundtrip", description = "Write each file with the BVH writer, read it back and report the "
            + "largest joint position difference relative to the rig's height (must be < 1e-4).")
    private boolean roundTrip;

    @Option(names = "--brief", description = "One line per file (no map listing).")
    private boolean brief;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private Integer run(PrintWriter out, PrintWriter err) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> s = Files.walk(in)) {
                    s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bvh")).sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(in)) {
                files.add(in);
            } else {
                err.println("bvh-info: no such file or folder: " + in);
                return 2;
            }
        }
        if (saveMap != null && files.size() != 1) {
            err.println("bvh-info: --save-map needs exactly one BVH file, got " + files.size());
            return 2;
        }
        Map<HumanoidBone, String> overrides;
        try {
            overrides = mapFile == null ? null : HumanoidMapFile.read(mapFile);
        } catch (MocapException e) {
            err.println("bvh-info: " + e.getMessage());
            return 2;
        }
        Path tmp = roundTrip ? Files.createTempDirectory("mocap-roundtrip-") : null;
        int failures = 0;
        double worst = 0;
        long start = System.nanoTime();
        try {
            for (Path f : files) {
                lastRelative = 0;
                boolean ok;
                try {
                    ok = info(f, overrides, out, tmp);
                } catch (MocapException e) {
                    err.println("bvh-info: " + e.getMessage());
                    ok = false;
                }
                failures += ok ? 0 : 1;
                worst = Math.max(worst, lastRelative);
            }
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
        if (roundTrip) {
            out.printf(Locale.ROOT, "round trip: %d files, worst error %.3g of the rig's height, %d failed (limit 1e-4), %.1f s%n",
                    files.size(), worst, failures, (System.nanoTime() - start) / 1e9);
        }
        if (failures > 0 && !roundTrip) {
            err.println("bvh-info: " + failures + " of " + files.size() + " files could not be read or mapped");
        }
        return failures == 0 ? 0 : 1;
    }

    private double lastRelative;

    private boolean info(Path f, Map<HumanoidBone, String> overrides, PrintWriter out, Path tmp) throws MocapException {
        BvhSkeleton s;
        int frames;
        double frameTime;
        try (BvhReader r = BvhReader.open(f)) {
            s = r.skeleton();
            frames = r.frameCount();
            frameTime = r.frameTimeSeconds();
        }
        double rate = FrameRates.fromFrameTime(frameTime);
        boolean ok = true;
        String mapLine;
        HumanoidMap map = null;
        try {
            map = HumanoidMapper.map(RigDescription.of(f.toString(), s), overrides);
            Joints17View view = Joints17View.of(s, map);
            if (saveMap != null) {
                HumanoidMapFile.write(saveMap, map);
                out.println("  wrote the humanoid map to " + saveMap);
            }
            mapLine = String.format(Locale.ROOT, "humanoid: mapped %d bones (%d required), stature %.2f file units -> "
                    + "scale %.5f m/unit", map.asMap().size(),
                    map.asMap().keySet().stream().filter(HumanoidBone::isRequired).count(), view.statureUnits(),
                    view.metresPerUnit());
        } catch (HumanoidMapException e) {
            mapLine = "humanoid: NOT MAPPED: " + e.getMessage();
            ok = false;
        }
        if (brief) {
            out.printf(Locale.ROOT, "%s: root %s, %d joints, %d channels, %d frames at %.4g fps (%.2f s); %s%n", f,
                    s.joint(0).name(), s.size(), s.channelCount(), frames, rate, frames / rate,
                    map == null ? "not mapped" : "mapped");
        } else {
            out.printf(Locale.ROOT, "%s%n  rig: %s naming, root %s, %d joints, %d channels%n  %d frames, Frame Time %s s (%.4g fps), "
                    + "duration %.2f s%n  %s%n", f, HumanoidMapper.convention(RigDescription.of(f.toString(), s)),
                    s.joint(0).name(), s.size(), s.channelCount(), frames, frameTime,
                    rate, frames / rate, mapLine);
            if (map != null) {
                for (Map.Entry<HumanoidBone, String> e : map.asMap().entrySet()) {
                    out.printf("    %-26s %s%n", e.getKey().vrmName(), e.getValue());
                }
                List<String> unmapped = HumanoidMapper.unmapped(RigDescription.of(f.toString(), s), map);
                out.println("  unmapped (" + unmapped.size() + "): " + String.join(", ", unmapped));
            }
        }
        if (listJoints) {
            for (BvhJoint j : s.joints()) {
                out.printf("    %3d %-30s parent %-30s %s%s%n", j.index(), j.name(),
                        j.parent() < 0 ? "-" : s.joint(j.parent()).name(),
                        j.channels().stream().map(c -> c.fileName()).toList(), j.hasEndSite() ? " +End Site" : "");
            }
        }
        if (tmp != null) {
            BvhRoundTrip.Result r = BvhRoundTrip.check(f, tmp);
            lastRelative = r.relativeError();
            boolean pass = r.relativeError() < 1e-4;
            out.printf(Locale.ROOT, "  round trip: %d frames, max position error %.3g units = %.3g of height %.4g: %s%n",
                    r.frames(), r.maxErrorUnits(), r.relativeError(), r.sizeUnits(), pass ? "OK" : "FAILED");
            ok &= pass;
        }
        return ok;
    }
}
