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
 */
public record SimConfig(
    double rttMs,
    double payloadFactor,
    double bufferCapMs,
    double drainStepMs,
    int firstLevel,
    boolean abandonRule) {
  /** Pensieve's test environment: 80 ms, 0.95, 60 s, 500 ms, level 1, no abandonment. */
  public static final SimConfig PENSIEVE = new SimConfig(80, 0.95, 60_000, 500, 1, false);

  /** This configuration with the abandon rule on or off. */
  public SimConfig withAbandonRule(boolean on) {
    return new SimConfig(rttMs, payloadFactor, bufferCapMs, drainStepMs, firstLevel, on);
  }
}
