/** The command line: play, probe, generate, origin, simulate, bench. */
@NullMarked
package org.smoothplayer.app.cli;

import org.jspecify.annotations.NullMarked;
