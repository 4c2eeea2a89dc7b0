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
import org.smoothplayer.heuristics.estimate.ThroughputEstimator;
import org.smoothplayer.heuristics.settings.DefaultPolicySettings;

/**
 * Our default: a lookahead that plans against several throughput scenarios at once.
 *
 * <ol>
 *   <li>Prediction: recency-weighted harmonic mean of the recent transfers for the next step; later
 *       planning steps revert geometrically towards the plain harmonic mean of a longer window (a
 *       burst or a dip seen in the last transfers is not assumed to last the whole horizon).
 *   <li>Scenarios: how wrong that prediction has been lately, as ratios actual / predicted of the
 *       recent transfers; quantiles of those ratios spread evenly below the optimism quantile,
 *       times the planning bandwidth, are equally likely future throughputs (before any error is
 *       known, one scenario at the start-up safety share; while fewer errors than
 *       optimism-min-errors are known, none above the prediction). This replaces robustMPC's single
 *       worst-case discount by the observed error distribution.
 *   <li>Lookahead: the best level sequence over the horizon (in planning steps of about 4 s:
 *       shorter fragments are planned in blocks at one level) by its mean over the scenarios of Σ
 *       bitrate − stall penalty · stall − switch penalty · |Δ bitrate| (Mbps), plus a capped value
 *       for the buffer left at the horizon end when the stream goes on (so the plan does not spend
 *       the buffer just because the horizon ends). Optionally (end stretch and end reserve, off by
 *       default) the later steps are lengthened near the end of a VOD stream so that the plan ends
 *       with the stream, where only the end reserve of buffer keeps a value. In a live stream the
 *       plan cannot buffer past the edge: each download starts with at most the live latency less
 *       one fragment of buffer (the rest plays out while the fragment is awaited), so a plan is not
 *       credited with buffer it cannot build, and it switches at the live switch penalty: without
 *       buffer to lean on, the level has to follow the link sooner.
 *   <li>Monotone choice: the lookahead is run at each point of a fixed geometric bandwidth grid (a
 *       share of the lowest bitrate times powers of 2^(1/gridPerOctave)) not above the prediction,
 *       and the highest first level wins. The best plan alone is not monotone in bandwidth: with
 *       more bandwidth a smooth plan that starts lower can beat one that spends the buffer on a
 *       high level before an unavoidable drop (the drop costs the same switch penalty whenever it
 *       happens). Ratios actual / predicted do not change when every transfer is faster by the same
 *       factor, so a faster link only raises the prediction, which only adds grid points (the
 *       long-run mean enters only as its ratio to the prediction, which is scale-free too).
 * </ol>
 *
 * Stateless: the error history is recomputed from the samples, so decisions replay from inputs.
 */
public final class DefaultPolicy implements AbrPolicy {
  /**
   * Lowest bandwidth of the planning grid, as a share of the lowest level's bitrate (a fixed point
   * of the ladder, so the grid does not move with the samples); below it the lowest level is taken.
   */
  static final double GRID_FLOOR_SHARE = 0.25;

  private final DefaultPolicySettings settings;

  /** Creates the policy. */
  public DefaultPolicy(DefaultPolicySettings settings) {
    this.settings = settings;
  }

  @Override
  public AbrDecision decide(AbrInput input) {
    List<TransferSample> samples = usable(input.samples());
    OptionalDouble prediction = predict(samples, samples.size());
    if (prediction.isEmpty()) {
      return AbrDecision.of(0, "no-samples");
    }
    double predictedBps = prediction.getAsDouble();
    double longRunBps = harmonicMean(samples, settings.longRunWindow());
    double[] factors = scenarioFactors(samples);
    Ladder ladder = input.ladder();
    int block = Math.max(1, (int) Math.round(settings.planningStepS() / input.fragmentDurationS()));
    int[] bounds = stepBounds(input.fragmentsRemaining(), block);
    int steps = bounds.length - 1;
    int available = bounds[steps];
    boolean streamGoesOn = input.fragmentsRemaining() < 0 || input.fragmentsRemaining() > available;
    // Buffer left at the plan's end is worth the buffer value up to the cap while the stream goes
    // on, and up to the end reserve when the plan reaches the end of a VOD stream.
    double valuedBufferS = streamGoesOn ? settings.terminalBufferCapS() : settings.endReserveS();
    double[] bits = new double[available * ladder.size()];
    for (int a = 0; a < available; a++) {
      for (int l = 0; l < ladder.size(); l++) {
        bits[a * ladder.size() + l] = input.fragmentBits(a, l);
      }
    }
    int ceiling = input.levelCeiling();
    // Per planning step, the multiplier of the planning bandwidth: 1 for the next step, then
    // (long-run / prediction)^(1 − (1 − reversion)^step), i.e. the log of the planned bandwidth
    // closes a fixed share of its gap to the long-run mean per step.
    double[] stepFactors = new double[steps];
    for (int d = 0; d < steps; d++) {
      double weight = 1 - Math.pow(1 - settings.reversionPerStep(), d);
      stepFactors[d] = Math.pow(longRunBps / predictedBps, weight);
    }
    Planner planner =
        new Planner(
            ladder,
            bits,
            bounds,
            input.fragmentDurationS(),
            ceiling,
            valuedBufferS,
            input.bufferedS(),
            input.previousLevel().orElse(0),
            stepFactors,
            input.liveLatencyS().orElse(Double.POSITIVE_INFINITY),
            input.liveLatencyS().isPresent()
                ? settings.liveSwitchPenalty()
                : settings.switchPenalty());
    Map<String, Double> n = new LinkedHashMap<>();
    n.put("predictionBps", predictedBps);
    n.put("longRunBps", longRunBps);
    n.put("bufferS", input.bufferedS());
    n.put("lowScenarioBps", predictedBps * factors[0]);
    n.put("highScenarioBps", predictedBps * factors[factors.length - 1]);
    n.put("horizon", (double) available);
    int perOctave = settings.bandwidthGridPerOctave();
    if (perOctave == 0) {
      Plan plan = planner.plan(scaled(factors, predictedBps));
      n.put("expectedScore", plan.score());
      return new AbrDecision(plan.first(), "lookahead", n);
    }
    // Monotone envelope: plan at every grid bandwidth not above the prediction, from the top down,
    // and keep the highest first level. A larger prediction only adds grid points, so the decision
    // never falls when every transfer gets faster (see the class comment).
    double floorBps = ladder.bitrateBps(0) * GRID_FLOOR_SHARE;
    if (predictedBps < floorBps) {
      return new AbrDecision(0, "lookahead:below-grid", n);
    }
    int own = (int) Math.floor(perOctave * log2(predictedBps / floorBps));
    int best = -1;
    double bestScore = 0;
    double bestPlanningBps = 0;
    for (int k = own; k >= 0 && best < ceiling; k--) {
      double planningBps = floorBps * Math.pow(2, (double) k / perOctave);
      Plan plan = planner.plan(scaled(factors, planningBps));
      if (k == own) {
        n.put("gridLevel", (double) plan.first());
      }
      if (plan.first() > best) {
        best = plan.first();
        bestScore = plan.score();
        bestPlanningBps = planningBps;
      }
    }
    n.put("planningBps", bestPlanningBps);
    n.put("expectedScore", bestScore);
    return new AbrDecision(best, "lookahead", n);
  }

  /**
   * Fragment indices where the planning steps start, plus the end of the last one. Normally steps
   * of {@code block} fragments up to the horizon (fewer near the end of a VOD stream). When the
   * rest of a VOD stream is longer than that span but at most {@code endStretch} times it, the
   * first step keeps its length and the later ones share the rest evenly, so the plan ends at the
   * stream's end and sees that its buffer is worth nothing there (beyond the end reserve).
   */
  int[] stepBounds(int fragmentsRemaining, int block) {
    int horizon = settings.horizon();
    int span = horizon * block;
    if (horizon > 1
        && fragmentsRemaining > span
        && fragmentsRemaining <= settings.endStretch() * span) {
      int[] bounds = new int[horizon + 1];
      int rest = fragmentsRemaining - block;
      for (int d = 1; d <= horizon; d++) {
        bounds[d] = block + (int) Math.round((double) rest * (d - 1) / (horizon - 1));
      }
      return bounds;
    }
    int available = fragmentsRemaining >= 0 ? Math.min(fragmentsRemaining, span) : span;
    available = Math.max(1, available);
    int steps = (available + block - 1) / block;
    int[] bounds = new int[steps + 1];
    for (int d = 1; d <= steps; d++) {
      bounds[d] = Math.min(available, d * block);
    }
    return bounds;
  }

  /**
   * Recency-weighted harmonic mean of the last {@code throughputWindow} usable transfers among the
   * first {@code end}: each older transfer weighs {@code recencyDecay} times the next newer one.
   */
  private OptionalDouble predict(List<TransferSample> samples, int end) {
    double inverseSum = 0;
    double weightSum = 0;
    double weight = 1;
    for (int i = end - 1; i >= 0 && i >= end - settings.throughputWindow(); i--) {
      inverseSum += weight / samples.get(i).throughputBps();
      weightSum += weight;
      weight *= settings.recencyDecay();
    }
    return weightSum == 0 ? OptionalDouble.empty() : OptionalDouble.of(weightSum / inverseSum);
  }

  /** Plain harmonic mean of the last {@code window} usable transfers (at least one exists). */
  private static double harmonicMean(List<TransferSample> samples, int window) {
    double inverseSum = 0;
    int count = 0;
    for (int i = samples.size() - 1; i >= 0 && count < window; i--, count++) {
      inverseSum += 1 / samples.get(i).throughputBps();
    }
    return count / inverseSum;
  }

  private static double[] scaled(double[] factors, double bps) {
    double[] out = new double[factors.length];
    for (int i = 0; i < factors.length; i++) {
      out[i] = bps * factors[i];
    }
    return out;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
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
      OptionalDouble before = predict(samples, j);
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
    // Too few errors to tell a faster link from one lucky transfer: no scenario above the
    // prediction.
    double ceiling = sorted.length < settings.optimismMinErrors() ? 1.0 : Double.POSITIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      factors[i] =
          Math.min(ceiling, quantile(sorted, settings.scenarioMaxQuantile() * (i + 0.5) / count));
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

  /** First level and expected score of the best plan. */
  private record Plan(int first, double score) {}

  /**
   * Best level sequence by forward dynamic programming over planning steps, every scenario's buffer
   * simulated side by side (step d at the scenario bandwidth times its step factor). A partial plan
   * is dropped when another one ending at the same level has at least its score and at least its
   * buffer in every scenario: the rest of the score only grows with the buffer (less stall, more
   * terminal value), so the dropped one cannot finish better. This finds the same best score as
   * enumerating every sequence, at a fraction of the cost.
   */
  private final class Planner {
    private final Ladder ladder;
    private final double[] bits;
    private final int[] bounds;
    private final int horizon;
    private final double fragmentS;
    private final int ceiling;
    private final double valuedBufferS;
    private final double bufferS;
    private final int previousLevel;
    private final double[] stepFactors;
    // Live: the most buffer a download can start with, the latency less the fragment itself
    // (infinite on demand).
    private final double aheadLimitS;
    private final double switchPenalty;

    Planner(
        Ladder ladder,
        double[] bits,
        int[] bounds,
        double fragmentS,
        int ceiling,
        double valuedBufferS,
        double bufferS,
        int previousLevel,
        double[] stepFactors,
        double liveLatencyS,
        double switchPenalty) {
      this.ladder = ladder;
      this.bits = bits;
      this.bounds = bounds;
      this.horizon = bounds.length - 1;
      this.fragmentS = fragmentS;
      this.ceiling = ceiling;
      this.valuedBufferS = valuedBufferS;
      this.bufferS = bufferS;
      this.previousLevel = previousLevel;
      this.stepFactors = stepFactors;
      this.aheadLimitS = Math.max(0, liveLatencyS - fragmentS);
      this.switchPenalty = switchPenalty;
    }

    Plan plan(double[] scenarioBps) {
      int s = scenarioBps.length;
      double[] start = new double[s];
      Arrays.fill(start, bufferS);
      List<Partial> states = List.of(new Partial(previousLevel, -1, 0, start));
      for (int depth = 0; depth < horizon; depth++) {
        int from = bounds[depth];
        int to = bounds[depth + 1];
        double stepFactor = stepFactors[depth];
        List<List<Partial>> byLevel = new ArrayList<>();
        for (int level = 0; level <= ceiling; level++) {
          byLevel.add(new ArrayList<>());
        }
        for (Partial p : states) {
          double previousMbps = ladder.bitrateKbps(p.level()) / 1000.0;
          for (int level = 0; level <= ceiling; level++) {
            double mbps = ladder.bitrateKbps(level) / 1000.0;
            double[] next = new double[s];
            double stallS = 0;
            for (int i = 0; i < s; i++) {
              double buffer = p.buffersS()[i];
              for (int f = from; f < to; f++) {
                // A live fragment is asked for once published: the buffer above the limit plays
                // out while waiting for it.
                buffer = Math.min(buffer, aheadLimitS);
                double downloadS = bits[f * ladder.size() + level] / (scenarioBps[i] * stepFactor);
                stallS += Math.max(0, downloadS - buffer);
                buffer = Math.max(0, buffer - downloadS) + fragmentS;
              }
              next[i] = buffer;
            }
            double reward =
                mbps * (to - from)
                    - switchPenalty * Math.abs(mbps - previousMbps)
                    - settings.stallPenaltyPerS() * stallS / s;
            byLevel
                .get(level)
                .add(new Partial(level, depth == 0 ? level : p.first(), p.score() + reward, next));
          }
        }
        List<Partial> kept = new ArrayList<>();
        for (List<Partial> group : byLevel) {
          kept.addAll(undominated(group));
        }
        states = kept;
      }
      Partial best = null;
      double bestTotal = Double.NEGATIVE_INFINITY;
      for (Partial p : states) {
        double total = p.score();
        if (valuedBufferS > 0) {
          double terminal = 0;
          for (double b : p.buffersS()) {
            terminal += Math.min(b, valuedBufferS);
          }
          total += settings.terminalBufferValue() * terminal / s;
        }
        if (best == null || total > bestTotal) {
          best = p;
          bestTotal = total;
        }
      }
      return new Plan(best == null ? 0 : best.first(), bestTotal);
    }

    private static List<Partial> undominated(List<Partial> group) {
      List<Partial> sorted = new ArrayList<>(group);
      sorted.sort((a, b) -> Double.compare(b.score(), a.score()));
      List<Partial> kept = new ArrayList<>();
      for (Partial candidate : sorted) {
        boolean dominated = false;
        for (Partial k : kept) {
          if (covers(k.buffersS(), candidate.buffersS())) {
            dominated = true;
            break;
          }
        }
        if (!dominated) {
          kept.add(candidate);
        }
      }
      return kept;
    }

    private static boolean covers(double[] a, double[] b) {
      for (int i = 0; i < a.length; i++) {
        if (a[i] < b[i]) {
          return false;
        }
      }
      return true;
    }
  }

  /** A partial plan: its last level, first level, score so far and buffer per scenario. */
  private record Partial(int level, int first, double score, double[] buffersS) {}
}
