/** Fragmented-MP4 demux of Smooth Streaming fragments into samples. */
@NullMarked
package org.smoothplayer.decoder.fragment;

import org.jspecify.annotations.NullMarked;
