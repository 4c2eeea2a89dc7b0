package org.smoothplayer.heuristics.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.estimate.SlidingPercentileEstimator;
import org.smoothplayer.heuristics.settings.Media3Settings;

/**
 * Media3 AdaptiveTrackSelection with its default bandwidth meter: ideal level = highest at most the
 * bandwidth fraction of the weighted sliding median; switch up only with enough buffer, keep a
 * higher current level while the buffer is large. Stateless.
 */
public final class Media3Policy implements AbrPolicy {
  private final Media3Settings settings;
  private final SlidingPercentileEstimator meter;

  /** Creates the policy. */
  public Media3Policy(Media3Settings settings) {
    this.settings = settings;
    this.meter = new SlidingPercentileEstimator(settings.percentile(), settings.maxWeight(), 0);
  }

  @Override
  public AbrDecision decide(AbrInput input) {
    double estimate = meter.estimateBps(input.samples()).orElse(0);
    int ideal =
        input.ladder().highestAtMost(estimate * settings.bandwidthFraction(), input.levelCeiling());
    int level = ideal;
    String reason = "ideal";
    if (input.previousLevel().isPresent()) {
      int current = Math.min(input.previousLevel().getAsInt(), input.levelCeiling());
      if (ideal > current && input.bufferedS() < settings.minBufferForIncreaseS()) {
        level = current;
        reason = "hold:buffer-too-low-to-increase";
      } else if (ideal < current && input.bufferedS() >= settings.maxBufferForDecreaseS()) {
        level = current;
        reason = "hold:buffer-high-enough";
      }
    }
    Map<String, Double> n = new LinkedHashMap<>();
    n.put("estimateBps", estimate);
    n.put("bufferS", input.bufferedS());
    return new AbrDecision(level, reason, n);
  }
}
