/**
 * Captions: the text streams of a presentation, the TTML parser that turns one document into cues,
 * and the cues shown over the video.
 */
@NullMarked
package org.smoothplayer.app.text;

import org.jspecify.annotations.NullMarked;
