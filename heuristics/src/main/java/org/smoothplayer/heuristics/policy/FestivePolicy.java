package org.smoothplayer.heuristics.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.estimate.HarmonicMeanEstimator;
import org.smoothplayer.heuristics.settings.FestiveSettings;

/**
 * FESTIVE (Jiang, Sekar, Zhang, CoNEXT 2012), the chunk-level parts that a trace simulator can
 * model:
 *
 * <ol>
 *   <li>Estimate: harmonic mean of the last {@code window} transfers; target: the highest level at
 *       most {@code bandwidthFraction} × the estimate.
 *   <li>Gradual switching: the reference level is one above the current level once the target has
 *       been above it for more than k consecutive decisions at level k (so higher levels climb more
 *       slowly), one below it as soon as the target is below it, else the current level.
 *   <li>Delayed update: the reference level replaces the current one only if its cost is lower,
 *       cost(b) = 2^(switches among the fragments of the last {@code stabilityWindowS} s, plus one
 *       if b is a switch) + {@code efficiencyWeight} · |bitrate(b) / min(estimate,
 *       bitrate(reference)) − 1|.
 * </ol>
 *
 * The randomized request scheduling of the paper (a per-player random buffer target) has no place
 * in a chunk simulator that downloads back to back, and is not modelled. Keeps per-session state
 * (the levels played and the count of decisions wanting up), updated only from the inputs, so the
 * same input sequence on a fresh instance gives the same decisions.
 */
public final class FestivePolicy implements AbrPolicy {
  private final FestiveSettings settings;
  private final HarmonicMeanEstimator estimator;

  /** Level of each fragment fetched so far, as reported by the inputs (session state). */
  private final List<Integer> playedLevels = new ArrayList<>();

  private int decisionsWantingUp;

  /** Creates a session of the policy. */
  public FestivePolicy(FestiveSettings settings) {
    this.settings = settings;
    this.estimator = new HarmonicMeanEstimator(settings.window(), 0);
  }

  @Override
  public AbrDecision decide(AbrInput input) {
    OptionalDouble estimate = estimator.estimateBps(input.samples());
    if (estimate.isEmpty() || input.previousLevel().isEmpty()) {
      return AbrDecision.of(0, "no-samples");
    }
    Ladder ladder = input.ladder();
    int ceiling = input.levelCeiling();
    int current = Math.min(input.previousLevel().getAsInt(), ceiling);
    playedLevels.add(input.previousLevel().getAsInt());
    double estimateBps = estimate.getAsDouble();
    int target = ladder.highestAtMost(settings.bandwidthFraction() * estimateBps, ceiling);
    int reference;
    if (target > current) {
      decisionsWantingUp++;
      reference = decisionsWantingUp > current ? current + 1 : current;
    } else {
      decisionsWantingUp = 0;
      reference = target < current ? current - 1 : current;
    }
    Map<String, Double> numbers = new LinkedHashMap<>();
    numbers.put("harmonicBps", estimateBps);
    numbers.put("targetLevel", (double) target);
    numbers.put("referenceLevel", (double) reference);
    if (reference == current) {
      return new AbrDecision(current, "festive:hold", numbers);
    }
    int recentSwitches = recentSwitches(input.fragmentDurationS());
    double keepCost = cost(ladder, current, current, reference, estimateBps, recentSwitches);
    double moveCost = cost(ladder, reference, current, reference, estimateBps, recentSwitches);
    numbers.put("recentSwitches", (double) recentSwitches);
    numbers.put("keepCost", keepCost);
    numbers.put("switchCost", moveCost);
    if (moveCost < keepCost) {
      if (reference > current) {
        decisionsWantingUp = 0;
      }
      return new AbrDecision(reference, "festive:switch", numbers);
    }
    return new AbrDecision(current, "festive:delayed", numbers);
  }

  private double cost(
      Ladder ladder, int level, int current, int reference, double estimateBps, int switches) {
    double stability = Math.pow(2, switches + (level != current ? 1 : 0));
    double efficiency =
        Math.abs(
            ladder.bitrateBps(level) / Math.min(estimateBps, ladder.bitrateBps(reference)) - 1);
    return stability + settings.efficiencyWeight() * efficiency;
  }

  /** Level switches between consecutive fragments within the stability window. */
  private int recentSwitches(double fragmentDurationS) {
    int fragments = Math.max(1, (int) Math.round(settings.stabilityWindowS() / fragmentDurationS));
    int from = Math.max(0, playedLevels.size() - fragments);
    int switches = 0;
    for (int i = from + 1; i < playedLevels.size(); i++) {
      if (!playedLevels.get(i).equals(playedLevels.get(i - 1))) {
        switches++;
      }
    }
    return switches;
  }
}
