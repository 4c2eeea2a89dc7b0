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
import org.smoothplayer.heuristics.TransferSample;
import org.smoothplayer.heuristics.UpcomingSizes;
import org.smoothplayer.heuristics.settings.DefaultPolicySettings;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;

/**
 * The default's pruned search finds the same best score as enumerating every level sequence (each
 * step at the scenario bandwidths times its reversion towards the long-run mean).
 */
class DefaultPolicyPlannerTest {
  private static final Ladder LADDER = PensieveLadder.LADDER;

  @Test
  void the_dominance_search_scores_the_best_plan_exactly_like_full_enumeration() {
    DefaultPolicySettings settings =
        HeuristicsSettings.DEFAULTS
            .with("heuristics.default.bandwidthGridPerOctave", 0)
            .with("heuristics.default.horizon", 5)
            .with("heuristics.default.endStretch", 2)
            .with("heuristics.default.endReserveS", 8)
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
      int[] bounds = policy.stepBounds(remaining, 1);
      double[] buffers = new double[scenarios.length];
      Arrays.fill(buffers, bufferS);
      double best =
          enumerate(
              settings,
              sizes,
              48 - remaining,
              bounds,
              remaining > bounds[bounds.length - 1],
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

  @Test
  void with_an_end_stretch_the_plan_reaches_the_end_of_the_stream_once_it_is_within_reach() {
    DefaultPolicy policy =
        new DefaultPolicy(
            HeuristicsSettings.DEFAULTS
                .with("heuristics.default.horizon", 5)
                .with("heuristics.default.endStretch", 2)
                .defaultPolicy());
    assertThat(policy.stepBounds(-1, 1)).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(policy.stepBounds(30, 1)).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(policy.stepBounds(11, 1)).containsExactly(0, 1, 2, 3, 4, 5);
    // 10 left = 2 × the 5-fragment span: the first step stays one fragment, the other four share
    // the remaining nine, so the plan ends with the stream.
    assertThat(policy.stepBounds(10, 1)).containsExactly(0, 1, 3, 6, 8, 10);
    assertThat(policy.stepBounds(6, 1)).containsExactly(0, 1, 2, 4, 5, 6);
    assertThat(policy.stepBounds(5, 1)).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(policy.stepBounds(3, 1)).containsExactly(0, 1, 2, 3);
    // Blocks of two 2-s fragments: the span is 10 fragments.
    assertThat(policy.stepBounds(40, 2)).containsExactly(0, 2, 4, 6, 8, 10);
    assertThat(policy.stepBounds(9, 2)).containsExactly(0, 2, 4, 6, 8, 9);
    assertThat(policy.stepBounds(20, 2)).containsExactly(0, 2, 7, 11, 16, 20);
    DefaultPolicy noStretch =
        new DefaultPolicy(
            HeuristicsSettings.DEFAULTS.with("heuristics.default.horizon", 5).defaultPolicy());
    assertThat(noStretch.stepBounds(10, 1)).containsExactly(0, 1, 2, 3, 4, 5);
  }

  /**
   * Best score over every level sequence of the remaining planning steps ({@code bounds}: the
   * fragment where each step starts, then the end); step {@code depth} plans at the scenario
   * bandwidths × longRunRatio^(1 − (1 − reversion)^depth). The buffer left at the end is worth the
   * buffer value up to the cap when the stream goes on, up to the end reserve when it ends.
   */
  private static double enumerate(
      DefaultPolicySettings s,
      long[][] sizes,
      int firstFragment,
      int[] bounds,
      boolean goesOn,
      double[] scenarioBps,
      int previous,
      double[] buffers,
      double score,
      double longRunRatio,
      int depth) {
    if (depth == bounds.length - 1) {
      double terminal = 0;
      for (double b : buffers) {
        terminal += Math.min(b, goesOn ? s.terminalBufferCapS() : s.endReserveS());
      }
      return score + s.terminalBufferValue() * terminal / buffers.length;
    }
    double best = Double.NEGATIVE_INFINITY;
    double stepFactor = Math.pow(longRunRatio, 1 - Math.pow(1 - s.reversionPerStep(), depth));
    int fragments = bounds[depth + 1] - bounds[depth];
    for (int level = 0; level < 6; level++) {
      double[] next = new double[buffers.length];
      double stallS = 0;
      for (int i = 0; i < buffers.length; i++) {
        double buffer = buffers[i];
        for (int f = bounds[depth]; f < bounds[depth + 1]; f++) {
          double downloadS = sizes[level][firstFragment + f] * 8.0 / (scenarioBps[i] * stepFactor);
          stallS += Math.max(0, downloadS - buffer);
          buffer = Math.max(0, buffer - downloadS) + 4;
        }
        next[i] = buffer;
      }
      double mbps = LADDER.bitrateBps(level) / 1e6;
      double reward =
          mbps * fragments
              - s.switchPenalty() * Math.abs(mbps - LADDER.bitrateBps(previous) / 1e6)
              - s.stallPenaltyPerS() * stallS / buffers.length;
      best =
          Math.max(
              best,
              enumerate(
                  s,
                  sizes,
                  firstFragment,
                  bounds,
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
