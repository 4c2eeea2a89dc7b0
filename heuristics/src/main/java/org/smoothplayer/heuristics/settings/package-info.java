/** The typed settings of the heuristics with one schema of every tunable. */
@NullMarked
package org.smoothplayer.heuristics.settings;

import org.jspecify.annotations.NullMarked;
