/** HTTP transfers over OkHttp with timing, redirect and size limits, timeouts and cancellation. */
@NullMarked
package org.smoothplayer.app.net;

import org.jspecify.annotations.NullMarked;
