package org.smoothplayer.app.net;

/** Monotonic nanosecond clock used to time transfers; injected so tests control it. */
@FunctionalInterface
public interface TimeSource {
  /** Current monotonic time in nanoseconds (arbitrary origin). */
  long nanoTime();

  /** The JVM's monotonic clock. */
  static TimeSource system() {
    return System::nanoTime;
  }
}
