/**
 * Implementation of the plugin (atomic clip files, screen capture, the HUD's skeleton meshes). Internal: public
 * only for the project's own modules; not API, and may change without notice.
 */
package io.github.hourglassmocap.plugin.internal;
