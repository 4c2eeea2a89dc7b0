/**
 * The session-quality log: events, JSON-lines writer and reader, summary and QoE as folds over
 * events.
 */
@NullMarked
package org.smoothplayer.app.session;

import org.jspecify.annotations.NullMarked;
