package org.smoothplayer.heuristics.policy;

import java.util.Map;
import java.util.OptionalDouble;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.estimate.HarmonicMeanEstimator;
import org.smoothplayer.heuristics.settings.RateBasedSettings;

/** RB: the highest level whose bitrate is at most the harmonic mean of recent throughput. */
public final class RateBasedPolicy implements AbrPolicy {
  private final HarmonicMeanEstimator estimator;

  /** Creates the policy. */
  public RateBasedPolicy(RateBasedSettings settings) {
    this.estimator = new HarmonicMeanEstimator(settings.window(), 0);
  }

  @Override
  public AbrDecision decide(AbrInput input) {
    OptionalDouble bps = estimator.estimateBps(input.samples());
    if (bps.isEmpty()) {
      return AbrDecision.of(0, "no-samples");
    }
    int level = input.ladder().highestAtMost(bps.getAsDouble(), input.levelCeiling());
    return new AbrDecision(level, "rate", Map.of("harmonicBps", bps.getAsDouble()));
  }
}
