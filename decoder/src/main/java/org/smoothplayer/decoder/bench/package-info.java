/** Runnable decode benchmark against the FFmpeg executable. */
@NullMarked
package org.smoothplayer.decoder.bench;

import org.jspecify.annotations.NullMarked;
