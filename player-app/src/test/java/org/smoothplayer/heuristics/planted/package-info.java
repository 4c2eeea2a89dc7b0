/** Architecture tests and planted violations (test sources only). */
@NullMarked
package org.smoothplayer.heuristics.planted;

import org.jspecify.annotations.NullMarked;
