/** Tests of the player window: view model units, headless view tests, window playback tests. */
@NullMarked
package org.smoothplayer.app.ui;

import org.jspecify.annotations.NullMarked;
