package org.smoothplayer.assets.origin;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The origin's one bottleneck link, shared by every response. A sender asks for a quantum of bytes;
 * the link reserves the next free slot of link time able to carry it (at the trace's capacity) and
 * the sender waits until that slot ends before writing. Each sender holds at most one reservation
 * at a time, so concurrent senders are served round-robin in quanta and share the capacity.
 *
 * <p>An idle link banks no capacity: a response's first quantum starts no earlier than now. A
 * sender continuing its response may start its next quantum up to {@link #CATCH_UP_SECONDS} in the
 * past, when the link was left idle meanwhile: that absorbs our own thread waking late (the real
 * link would have kept sending from the socket buffer) without giving new transfers a burst.
 */
final class SharedLink {
  /** Smallest quantum, in bytes. */
  static final int MIN_QUANTUM_BYTES = 1024;

  /** Largest quantum, in bytes. */
  static final int MAX_QUANTUM_BYTES = 16 * 1024;

  /** A quantum lasts about this long at the current capacity (clamped to the byte bounds). */
  private static final double QUANTUM_SECONDS = 0.004;

  /** How far a continuing sender's next quantum may start in the past (idle link only). */
  static final double CATCH_UP_SECONDS = 0.200;

  private final LinkTrace trace;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private final Object lock = new Object();

  // Guarded by lock; read and written by every connection thread.
  private double linkFreeAtSeconds;

  SharedLink(LinkTrace trace, LongSupplier nanoTime) {
    this.trace = trace;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  LinkTrace trace() {
    return trace;
  }

  /** Seconds of link time since the link (the origin) started. */
  double nowSeconds() {
    return (nanoTime.getAsLong() - startNanos) / 1e9;
  }

  /**
   * The next quantum size for a sender with {@code remainingBytes} left, at the current capacity.
   */
  int quantumBytes(long remainingBytes) {
    double bytes = trace.capacityBytesPerSecondAt(nowSeconds()) * QUANTUM_SECONDS;
    int quantum = (int) Math.max(MIN_QUANTUM_BYTES, Math.min(MAX_QUANTUM_BYTES, bytes));
    return (int) Math.min(quantum, remainingBytes);
  }

  /**
   * Reserves link time for {@code bytes} and returns the link time (seconds) at which they have
   * been carried; the caller waits until then with {@link #awaitSeconds(double)}.
   *
   * @param continuing whether this quantum directly follows the caller's previous one in the same
   *     response (false for a response's first quantum and after a pause such as a stall)
   */
  double reserve(int bytes, boolean continuing) {
    synchronized (lock) {
      double now = nowSeconds();
      double earliest = continuing ? now - CATCH_UP_SECONDS : now;
      double start = Math.max(earliest, linkFreeAtSeconds);
      double finish = trace.finishSeconds(start, bytes);
      linkFreeAtSeconds = finish;
      return finish;
    }
  }

  /** Blocks until link time {@code seconds}. */
  void awaitSeconds(double seconds) throws InterruptedException {
    long deadlineNanos = startNanos + (long) Math.ceil(seconds * 1e9);
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("link wait interrupted");
      }
      long leftNanos = deadlineNanos - nanoTime.getAsLong();
      if (leftNanos <= 0) {
        return;
      }
      LockSupport.parkNanos(this, leftNanos);
    }
  }
}
