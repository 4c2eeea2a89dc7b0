/** Architecture tests and planted violations (test sources only). */
@NullMarked
package org.smoothplayer.app.architecture;

import org.jspecify.annotations.NullMarked;
