/** Trace-driven chunk-level ABR simulator, offline optimum, benchmark and its command line. */
@NullMarked
package org.smoothplayer.heuristics.sim;

import org.jspecify.annotations.NullMarked;
