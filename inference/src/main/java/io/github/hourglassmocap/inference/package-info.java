/**
 * The pipeline's front half, with no jME: video sources, the BlazePose 2D stage, the HoT lifter and the
 * streaming pipeline. This package holds the project's one checked exception,
 * {@link io.github.hourglassmocap.inference.MocapException}, and its subclasses for decoding, I/O and model
 * loading. Packages named {@code internal} are implementation, not API.
 */
package io.github.hourglassmocap.inference;
