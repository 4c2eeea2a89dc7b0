/** Tests of the TTML caption parser and its cues. */
@NullMarked
package org.smoothplayer.app.text;

import org.jspecify.annotations.NullMarked;
