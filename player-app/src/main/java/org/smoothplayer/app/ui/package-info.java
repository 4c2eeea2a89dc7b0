/**
 * JavaFX views and view models: player window, controls, quality and audio menus, stats overlay.
 */
@NullMarked
package org.smoothplayer.app.ui;

import org.jspecify.annotations.NullMarked;
