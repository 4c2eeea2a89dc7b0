/** Architecture tests and planted violations (test sources only). */
@NullMarked
package org.smoothplayer.decoder.planted;

import org.jspecify.annotations.NullMarked;
