package org.smoothplayer.heuristics.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.estimate.DualEwmaEstimator;
import org.smoothplayer.heuristics.settings.BolaSettings;
import org.smoothplayer.heuristics.settings.DynamicSettings;

/**
 * dash.js DYNAMIC: the throughput rule (dual EWMA, min of fast and slow, times the safety factor)
 * until the buffer reaches the BOLA threshold, BOLA-E until it falls below the lower threshold;
 * both capped by the insufficient-buffer rule. Per-session state: the mode and BOLA's state.
 */
public final class DynamicPolicy implements AbrPolicy {
  private final DynamicSettings settings;
  private final BolaSettings bolaSettings;
  private final BolaPolicy bola;
  private final DualEwmaEstimator estimator;
  private boolean useBola;

  /** Creates a session of the policy. */
  public DynamicPolicy(DynamicSettings settings, BolaSettings bolaSettings) {
    this.settings = settings;
    this.bolaSettings = bolaSettings;
    this.bola = new BolaPolicy(bolaSettings);
    this.estimator =
        new DualEwmaEstimator(bolaSettings.fastHalfLifeS(), bolaSettings.slowHalfLifeS(), 0);
  }

  @Override
  public AbrDecision decide(AbrInput input) {
    Ladder ladder = input.ladder();
    double buffer = input.bufferedS();
    if (useBola && buffer < settings.bolaOffBufferS()) {
      useBola = false;
    } else if (!useBola && buffer >= settings.bolaOnBufferS()) {
      useBola = true;
    }
    double bps = estimator.estimateBps(input.samples()).orElse(0);
    AbrDecision bolaDecision = bola.decide(input);
    int level;
    String reason;
    if (useBola) {
      level = bolaDecision.level();
      reason = "dynamic:" + bolaDecision.reason();
    } else {
      level = ladder.highestAtMost(bps * bolaSettings.throughputSafety(), input.levelCeiling());
      reason = "dynamic:throughput";
    }
    double insufficientBps =
        settings.insufficientBufferSafety() * bps * buffer / input.fragmentDurationS();
    int cap = ladder.highestAtMost(insufficientBps, input.levelCeiling());
    if (cap < level) {
      level = cap;
      reason = reason + "|insufficient-buffer";
    }
    Map<String, Double> n = new LinkedHashMap<>();
    n.put("bufferS", buffer);
    n.put("throughputBps", bps);
    n.put("insufficientBufferBps", insufficientBps);
    return new AbrDecision(level, reason, n);
  }
}
