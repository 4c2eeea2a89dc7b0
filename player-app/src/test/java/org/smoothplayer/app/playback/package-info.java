/** Tests of the audio output, master clock, video presenter and headless renderer. */
@NullMarked
package org.smoothplayer.app.playback;

import org.jspecify.annotations.NullMarked;
