/** The application icon: its Java2D generator and checks of the committed icon files. */
@NullMarked
package org.smoothplayer.assets.icons;

import org.jspecify.annotations.NullMarked;
