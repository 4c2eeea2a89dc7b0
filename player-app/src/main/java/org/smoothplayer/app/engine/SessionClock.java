package org.smoothplayer.app.engine;

import org.smoothplayer.app.net.TimeSource;

/** Milliseconds since a session started, from a monotonic time source. Thread-safe (immutable). */
final class SessionClock {
  private final TimeSource time;
  private final long startNs;

  SessionClock(TimeSource time) {
    this.time = time;
    this.startNs = time.nanoTime();
  }

  /** Milliseconds since the session started. */
  double nowMs() {
    return (time.nanoTime() - startNs) / 1e6;
  }

  /** Seconds since the session started. */
  double nowS() {
    return (time.nanoTime() - startNs) / 1e9;
  }

  /** Session time of a {@link TimeSource} reading, seconds. */
  double toS(long nanoTime) {
    return (nanoTime - startNs) / 1e9;
  }

  /** Session time of a {@link TimeSource} reading, milliseconds. */
  double toMs(long nanoTime) {
    return (nanoTime - startNs) / 1e6;
  }
}
