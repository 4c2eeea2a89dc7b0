/** Tests of the command line. */
@NullMarked
package org.smoothplayer.app.cli;

import org.jspecify.annotations.NullMarked;
