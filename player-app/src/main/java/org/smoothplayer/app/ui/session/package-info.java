/**
 * The Session window: live charts and summary of the running session's events, or of a past log
 * file.
 */
@NullMarked
package org.smoothplayer.app.ui.session;

import org.jspecify.annotations.NullMarked;
