/** Fragment demux, codec configuration and FFmpeg decoding. */
@NullMarked
package org.smoothplayer.decoder;

import org.jspecify.annotations.NullMarked;
