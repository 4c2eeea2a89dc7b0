/** Bitrate policies: our default and faithful re-implementations of published baselines. */
@NullMarked
package org.smoothplayer.heuristics.policy;

import org.jspecify.annotations.NullMarked;
