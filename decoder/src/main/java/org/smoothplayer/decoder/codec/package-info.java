/** Codec configuration from manifest data: H.264, HEVC, AAC. */
@NullMarked
package org.smoothplayer.decoder.codec;

import org.jspecify.annotations.NullMarked;
