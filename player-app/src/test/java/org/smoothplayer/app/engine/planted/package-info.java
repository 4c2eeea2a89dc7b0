/** Architecture tests and planted violations (test sources only). */
@NullMarked
package org.smoothplayer.app.engine.planted;

import org.jspecify.annotations.NullMarked;
