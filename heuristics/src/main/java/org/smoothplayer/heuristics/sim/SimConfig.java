package org.smoothplayer.heuristics.sim;

/**
 * Constants of the reference simulator (ABR-BENCHMARK §2).
 *
 * @param rttMs added to every fragment's download time, milliseconds (does not advance the trace)
 * @param payloadFactor share of link capacity carrying payload
 * @param bufferCapMs buffer above which the client sleeps, milliseconds
 * @param drainStepMs sleep granularity, milliseconds
 * @param firstLevel level of the first fragment for every policy
 */
public record SimConfig(
    double rttMs, double payloadFactor, double bufferCapMs, double drainStepMs, int firstLevel) {
  /** Pensieve's test environment: 80 ms, 0.95, 60 s, 500 ms, level 1. */
  public static final SimConfig PENSIEVE = new SimConfig(80, 0.95, 60_000, 500, 1);
}
