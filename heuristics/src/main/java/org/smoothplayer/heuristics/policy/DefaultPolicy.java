package org.smoothplayer.heuristics.policy;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.smoothplayer.heuristics.estimate.ThroughputEstimator;
import org.smoothplayer.heuristics.settings.DefaultPolicySettings;

/**
 * Our default: a lookahead that plans against several throughput scenarios at once.
 *
 * <ol>
 *   <li>Prediction: harmonic mean of the recent transfers.
 *   <li>Scenarios: how wrong that prediction has been lately, as ratios actual / predicted of the
 *       recent transfers; quantiles of those ratios spread evenly below the optimism quantile,
 *       times the prediction, are equally likely future throughputs (before any error is known, one
 *       scenario at the start-up safety share). This replaces robustMPC's single worst-case
 *       discount by the observed error distribution.
 *   <li>Lookahead: every level sequence over the horizon (in planning steps of about 4 s: shorter
 *       fragments are planned in blocks at one level) is scored by its mean over the scenarios of Σ
 *       bitrate − stall penalty · stall − switch penalty · |Δ bitrate| (Mbps), plus a capped value
 *       for the buffer left at the horizon end when the stream goes on (so the plan does not spend
 *       the buffer just because the horizon ends).
 *   <li>Choice: the first level of the best sequence (the earliest such sequence on ties).
 * </ol>
 *
 * Stateless: the error history is recomputed from the samples, so decisions replay from inputs.
 */
public final class DefaultPolicy implements AbrPolicy {
  private final DefaultPolicySettings settings;

  /** Creates the policy. */
  public DefaultPolicy(DefaultPolicySettings settings) {
    this.settings = settings;
  }

  @Override
  public AbrDecision decide(AbrInput input) {
    List<TransferSample> samples = usable(input.samples());
    OptionalDouble prediction =
        HarmonicMeanEstimator.harmonicMean(samples, samples.size(), settings.throughputWindow(), 0);
    if (prediction.isEmpty()) {
      return AbrDecision.of(0, "no-samples");
    }
    double predictedBps = prediction.getAsDouble();
    double[] factors = scenarioFactors(samples);
    Ladder ladder = input.ladder();
    int block = Math.max(1, (int) Math.round(settings.planningStepS() / input.fragmentDurationS()));
    int available =
        input.fragmentsRemaining() >= 0 ? input.fragmentsRemaining() : settings.horizon() * block;
    available = Math.max(1, Math.min(available, settings.horizon() * block));
    boolean streamGoesOn = input.fragmentsRemaining() < 0 || input.fragmentsRemaining() > available;
    int steps = (available + block - 1) / block;
    int sizesKnown = input.upcomingSizes().count();
    double[] bits = new double[available * ladder.size()];
    for (int a = 0; a < available; a++) {
      for (int l = 0; l < ladder.size(); l++) {
        bits[a * ladder.size() + l] =
            a < sizesKnown
                ? input.upcomingSizes().bytes(a, l) * 8.0
                : ladder.bitrateBps(l) * input.fragmentDurationS();
      }
    }
    double[] scenarioBps = new double[factors.length];
    for (int i = 0; i < factors.length; i++) {
      scenarioBps[i] = predictedBps * factors[i];
    }
    Planner planner =
        new Planner(
            ladder,
            bits,
            available,
            block,
            steps,
            input.fragmentDurationS(),
            input.levelCeiling(),
            streamGoesOn,
            scenarioBps);
    double[] buffers = new double[scenarioBps.length];
    Arrays.fill(buffers, input.bufferedS());
    planner.search(0, input.previousLevel().orElse(0), buffers, 0, -1);
    Map<String, Double> n = new LinkedHashMap<>();
    n.put("predictionBps", predictedBps);
    n.put("bufferS", input.bufferedS());
    n.put("lowScenarioBps", scenarioBps[0]);
    n.put("highScenarioBps", scenarioBps[scenarioBps.length - 1]);
    n.put("horizon", (double) available);
    n.put("expectedScore", planner.bestScore);
    return new AbrDecision(planner.bestFirst, "lookahead", n);
  }

  private List<TransferSample> usable(List<TransferSample> all) {
    List<TransferSample> out = new ArrayList<>(all.size());
    for (TransferSample s : all) {
      if (ThroughputEstimator.usable(s, settings.minTransferBytes()) && s.throughputBps() > 0) {
        out.add(s);
      }
    }
    return out;
  }

  /** Scenario multipliers: quantiles of recent actual / predicted ratios, lowest first. */
  double[] scenarioFactors(List<TransferSample> samples) {
    int k = samples.size();
    List<Double> ratios = new ArrayList<>();
    for (int j = Math.max(1, k - settings.errorWindow()); j < k; j++) {
      OptionalDouble before =
          HarmonicMeanEstimator.harmonicMean(samples, j, settings.throughputWindow(), 0);
      if (before.isPresent()) {
        ratios.add(samples.get(j).throughputBps() / before.getAsDouble());
      }
    }
    if (ratios.isEmpty()) {
      return new double[] {settings.startupSafety()};
    }
    double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int count = settings.scenarios();
    double[] factors = new double[count];
    for (int i = 0; i < count; i++) {
      factors[i] = quantile(sorted, settings.scenarioMaxQuantile() * (i + 0.5) / count);
    }
    return factors;
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    double f = pos - lo;
    return sorted[lo] * (1 - f) + sorted[hi] * f;
  }

  /** Exhaustive search over level sequences, every scenario simulated side by side. */
  private final class Planner {
    private final Ladder ladder;
    private final double[] bits;
    private final int fragments;
    private final int block;
    private final int horizon;
    private final double fragmentS;
    private final int ceiling;
    private final boolean streamGoesOn;
    private final double[] scenarioBps;
    private final double[][] buffersAtDepth;
    private double bestScore = Double.NEGATIVE_INFINITY;
    private int bestFirst;

    Planner(
        Ladder ladder,
        double[] bits,
        int fragments,
        int block,
        int horizon,
        double fragmentS,
        int ceiling,
        boolean streamGoesOn,
        double[] scenarioBps) {
      this.ladder = ladder;
      this.bits = bits;
      this.fragments = fragments;
      this.block = block;
      this.horizon = horizon;
      this.fragmentS = fragmentS;
      this.ceiling = ceiling;
      this.streamGoesOn = streamGoesOn;
      this.scenarioBps = scenarioBps;
      this.buffersAtDepth = new double[horizon + 1][scenarioBps.length];
    }

    void search(int depth, int previous, double[] buffers, double score, int first) {
      int s = scenarioBps.length;
      if (depth == horizon) {
        double total = score;
        if (streamGoesOn) {
          double terminal = 0;
          for (double b : buffers) {
            terminal += Math.min(b, settings.terminalBufferCapS());
          }
          total += settings.terminalBufferValue() * terminal / s;
        }
        if (total > bestScore) {
          bestScore = total;
          bestFirst = first;
        }
        return;
      }
      double[] next = buffersAtDepth[depth + 1];
      double previousMbps = ladder.bitrateKbps(previous) / 1000.0;
      for (int level = 0; level <= ceiling; level++) {
        double mbps = ladder.bitrateKbps(level) / 1000.0;
        int from = depth * block;
        int to = Math.min(fragments, from + block);
        double stallS = 0;
        for (int i = 0; i < s; i++) {
          double buffer = buffers[i];
          for (int f = from; f < to; f++) {
            double downloadS = bits[f * ladder.size() + level] / scenarioBps[i];
            stallS += Math.max(0, downloadS - buffer);
            buffer = Math.max(0, buffer - downloadS) + fragmentS;
          }
          next[i] = buffer;
        }
        double reward =
            mbps * (to - from)
                - settings.switchPenalty() * Math.abs(mbps - previousMbps)
                - settings.stallPenaltyPerS() * stallS / s;
        search(depth + 1, level, next, score + reward, depth == 0 ? level : first);
      }
    }
  }
}
