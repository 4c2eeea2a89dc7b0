/**
 * QA reports from session events: time series and Java2D charts, per-fragment CSV rows and
 * comparison tables; headless (no JavaFX).
 */
@NullMarked
package org.smoothplayer.app.session.report;

import org.jspecify.annotations.NullMarked;
