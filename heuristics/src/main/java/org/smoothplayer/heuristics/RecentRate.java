package org.smoothplayer.heuristics;

import java.util.ArrayDeque;

/**
 * The recent rate of one transfer in flight, as the {@link AbandonRule} is given it: a progress
 * point (time, bytes so far) is kept at most every {@link #POINT_INTERVAL_NS}, the last {@link
 * #POINTS} of them (2 s), and the rate is the bytes since the oldest point over the time since it,
 * once that is at least {@link #MIN_SPAN_NS}. Pure arithmetic on the times given (no clock read).
 *
 * <p>Mutable, owned by whoever watches the transfer (the playback loop thread in the player, one
 * simulated session in the simulator); {@link #clear} when a new transfer starts.
 */
public final class RecentRate {
  /** Least time between two progress points. */
  public static final long POINT_INTERVAL_NS = 250_000_000L;

  /** Progress points kept: 2 s at {@link #POINT_INTERVAL_NS}. */
  public static final int POINTS = 9;

  /** A rate needs at least this much time between the oldest point and now. */
  public static final long MIN_SPAN_NS = 500_000_000L;

  private final ArrayDeque<long[]> points = new ArrayDeque<>();

  /**
   * Records {@code bytes} received by {@code nowNs} and returns the recent rate in bit/s, or -1
   * when too early to tell.
   */
  public double observe(long nowNs, long bytes) {
    if (points.isEmpty() || nowNs - points.peekLast()[0] >= POINT_INTERVAL_NS) {
      points.addLast(new long[] {nowNs, bytes});
      while (points.size() > POINTS) {
        points.removeFirst();
      }
    }
    long[] first = points.peekFirst();
    long spanNs = nowNs - first[0];
    return spanNs < MIN_SPAN_NS ? -1 : (bytes - first[1]) * 8 / (spanNs / 1e9);
  }

  /** Forgets every point (a new transfer starts). */
  public void clear() {
    points.clear();
  }
}
