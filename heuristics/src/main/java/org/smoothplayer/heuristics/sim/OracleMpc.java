package org.smoothplayer.heuristics.sim;

import java.util.Map;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.qoe.QoeMetric;

/**
 * "MPC with perfect future bandwidth": enumerates every level sequence over the horizon on a copy
 * of the exact simulator state (true trace, RTT, buffer cap) and applies the first level of the
 * sequence with the best metric reward. A near-ceiling reference, not an online policy.
 */
public final class OracleMpc implements Simulation.Decider {
  private final int horizon;
  private final QoeMetric metric;
  private double bestReward;
  private int bestFirst;

  /** Oracle with horizon {@code horizon} optimising {@code metric}. */
  public OracleMpc(int horizon, QoeMetric metric) {
    this.horizon = horizon;
    this.metric = metric;
  }

  @Override
  public AbrDecision decide(AbrInput input, ChunkEnv state) {
    int h = Math.min(horizon, input.fragmentsRemaining());
    bestReward = Double.NEGATIVE_INFINITY;
    bestFirst = 0;
    dfs(state, input.ladder(), h, 0, input.previousLevel().orElse(0), 0, -1);
    return new AbrDecision(bestFirst, "oracle-lookahead", Map.of("score", bestReward));
  }

  private void dfs(
      ChunkEnv state, Ladder ladder, int h, int depth, int previous, double reward, int first) {
    if (depth == h) {
      if (reward > bestReward) {
        bestReward = reward;
        bestFirst = first;
      }
      return;
    }
    for (int level = 0; level <= ladder.top(); level++) {
      ChunkEnv e = state.copy();
      ChunkEnv.Step s = e.fetch(level);
      double r = reward + metric.reward(ladder, level, previous, s.rebufferMs() / 1000.0);
      dfs(e, ladder, h, depth + 1, level, r, depth == 0 ? level : first);
    }
  }
}
