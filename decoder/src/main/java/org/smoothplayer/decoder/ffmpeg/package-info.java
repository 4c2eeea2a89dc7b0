/** FFmpeg (bytedeco) implementations of the video and audio decoders. */
@NullMarked
package org.smoothplayer.decoder.ffmpeg;

import org.jspecify.annotations.NullMarked;
