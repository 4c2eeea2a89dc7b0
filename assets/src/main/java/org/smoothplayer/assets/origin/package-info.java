/**
 * The local Smooth Streaming origin: a small loopback HTTP/1.1 server with link shaping and faults.
 */
@NullMarked
package org.smoothplayer.assets.origin;

import org.jspecify.annotations.NullMarked;
