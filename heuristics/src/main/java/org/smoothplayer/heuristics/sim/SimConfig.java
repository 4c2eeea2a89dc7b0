package org.smoothplayer.heuristics.sim;

/**
 * Constants of the reference simulator (ABR-BENCHMARK §2).
 *
 * @param rttMs added to every fragment's download time, milliseconds (does not advance the trace)
 * @param payloadFactor share of link capacity carrying payload
 * @param bufferCapMs buffer above which the client sleeps, milliseconds
 * @param drainStepMs sleep granularity, milliseconds
 * @param firstLevel level of the first fragment for every policy
 * @param abandonRule whether an online policy's transfers are judged while in flight by the
 *     player's {@link org.smoothplayer.heuristics.AbandonRule} (not part of the reference
 *     simulator: off in {@link #PENSIEVE})
 * @param liveJoinFragments 0 for an on-demand stream (the reference); otherwise the stream is live
 *     and the session joins this many fragment durations behind its edge: fragment {@code i} is
 *     published when {@code (i + 1 - liveJoinFragments)} fragment durations of session time have
 *     passed, and is not requested before (not part of the reference simulator)
 */
public record SimConfig(
    double rttMs,
    double payloadFactor,
    double bufferCapMs,
    double drainStepMs,
    int firstLevel,
    boolean abandonRule,
    double liveJoinFragments) {
  /** Pensieve's test environment: 80 ms, 0.95, 60 s, 500 ms, level 1, no abandonment, on demand. */
  public static final SimConfig PENSIEVE = new SimConfig(80, 0.95, 60_000, 500, 1, false, 0);

  /**
   * Validates the live join distance: 0 (on demand) or at least one fragment, so the next fragment
   * is always published before the buffer runs dry.
   */
  public SimConfig {
    if (liveJoinFragments != 0 && !(liveJoinFragments >= 1)) {
      throw new SimulationDataException(
          "liveJoinFragments: expected 0 (on demand) or >= 1 fragment but was "
              + liveJoinFragments);
    }
  }

  /** This configuration with the abandon rule on or off. */
  public SimConfig withAbandonRule(boolean on) {
    return new SimConfig(
        rttMs, payloadFactor, bufferCapMs, drainStepMs, firstLevel, on, liveJoinFragments);
  }

  /** This configuration live, joining {@code fragments} behind the edge (0: on demand). */
  public SimConfig withLiveJoin(double fragments) {
    return new SimConfig(
        rttMs, payloadFactor, bufferCapMs, drainStepMs, firstLevel, abandonRule, fragments);
  }

  /** Whether the stream is live. */
  public boolean live() {
    return liveJoinFragments > 0;
  }
}
