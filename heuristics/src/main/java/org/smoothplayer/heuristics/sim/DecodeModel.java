package org.smoothplayer.heuristics.sim;

import java.util.Arrays;

/**
 * How many frames per second the simulated machine can decode at each level; frames of a level
 * above its capacity are dropped while that level plays.
 *
 * @param videoFps frame rate of the content
 * @param decodeFpsPerLevel decode capacity per level, frames per second
 */
public record DecodeModel(double videoFps, double[] decodeFpsPerLevel) {
  /** Validates the rates. */
  public DecodeModel {
    if (!(videoFps > 0)) {
      throw new SimulationDataException("videoFps: expected > 0 but was " + videoFps);
    }
    decodeFpsPerLevel = decodeFpsPerLevel.clone();
    for (double d : decodeFpsPerLevel) {
      if (!(d >= 0)) {
        throw new SimulationDataException("decodeFps: expected >= 0 but was " + d);
      }
    }
  }

  /** A machine that decodes everything. */
  public static DecodeModel unlimited(int levels, double videoFps) {
    double[] d = new double[levels];
    Arrays.fill(d, Double.MAX_VALUE);
    return new DecodeModel(videoFps, d);
  }

  /** Dropped share of frames at {@code level}. */
  public double dropRatio(int level) {
    return Math.max(0, 1 - decodeFpsPerLevel[level] / videoFps);
  }

  @Override
  public double[] decodeFpsPerLevel() {
    return decodeFpsPerLevel.clone();
  }
}
