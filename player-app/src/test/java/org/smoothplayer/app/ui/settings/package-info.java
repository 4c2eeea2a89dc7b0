/** Tests of the settings panel: the view model with plain JUnit, the panel with TestFX. */
@NullMarked
package org.smoothplayer.app.ui.settings;

import org.jspecify.annotations.NullMarked;
