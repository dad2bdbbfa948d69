/**
 * Fuzzing of the input readers behind {@code mocap fuzz}. Internal: public only for the project's own modules
 * and its command line; not API.
 */
package io.github.hourglassmocap.retarget.internal.fuzz;
