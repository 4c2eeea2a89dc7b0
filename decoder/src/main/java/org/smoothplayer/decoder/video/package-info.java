/** Video decoding API: decoders, render-ready BGRA frames and their buffer pool. */
@NullMarked
package org.smoothplayer.decoder.video;

import org.jspecify.annotations.NullMarked;
