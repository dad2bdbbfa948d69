/**
 * The jME-facing API of hourglass-mocap: what a game or tool built on jMonkeyEngine uses.
 *
 * <ul>
 *   <li>{@link io.github.hourglassmocap.plugin.MocapAppState}: live capture as an AppState: runs the pipeline
 *       (source, BlazePose 2D, a lifter: HoT by default) off the render thread, drives every character added to it, shows the
 *       HUD ({@link io.github.hourglassmocap.plugin.MocapHud}), and records takes
 *       ({@code startRecording}, {@code stopRecording}, {@code saveLastRecording}, {@code setRecordKey});
 *       {@link io.github.hourglassmocap.plugin.MocapListener} hears its events.</li>
 *   <li>{@link io.github.hourglassmocap.plugin.MocapControl}: the per-character control that applies 3D poses
 *       to one character's armature (cloneable, saved in a j3o), with its solver
 *       {@link io.github.hourglassmocap.plugin.RigRetargeter} behind the
 *       {@link io.github.hourglassmocap.plugin.CharacterRetargeter} interface.</li>
 *   <li>{@link io.github.hourglassmocap.plugin.MocapStages}: the standard pipeline stages (a live source by
 *       name, the 2D stage, the streaming lifter: any shipped model by name) and a ready control for a built-in character.</li>
 *   <li>Exporters: {@link io.github.hourglassmocap.plugin.ClipExporter} (BVH, glTF binary, or your own format,
 *       beside the j3o every recording writes) and {@link io.github.hourglassmocap.plugin.GlbClipExporter}.</li>
 *   <li>Characters: {@link io.github.hourglassmocap.retarget.solve.BuiltInCharacters} (the one catalogue and
 *       loader) and {@link io.github.hourglassmocap.plugin.Armatures} (find a model's armature or a control).</li>
 *   <li>Offline baking of a video into a clip: package {@link io.github.hourglassmocap.plugin.bake}.</li>
 * </ul>
 *
 * <p>Packages named {@code internal} hold the implementation (the offscreen and synthetic renderers, file
 * helpers, the HUD's meshes): public only so that the project's own modules and its command line can use
 * them; they are not API and may change without notice. See {@code docs/plugin.md}.
 */
package io.github.hourglassmocap.plugin;
