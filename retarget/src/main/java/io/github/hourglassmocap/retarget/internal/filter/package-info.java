/**
 * Rotation filters for the retargeter: One Euro on quaternions, zero-phase smoothing, sign continuity.
 * Internal: public only for the project's own modules; not API.
 */
package io.github.hourglassmocap.retarget.internal.filter;
