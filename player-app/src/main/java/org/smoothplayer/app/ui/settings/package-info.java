/**
 * The settings panel: a form generated from the settings schema, named profiles, import and export.
 */
@NullMarked
package org.smoothplayer.app.ui.settings;

import org.jspecify.annotations.NullMarked;
