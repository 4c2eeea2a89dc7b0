package org.smoothplayer.heuristics.sim;

/**
 * Position inside a trace (Pensieve's {@code mahimahi_ptr} and {@code last_mahimahi_time}), and the
 * exact transfer and sleep arithmetic of the reference simulator. Mutable; owned by one simulated
 * session (one thread).
 */
public final class LinkCursor {
  private final Trace trace;
  private int pointer;
  private double lastTimeS;

  /** A cursor at the start of {@code trace}: pointer 1, last time = time[0]. */
  public LinkCursor(Trace trace) {
    this(trace, 1, trace.timeS()[0]);
  }

  private LinkCursor(Trace trace, int pointer, double lastTimeS) {
    this.trace = trace;
    this.pointer = pointer;
    this.lastTimeS = lastTimeS;
  }

  /** An independent copy at the same position. */
  public LinkCursor copy() {
    return new LinkCursor(trace, pointer, lastTimeS);
  }

  /** Moves this cursor to another position of the same trace. */
  public void moveTo(int newPointer, double newLastTimeS) {
    this.pointer = newPointer;
    this.lastTimeS = newLastTimeS;
  }

  /** Trace position in seconds (time inside the current loop of the trace). */
  public double positionS() {
    return lastTimeS;
  }

  /** Sample index the cursor is in. */
  public int pointer() {
    return pointer;
  }

  /**
   * Transfers {@code bytes} from the current position with payload factor {@code payload}; returns
   * the transfer time in seconds (no RTT) and moves the position.
   */
  public double transferS(long bytes, double payload) {
    return transferUpTo(bytes, payload, Double.POSITIVE_INFINITY)[1];
  }

  /**
   * Transfers at most {@code bytes} for at most {@code maxS} seconds of link time from the current
   * position, with payload factor {@code payload} (the arithmetic of {@link #transferS}, stopped
   * part-way); moves the position by the time used.
   *
   * @return {@code [bytes sent, seconds used]}; fewer seconds than {@code maxS} only when the bytes
   *     are all sent
   */
  public double[] transferUpTo(double bytes, double payload, double maxS) {
    double[] time = trace.timeS();
    double[] bw = trace.bandwidthMbps();
    double usedS = 0;
    double sent = 0;
    int fullLoopsWithoutProgress = 0;
    while (true) {
      double throughput = bw[pointer] * 1_000_000 / 8;
      double duration = time[pointer] - lastTimeS;
      double leftS = maxS - usedS;
      double packet = throughput * duration * payload;
      if (sent + packet > bytes && throughput > 0) {
        double fractional = (bytes - sent) / throughput / payload;
        if (fractional <= leftS) {
          lastTimeS += fractional;
          return new double[] {bytes, usedS + fractional};
        }
      }
      if (duration >= leftS) {
        lastTimeS += leftS;
        return new double[] {sent + throughput * leftS * payload, maxS};
      }
      sent += packet;
      usedS += duration;
      lastTimeS = time[pointer];
      pointer++;
      if (pointer >= bw.length) {
        pointer = 1;
        lastTimeS = 0;
        if (++fullLoopsWithoutProgress > 1_000_000) {
          throw new SimulationDataException(trace.name() + ": transfer does not progress");
        }
      }
    }
  }

  /** Advances the position by {@code sleepMs} (Pensieve's drain loop, in milliseconds). */
  public void sleepMs(double sleepMs) {
    double[] time = trace.timeS();
    double left = sleepMs;
    while (true) {
      double duration = time[pointer] - lastTimeS;
      if (duration > left / 1000.0) {
        lastTimeS += left / 1000.0;
        return;
      }
      left -= duration * 1000.0;
      lastTimeS = time[pointer];
      pointer++;
      if (pointer >= time.length) {
        pointer = 1;
        lastTimeS = 0;
      }
    }
  }
}
