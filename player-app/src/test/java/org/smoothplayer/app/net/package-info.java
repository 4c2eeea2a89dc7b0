/** Tests of the HTTP fetcher against loopback servers. */
@NullMarked
package org.smoothplayer.app.net;

import org.jspecify.annotations.NullMarked;
