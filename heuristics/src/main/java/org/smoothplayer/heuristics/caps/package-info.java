/** Caps applied on top of any policy: frame drops, viewport, manual cap and forced level. */
@NullMarked
package org.smoothplayer.heuristics.caps;

import org.jspecify.annotations.NullMarked;
