/** Live mode of the local origin: a presentation published over time with a sliding DVR window. */
@NullMarked
package org.smoothplayer.assets.origin.live;

import org.jspecify.annotations.NullMarked;
