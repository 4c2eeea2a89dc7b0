/**
 * The player's configuration: buffer, network and heuristics settings with defaults next to their
 * knobs.
 */
@NullMarked
package org.smoothplayer.app.config;

import org.jspecify.annotations.NullMarked;
