package io.github.hourglassmocap.cli;

import com.jme3.anim.AnimClip;
import com.jme3.asset.AssetManager;
import com.jme3.asset.DesktopAssetManager;
import com.jme3.scene.Spatial;
import io.github.hourglassmocap.inference.MocapException;
import io.github.hourglassmocap.inference.MocapIOException;
import io.github.hourglassmocap.inference.internal.io.AtomicFiles;
import io.github.hourglassmocap.retarget.export.BvhClipExporter;
import io.github.hourglassmocap.retarget.export.GlbExporter;
import io.github.hourglassmocap.retarget.export.J3oExporter;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMap;
import io.github.hourglassmocap.retarget.humanoid.HumanoidMapFile;
import io.github.hourglassmocap.retarget.record.ClipRecorder;
import io.github.hourglassmocap.retarget.record.KeyReduction;
import io.github.hourglassmocap.retarget.solve.BuiltInCharacters;
import io.github.hourglassmocap.retarget.solve.CharacterRig;
import io.github.hourglassmocap.retarget.solve.LiveRetargeter;
import io.github.hourglassmocap.retarget.solve.OfflineRetargeter;
import io.github.hourglassmocap.retarget.solve.RetargetOptions;
import io.github.hourglassmocap.retarget.solve.RetargetResult;
import io.github.hourglassmocap.retarget.solve.SourceSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mocap retarget}: 3D poses in, an animated character out (.j3o, and optionally .bvh and .glb), with
 * the quality figures printed and written as metrics.json (docs/retarget.md).
 */
@Command(name = "retarget", mixinStandardHelpOptions = true,
        description = "Retarget 3D poses (from 'mocap lift') onto a rigged character and export the clip.")
public final class RetargetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "POSE3D", description = "The 3D poses JSON file.")
    Path poses;

    @Option(names = "--character", required = true,
            description = "A built-in character (" + BuiltInCharacters.NAME_LIST + ") or a model file"
                    + " (.j3o, .gltf, .glb, .mesh.xml).")
    String character;

    @Option(names = "--out", required = true, description = "The .j3o to write: the character with the clip in its AnimComposer.")
    Path out;

    @Option(names = "--bvh", description = "Also write the clip as BVH on the character's own skeleton.")
    Path bvh;

    @Option(names = "--glb", description = "Also write the character and the clip as binary glTF.")
    Path glb;

    @Option(names = "--in-place", description = "Keep the hips over the origin (no horizontal root motion).")
    boolean inPlace;

    @Option(names = "--mapping", description = "Humanoid mapping JSON correcting the automatic map (docs/formats.md).")
    Path mapping;

    @Option(names = "--metrics", description = "Where to write the metrics JSON (default: metrics.json next to --out).")
    Path metrics;

    @Option(names = "--live", description = "Process causally, as live capture would (One Euro smoothing, warm-up fit).")
    boolean live;

    @Option(names = "--no-foot-lock", description = "Do not lock planted feet.")
    boolean noFootLock;

    @Option(names = "--cutoff", defaultValue = "6", description = "Offline zero-phase smoothing cutoff in Hz (0 = off; default 6).")
    double cutoff;

    @Option(names = "--key-error", defaultValue = "0",
            description = "Key reduction: largest rotation error in degrees (0 = keep every frame's key; default 0).")
    float keyErrorDegrees;

    @Option(names = "--clip-name", defaultValue = "mocap", description = "Name of the clip (default mocap).")
    String clipName;

    @Override
    public Integer call() {
        try {
            Logger.getLogger("com.jme3").setLevel(Level.SEVERE);
            AssetManager assets = new DesktopAssetManager(true);
            BuiltInCharacters.LoadedCharacter loaded = BuiltInCharacters.loadCharacter(assets, character);
            Spatial model = loaded.model();
            var armature = BuiltInCharacters.findSkinning(model).getArmature();
            // A built-in humanoid keeps its hand-written map; only a user's model is mapped automatically.
            HumanoidMap map = loaded.map(mapping != null ? HumanoidMapFile.read(mapping) : Map.of());
            String mapKind = (loaded.hasHandWrittenMap() ? "built-in" : "automatic")
                    + (mapping != null ? " + " + mapping.getFileName() : "");
            // The solver poses its own copy of the joints; the clip animates the character's.
            CharacterRig rig = CharacterRig.detached(armature, map);
            // Lifted motion faces the camera; the retargeters turn it to the rig's facing.
            SourceSequence source = SourceSequence.read(poses);
            RetargetOptions options = RetargetOptions.defaults().withInPlace(inPlace).withFootLocking(!noFootLock)
                    .withOfflineCutoffHz(cutoff);
            long t0 = System.nanoTime();
            RetargetResult result = live ? new LiveRetargeter(rig, options).runClip(source)
                    : new OfflineRetargeter(rig, options).run(source);
            double ms = (System.nanoTime() - t0) / 1e6;
            KeyReduction reduction = keyErrorDegrees > 0
                    ? new KeyReduction(keyErrorDegrees, 0.002f * rig.getLegLength()) : KeyReduction.NONE;
            AnimClip clip = ClipRecorder.clipOf(result, clipName, reduction, armature);
            Path metricsPath = metrics != null ? metrics
                    : (out.toAbsolutePath().getParent() == null ? Path.of("metrics.json") : out.toAbsolutePath().getParent().resolve("metrics.json"));
            StaleTemporaries.remove(out, glb, bvh, metricsPath);
            J3oExporter.export(model, clip, out);
            if (glb != null) {
                GlbExporter.export(model, clip, assets, glb);
            }
            if (bvh != null) {
                BvhClipExporter.export(clip, armature, source.getFrameRateHz(), bvh);
            }
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("source", poses.toString());
            extra.put("character", character);
            extra.put("mapping", mapKind);
            extra.put("restPose", rig.getRestPoseKind().name());
            extra.put("mode", live ? "live" : "offline");
            extra.put("clip", out.toString());
            try {
                Files.createDirectories(metricsPath.toAbsolutePath().getParent());
                AtomicFiles.writeString(metricsPath, result.getMetrics().toJsonText(extra));
            } catch (java.io.IOException e) {
                throw new MocapIOException("cannot write " + metricsPath + ": " + e.getMessage()
                        + " (check that the folder is writable and the disk is not full)", e);
            }
            System.out.printf(Locale.ROOT, "retargeted %d frames onto %s (%s rest pose, %d spine bones, %s map) in %.0f ms (%.2f ms/frame), %s%n",
                    source.size(), character, rig.getRestPoseKind(), rig.getSpineChain().length, mapKind, ms, ms / source.size(),
                    live ? "live path" : "offline path");
            System.out.print(result.getMetrics().format());
            System.out.println("wrote " + String.join(", ", written(metricsPath)));
            return 0;
        } catch (MocapException | IllegalArgumentException e) {
            System.err.println("mocap retarget: " + e.getMessage());
            return 1;
        }
    }

    private List<String> written(Path metricsPath) {
        List<String> files = new java.util.ArrayList<>();
        files.add(out.toString());
        if (glb != null) {
            files.add(glb.toString());
        }
        if (bvh != null) {
            files.add(bvh.toString());
        }
        files.add(metricsPath.toString());
        return files;
    }
}
