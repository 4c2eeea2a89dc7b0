package org.smoothplayer.heuristics.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.Level;
import org.smoothplayer.heuristics.TransferSample;
import org.smoothplayer.heuristics.UpcomingSizes;
import org.smoothplayer.heuristics.settings.DefaultPolicySettings;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;

/**
 * The default's pruned search finds the same best score as enumerating every level sequence (each
 * step at the scenario bandwidths times its reversion towards the long-run mean).
 */
class DefaultPolicyPlannerTest {
  private static final Ladder LADDER =
      new Ladder(
          List.of(
              new Level(300_000, 640, 360),
              new Level(750_000, 640, 360),
              new Level(1_200_000, 640, 360),
              new Level(1_850_000, 640, 360),
              new Level(2_850_000, 640, 360),
              new Level(4_300_000, 640, 360)));

  @Test
  void the_dominance_search_scores_the_best_plan_exactly_like_full_enumeration() {
    DefaultPolicySettings settings =
        HeuristicsSettings.DEFAULTS
            .with("heuristics.default.bandwidthGridPerOctave", 0)
            .with("heuristics.default.horizon", 5)
            .defaultPolicy();
    DefaultPolicy policy = new DefaultPolicy(settings);
    Random random = new Random(11);
    for (int trial = 0; trial < 150; trial++) {
      double bufferS = random.nextDouble() * (random.nextBoolean() ? 40 : 6);
      int remaining = 1 + random.nextInt(20);
      int previous = random.nextInt(6);
      List<TransferSample> samples = new ArrayList<>();
      double t = 0;
      for (int i = 0; i < 1 + random.nextInt(12); i++) {
        double ms = 200 + random.nextDouble() * 8000;
        t += ms / 1000;
        samples.add(new TransferSample(50_000 + random.nextInt(2_000_000), ms, t));
      }
      long[][] sizes = new long[6][48];
      for (int l = 0; l < 6; l++) {
        for (int f = 0; f < 48; f++) {
          sizes[l][f] = LADDER.bitrateBps(l) / 2 + random.nextInt(60_000);
        }
      }
      AbrInput input =
          AbrInput.builder(LADDER)
              .nowS(t)
              .bufferedS(bufferS)
              .fragmentDurationS(4)
              .upcomingSizes(UpcomingSizes.of(sizes, 48 - remaining, remaining))
              .fragmentsRemaining(remaining)
              .previousLevel(previous, 0)
              .samples(samples)
              .build();
      AbrDecision d = policy.decide(input);
      double prediction = d.numbers().get("predictionBps");
      double longRunRatio = d.numbers().get("longRunBps") / prediction;
      double[] scenarios =
          Arrays.stream(policy.scenarioFactors(samples)).map(f -> f * prediction).toArray();
      int horizon = Math.min(remaining, settings.horizon());
      double[] buffers = new double[scenarios.length];
      Arrays.fill(buffers, bufferS);
      double best =
          enumerate(
              settings,
              sizes,
              48 - remaining,
              horizon,
              remaining > horizon,
              scenarios,
              previous,
              buffers,
              0,
              longRunRatio,
              0);
      assertThat(d.numbers().get("expectedScore"))
          .as("trial " + trial)
          .isCloseTo(best, within(1e-9));
    }
  }

  /**
   * Best score over every level sequence of the remaining {@code steps} 4-s fragments; step {@code
   * depth} plans at the scenario bandwidths × longRunRatio^(1 − (1 − reversion)^depth).
   */
  private static double enumerate(
      DefaultPolicySettings s,
      long[][] sizes,
      int fragment,
      int steps,
      boolean goesOn,
      double[] scenarioBps,
      int previous,
      double[] buffers,
      double score,
      double longRunRatio,
      int depth) {
    if (steps == 0) {
      double terminal = 0;
      for (double b : buffers) {
        terminal += Math.min(b, s.terminalBufferCapS());
      }
      return score + (goesOn ? s.terminalBufferValue() * terminal / buffers.length : 0);
    }
    double best = Double.NEGATIVE_INFINITY;
    double stepFactor = Math.pow(longRunRatio, 1 - Math.pow(1 - s.reversionPerStep(), depth));
    for (int level = 0; level < 6; level++) {
      double[] next = new double[buffers.length];
      double stallS = 0;
      for (int i = 0; i < buffers.length; i++) {
        double downloadS = sizes[level][fragment] * 8.0 / (scenarioBps[i] * stepFactor);
        stallS += Math.max(0, downloadS - buffers[i]);
        next[i] = Math.max(0, buffers[i] - downloadS) + 4;
      }
      double mbps = LADDER.bitrateBps(level) / 1e6;
      double reward =
          mbps
              - s.switchPenalty() * Math.abs(mbps - LADDER.bitrateBps(previous) / 1e6)
              - s.stallPenaltyPerS() * stallS / buffers.length;
      best =
          Math.max(
              best,
              enumerate(
                  s,
                  sizes,
                  fragment + 1,
                  steps - 1,
                  goesOn,
                  scenarioBps,
                  level,
                  next,
                  score + reward,
                  longRunRatio,
                  depth + 1));
    }
    return best;
  }
}
