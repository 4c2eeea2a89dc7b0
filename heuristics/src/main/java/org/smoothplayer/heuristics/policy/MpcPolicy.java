package org.smoothplayer.heuristics.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.TransferSample;
import org.smoothplayer.heuristics.estimate.HarmonicMeanEstimator;
import org.smoothplayer.heuristics.settings.MpcSettings;

/**
 * MPC and robustMPC (Yin et al. 2015) as Pensieve ran them: harmonic-mean prediction (robust:
 * divided by 1 + the largest of the recent relative prediction errors), exhaustive enumeration of
 * level sequences over the horizon, score Σ bitrate − μ·stall − Σ|Δbitrate| in Mbps, first level of
 * the best sequence (ties go to the later sequence in lexicographic order, as in the original).
 * Fragment sizes are {@link AbrInput#fragmentBits}: the known ones where given (the simulator's
 * video), else each level's bitrate times the fragment duration. Stateless: past predictions are
 * recomputed from the samples.
 */
public final class MpcPolicy implements AbrPolicy {
  private final MpcSettings settings;
  private final boolean robust;

  /** Creates MPC ({@code robust = false}) or robustMPC. */
  public MpcPolicy(MpcSettings settings, boolean robust) {
    this.settings = settings;
    this.robust = robust;
  }

  @Override
  public AbrDecision decide(AbrInput input) {
    List<TransferSample> samples = input.samples();
    OptionalDouble prediction =
        HarmonicMeanEstimator.harmonicMean(samples, samples.size(), settings.window(), 0);
    if (prediction.isEmpty()) {
      return AbrDecision.of(0, "no-samples");
    }
    double maxError = robust ? maxRecentError(samples) : 0;
    double futureBps = prediction.getAsDouble() / (1 + maxError);
    int horizon = settings.horizon();
    if (input.fragmentsRemaining() >= 0) {
      horizon = Math.min(horizon, input.fragmentsRemaining());
    }
    horizon = Math.max(horizon, 1);
    Search s = new Search(input, futureBps, horizon, settings.stallPenaltyPerS());
    s.dfs(0, input.bufferedS(), 0, 0, 0, input.previousLevel().orElse(0), -1);
    Map<String, Double> n = new LinkedHashMap<>();
    n.put("harmonicBps", prediction.getAsDouble());
    n.put("maxError", maxError);
    n.put("futureBps", futureBps);
    n.put("score", s.bestScore);
    return new AbrDecision(s.bestFirst, robust ? "robust-lookahead" : "lookahead", n);
  }

  /** Largest relative error |pred(k−1) − actual(k)| / actual(k) over the recent window. */
  private double maxRecentError(List<TransferSample> samples) {
    int k = samples.size();
    double max = 0; // the first decision records an error of 0, as the original does
    for (int j = Math.max(1, k - settings.errorWindow()); j < k; j++) {
      OptionalDouble previous =
          HarmonicMeanEstimator.harmonicMean(samples, j, settings.window(), 0);
      double actual = samples.get(j).throughputBps();
      if (previous.isPresent() && actual > 0) {
        max = Math.max(max, Math.abs(previous.getAsDouble() - actual) / actual);
      }
    }
    return max;
  }

  private static final class Search {
    private final AbrInput input;
    private final Ladder ladder;
    private final double futureBps;
    private final int horizon;
    private final double stallPenalty;
    private final int ceiling;
    private double bestScore = Double.NEGATIVE_INFINITY;
    private int bestFirst;

    Search(AbrInput input, double futureBps, int horizon, double stallPenalty) {
      this.input = input;
      this.ladder = input.ladder();
      this.futureBps = futureBps;
      this.horizon = horizon;
      this.stallPenalty = stallPenalty;
      this.ceiling = input.levelCeiling();
    }

    void dfs(
        int depth,
        double bufferS,
        double rebufferS,
        double bitrateSumKbps,
        double smoothSumKbps,
        int lastLevel,
        int first) {
      if (depth == horizon) {
        double score = bitrateSumKbps / 1000.0 - stallPenalty * rebufferS - smoothSumKbps / 1000.0;
        if (score >= bestScore) {
          bestScore = score;
          bestFirst = first;
        }
        return;
      }
      for (int level = 0; level <= ceiling; level++) {
        double downloadS = input.fragmentBits(depth, level) / futureBps;
        double buffer = bufferS;
        double rebuffer = rebufferS;
        if (buffer < downloadS) {
          rebuffer += downloadS - buffer;
          buffer = 0;
        } else {
          buffer -= downloadS;
        }
        buffer += input.fragmentDurationS();
        double kbps = ladder.bitrateKbps(level);
        dfs(
            depth + 1,
            buffer,
            rebuffer,
            bitrateSumKbps + kbps,
            smoothSumKbps + Math.abs(kbps - ladder.bitrateKbps(lastLevel)),
            level,
            depth == 0 ? level : first);
      }
    }
  }
}
