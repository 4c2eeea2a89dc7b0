package org.smoothplayer.heuristics.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.estimate.DualEwmaEstimator;
import org.smoothplayer.heuristics.settings.BolaSettings;

/**
 * BOLA-E as in dash.js: utilities {@code v_i = ln(R_i / R_0)}, buffer target {@code max(stable,
 * minimum + perLevel · levels)}, {@code gp = v_max / (target / minimum − 1)}, {@code Vp = minimum /
 * gp}; level maximising {@code (Vp · (v_i + gp) − buffer) / R_i} on buffer + placeholder. Start-up
 * picks the throughput-sustainable level and sets the placeholder so BOLA agrees; the placeholder
 * decays each decision; BOLA-O never steps up above the throughput-sustainable level unless already
 * above it. Per-session state: the placeholder and whether start-up is over (one thread).
 */
public final class BolaPolicy implements org.smoothplayer.heuristics.AbrPolicy {
  private final BolaSettings settings;
  private final DualEwmaEstimator estimator;
  private boolean steady;
  private double placeholderS;

  /** Creates a session of the policy. */
  public BolaPolicy(BolaSettings settings) {
    this.settings = settings;
    this.estimator = new DualEwmaEstimator(settings.fastHalfLifeS(), settings.slowHalfLifeS(), 0);
  }

  private record Params(double[] utility, double gp, double vp) {}

  private Params params(Ladder ladder) {
    int n = ladder.size();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.log(ladder.bitrateKbps(i) / ladder.bitrateKbps(0));
    }
    double target =
        Math.max(
            settings.stableBufferS(), settings.minimumBufferS() + settings.bufferPerLevelS() * n);
    double gp = v[n - 1] / (target / settings.minimumBufferS() - 1);
    if (!(gp > 0)) {
      gp = 1; // single-level ladder: any positive value works
    }
    return new Params(v, gp, settings.minimumBufferS() / gp);
  }

  /** Buffer level at which {@code level} becomes preferable to every lower level. */
  private static double minBufferFor(Params p, Ladder ladder, int level) {
    double min = 0;
    double rq = ladder.bitrateKbps(level);
    for (int i = level - 1; i >= 0; i--) {
      double ri = ladder.bitrateKbps(i);
      double threshold =
          p.vp() * (p.gp() + (rq * p.utility()[i] - ri * p.utility()[level]) / (rq - ri));
      min = Math.max(min, threshold);
    }
    return min;
  }

  /** The BOLA score argmax for an effective buffer, ties to the higher level. */
  static int argmax(
      double[] utility, double gp, double vp, Ladder ladder, double bufferS, int ceiling) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= ceiling; i++) {
      double s = (vp * (utility[i] + gp) - bufferS) / ladder.bitrateKbps(i);
      if (s >= bestScore) {
        bestScore = s;
        best = i;
      }
    }
    return best;
  }

  @Override
  public AbrDecision decide(AbrInput input) {
    Ladder ladder = input.ladder();
    Params p = params(ladder);
    double safeBps = estimator.estimateBps(input.samples()).orElse(0) * settings.throughputSafety();
    int throughputLevel = ladder.highestAtMost(safeBps, input.levelCeiling());
    Map<String, Double> n = new LinkedHashMap<>();
    n.put("bufferS", input.bufferedS());
    n.put("safeThroughputBps", safeBps);
    if (!steady) {
      steady = true;
      placeholderS = Math.max(0, minBufferFor(p, ladder, throughputLevel) - input.bufferedS());
      n.put("placeholderS", placeholderS);
      return new AbrDecision(throughputLevel, "bola-startup", n);
    }
    placeholderS *= settings.placeholderDecay();
    double effective = input.bufferedS() + placeholderS;
    int level = argmax(p.utility(), p.gp(), p.vp(), ladder, effective, input.levelCeiling());
    int last = input.previousLevel().orElse(level);
    String reason = "bola";
    if (level > last && level > throughputLevel) {
      level = Math.max(throughputLevel, last);
      reason = "bola-o";
    }
    // Never let the virtual buffer exceed what the chosen level needs (dash.js trims it first).
    double maxForLevel = p.vp() * (p.utility()[level] + p.gp());
    double excess = Math.max(0, effective - maxForLevel);
    placeholderS = Math.max(0, placeholderS - excess);
    n.put("placeholderS", placeholderS);
    return new AbrDecision(level, reason, n);
  }
}
