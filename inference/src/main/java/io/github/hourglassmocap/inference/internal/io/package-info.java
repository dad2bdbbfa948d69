/**
 * File helpers shared by the modules: atomic writes, JSON field checks, run ids. Internal: not API.
 */
package io.github.hourglassmocap.inference.internal.io;
