/** Audio output and master clock, video frame presentation with drop accounting and A/V drift. */
@NullMarked
package org.smoothplayer.app.playback;

import org.jspecify.annotations.NullMarked;
