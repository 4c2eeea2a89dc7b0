/** Tests of the Session window: the view model with plain JUnit, the window with TestFX. */
@NullMarked
package org.smoothplayer.app.ui.session;

import org.jspecify.annotations.NullMarked;
