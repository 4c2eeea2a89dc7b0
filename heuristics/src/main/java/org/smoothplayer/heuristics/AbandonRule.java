package org.smoothplayer.heuristics;

import java.util.Locale;
import java.util.Optional;
import java.util.function.IntToLongFunction;

/**
 * When a fragment transfer in flight is given up, and at which level it is asked again. Pure: the
 * player's playback loop (and the simulator, when asked to) measures the transfer and this judges
 * it, rule by rule, first match wins:
 *
 * <ol>
 *   <li><b>Stalled transfer</b>: no new byte for {@link #STALLED_TRANSFER_MIN_S} or a fragment's
 *       duration, whichever is longer. The fragment is retried under the retry policy (fallback
 *       level -1).
 *   <li><b>Deadline</b>: above level 0 and not complete after the larger of three fragment
 *       durations and the buffer the transfer started with. Refetched at once at level 0.
 *   <li><b>Projection</b> (video only, above level 0, from {@link #ABANDON_MIN_ELAPSED_S} on): at
 *       the recent rate, the rest would arrive more than {@link #ABANDON_SLACK_FRAGMENTS} fragments
 *       after the buffer runs dry. Refetched at once at the highest lower level whose whole
 *       fragment fits in the buffer at that rate, or level 0 (the dash.js abandon rule).
 * </ol>
 *
 * <p>A transfer given up is not a transfer sample for the heuristics: the fragment's refetch
 * measures the same link, so an outage counts once. Counted as samples too, the partial transfers
 * of one outage (two or three, each as heavy as a whole fragment's) kept the default policy's low
 * throughput scenarios near zero for the next ten transfers, on the lowest level with 40 s buffered
 * after the link had come back (docs/BENCHMARKS.md, abandon rule).
 */
public final class AbandonRule {

  /** A transfer with no new byte for this long (or a fragment duration if longer) is given up. */
  public static final double STALLED_TRANSFER_MIN_S = 3.0;

  /** A transfer is judged by the projection only after this long (a rate needs a sample). */
  public static final double ABANDON_MIN_ELAPSED_S = 0.5;

  /** The projection gives up only when the end is this many fragments after the buffer runs dry. */
  public static final double ABANDON_SLACK_FRAGMENTS = 0.5;

  private AbandonRule() {}

  /**
   * One transfer in flight as the loop sees it.
   *
   * @param video whether it is a video fragment (only video is judged by the projection)
   * @param level the level requested
   * @param elapsedS time since the request
   * @param silentS time since the last new byte (or since the request, before the first byte)
   * @param fragmentS the fragment's media duration
   * @param bytesReceived body bytes received so far
   * @param recentBps the rate over the last seconds, or a negative value when too early to tell
   * @param bufferS media buffered ahead of the position now
   * @param bufferAtRequestS media buffered ahead of the position when the request was made
   */
  public record InFlight(
      boolean video,
      int level,
      double elapsedS,
      double silentS,
      double fragmentS,
      long bytesReceived,
      double recentBps,
      double bufferS,
      double bufferAtRequestS) {}

  /**
   * A transfer to give up.
   *
   * @param reason why, for the session log
   * @param fallbackLevel the level to refetch at once, or -1 to retry under the retry policy
   */
  public record Verdict(String reason, int fallbackLevel) {

    /**
     * The stalled-transfer verdict: no new byte for the stall limit (the one verdict retried under
     * the retry policy rather than refetched lower at once).
     */
    public boolean stalled() {
      return fallbackLevel < 0;
    }
  }

  /**
   * Judges {@code t}; {@code bitrateBps} gives the bitrate of each level of its stream (levels
   * ordered by bitrate, lowest first). Empty when the transfer goes on.
   */
  public static Optional<Verdict> judge(InFlight t, IntToLongFunction bitrateBps) {
    double fragmentS = Math.max(0.1, t.fragmentS());
    double stallLimitS = Math.max(STALLED_TRANSFER_MIN_S, fragmentS);
    if (t.silentS() > stallLimitS) {
      return Optional.of(
          new Verdict("no data for " + fmt(t.silentS()) + " s (stalled transfer)", -1));
    }
    double deadlineS = Math.max(3 * fragmentS, t.bufferAtRequestS());
    if (t.level() > 0 && t.elapsedS() > deadlineS) {
      return Optional.of(
          new Verdict(
              "not complete within the deadline of " + fmt(deadlineS) + " s; refetching at level 0",
              0));
    }
    if (!t.video() || t.level() <= 0 || t.elapsedS() < ABANDON_MIN_ELAPSED_S) {
      return Optional.empty();
    }
    double rateBps = t.recentBps() >= 0 ? t.recentBps() : t.bytesReceived() * 8 / t.elapsedS();
    double expectedBytes = bitrateBps.applyAsLong(t.level()) * fragmentS / 8;
    double remainingS =
        rateBps <= 0 ? Double.POSITIVE_INFINITY : (expectedBytes - t.bytesReceived()) * 8 / rateBps;
    if (remainingS <= t.bufferS() + ABANDON_SLACK_FRAGMENTS * fragmentS) {
      return Optional.empty();
    }
    int lower = 0;
    for (int l = t.level() - 1; l > 0; l--) {
      double seconds = bitrateBps.applyAsLong(l) * fragmentS / Math.max(1, rateBps);
      if (seconds < t.bufferS()) {
        lower = l;
        break;
      }
    }
    return Optional.of(
        new Verdict(
            String.format(
                Locale.ROOT,
                "projected %.1f s to finish at %.0f kbps with %.1f s buffered; refetching at level %d",
                remainingS,
                rateBps / 1000,
                t.bufferS(),
                lower),
            lower));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
