/** Audio decoding API: decoders and 48 kHz stereo PCM chunks. */
@NullMarked
package org.smoothplayer.decoder.audio;

import org.jspecify.annotations.NullMarked;
