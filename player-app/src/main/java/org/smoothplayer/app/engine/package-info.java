/**
 * The playback engine: one loop thread owns the playback state; fetch scheduling, decoding, ABR,
 * seek.
 */
@NullMarked
package org.smoothplayer.app.engine;

import org.jspecify.annotations.NullMarked;
