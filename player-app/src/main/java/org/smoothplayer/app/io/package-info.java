/** File and socket errors in words, for the command line and the window alike. */
@NullMarked
package org.smoothplayer.app.io;

import org.jspecify.annotations.NullMarked;
