package org.smoothplayer.heuristics.sim;

import java.util.List;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.qoe.QoeMetric;

/**
 * Outcome of one simulated session.
 *
 * @param trace trace name
 * @param policy policy name
 * @param steps every fragment download, in order
 * @param decisions the decision behind each fragment (the first fragment's is the fixed start)
 * @param ladder the ladder
 */
public record SessionResult(
    String trace,
    String policy,
    List<ChunkEnv.Step> steps,
    List<AbrDecision> decisions,
    Ladder ladder) {

  /** Copies the lists. */
  public SessionResult {
    steps = List.copyOf(steps);
    decisions = List.copyOf(decisions);
  }

  /** Benchmark QoE: sum of rewards of fragments 2..N (the switch term of 2 compares with 1). */
  public double qoe(QoeMetric metric) {
    double sum = 0;
    for (int i = 1; i < steps.size(); i++) {
      sum += reward(metric, i);
    }
    return sum;
  }

  /** Strict QoE: also counts fragment 1 (its start-up delay as stall, no switch term). */
  public double qoeStrict(QoeMetric metric) {
    return qoe(metric) + reward(metric, 0);
  }

  /** Reward of fragment {@code i} (fragment 0 compares with itself). */
  public double reward(QoeMetric metric, int i) {
    ChunkEnv.Step s = steps.get(i);
    int previous = i == 0 ? s.level() : steps.get(i - 1).level();
    return metric.reward(ladder, s.level(), previous, s.rebufferMs() / 1000.0);
  }

  /** Mean bitrate of fragments 2..N, kbps. */
  public double meanBitrateKbps() {
    double sum = 0;
    for (int i = 1; i < steps.size(); i++) {
      sum += ladder.bitrateKbps(steps.get(i).level());
    }
    return sum / Math.max(1, steps.size() - 1);
  }

  /** Stall of fragments 2..N, seconds. */
  public double stallS() {
    double sum = 0;
    for (int i = 1; i < steps.size(); i++) {
      sum += steps.get(i).rebufferMs() / 1000.0;
    }
    return sum;
  }

  /** Number of level changes among fragments 1..N. */
  public int switches() {
    int n = 0;
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).level() != steps.get(i - 1).level()) {
        n++;
      }
    }
    return n;
  }

  /** Mean |Δ bitrate| per fragment over fragments 2..N, kbps. */
  public double switchMagnitudeKbps() {
    double sum = 0;
    for (int i = 1; i < steps.size(); i++) {
      sum +=
          Math.abs(
              ladder.bitrateKbps(steps.get(i).level())
                  - ladder.bitrateKbps(steps.get(i - 1).level()));
    }
    return sum / Math.max(1, steps.size() - 1);
  }

  /** The chosen levels in order. */
  public int[] levels() {
    return steps.stream().mapToInt(ChunkEnv.Step::level).toArray();
  }
}
