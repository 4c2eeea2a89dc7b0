package org.smoothplayer.heuristics.qoe;

import org.smoothplayer.heuristics.Ladder;

/**
 * The three QoE variants of the ABR literature: per fragment {@code q(R) − μ·stall − |q(R) −
 * q(R_prev)|}.
 */
public enum QoeMetric {
  /** q = bitrate in Mbps, μ = 4.3 per second of stall. */
  LIN(4.3),
  /** q = ln(R / R_min), μ = 2.66. */
  LOG(2.66),
  /**
   * q from the HD table (300→1, 750→2, 1200→3, 1850→12, 2850→15, 4300→20 kbps), linearly
   * interpolated in between (and clamped) for other ladders, μ = 8.
   */
  HD(8);

  private static final double[] HD_KBPS = {300, 750, 1200, 1850, 2850, 4300};
  private static final double[] HD_SCORE = {1, 2, 3, 12, 15, 20};

  private final double stallPenaltyPerS;

  QoeMetric(double stallPenaltyPerS) {
    this.stallPenaltyPerS = stallPenaltyPerS;
  }

  /** μ: score lost per second of stall. */
  public double stallPenaltyPerS() {
    return stallPenaltyPerS;
  }

  /** Quality q(R) of level {@code level} of {@code ladder}. */
  public double quality(Ladder ladder, int level) {
    double kbps = ladder.bitrateKbps(level);
    switch (this) {
      case LIN:
        return kbps / 1000.0;
      case LOG:
        return Math.log(kbps / ladder.bitrateKbps(0));
      default:
        return hd(kbps);
    }
  }

  private static double hd(double kbps) {
    if (kbps <= HD_KBPS[0]) {
      return HD_SCORE[0];
    }
    for (int i = 1; i < HD_KBPS.length; i++) {
      if (kbps <= HD_KBPS[i]) {
        double f = (kbps - HD_KBPS[i - 1]) / (HD_KBPS[i] - HD_KBPS[i - 1]);
        return HD_SCORE[i - 1] + f * (HD_SCORE[i] - HD_SCORE[i - 1]);
      }
    }
    return HD_SCORE[HD_SCORE.length - 1];
  }

  /** Reward of one fragment: quality − μ·stall − |quality − previous quality|. */
  public double reward(Ladder ladder, int level, int previousLevel, double stallS) {
    double q = quality(ladder, level);
    return q - stallPenaltyPerS * stallS - Math.abs(q - quality(ladder, previousLevel));
  }

  /** Parses {@code lin}, {@code log} or {@code hd}. */
  public static QoeMetric parse(String name) {
    switch (name) {
      case "lin":
        return LIN;
      case "log":
        return LOG;
      case "hd":
        return HD;
      default:
        throw new IllegalArgumentException("metric: expected lin, log or hd but was " + name);
    }
  }

  /** The command-line name. */
  public String cliName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
